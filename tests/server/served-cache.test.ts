import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, createServedSurveyCache } from '../../server/app'
import { createLogger } from '../../server/logger'
import { listenForServedChanges } from '../../server/served-cache'
import { signIn, type Client } from '../support/admin-client'
import { testApp, testConfig } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter, seedSurvey, seedUser } from '../support/factories'

// A clock that never moves: the served-survey cache never expires by time here, so each test proves that the
// change itself made the code serve the new state.
const now = new Date('2026-03-10T03:00:00Z')
const today = '2026-03-10'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
let admin: Client

beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql, { clock: () => now }).app
  admin = (await signIn(app, await seedUser(db.sql, { role: 'admin' }))).client
})
afterAll(() => db.drop())

type Served = { counter: { name: string }; unit: { name: string }; fields: { code: string; name: string }[]; survey: { versionId: number } }

/** What the code serves, through the public API (the same cache the survey page and submissions read). */
async function served(code: string, from: { request: typeof app.request } = app) {
  const res = await from.request(`/api/v1/public/surveys/${code}`)
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as Served) : undefined }
}

async function expectOk(res: Response) {
  expect(res.status, await res.clone().text()).toBeLessThan(300)
}

describe('what a QR code serves, after a change', () => {
  it('shows a field renamed by a catalogue import', async () => {
    const counter = await seedCounter(db.sql, { fieldCodes: ['dat-dai'] })
    const field = counter.fields[0]!
    expect((await served(counter.code)).body?.fields).toEqual([{ code: field.code, name: 'Lĩnh vực thử' }])
    await expectOk(await admin.postText('/api/v1/fields/import', `code,name\r\n${field.code},Đất đai (sau sáp nhập)`))
    expect((await served(counter.code)).body?.fields).toEqual([{ code: field.code, name: 'Đất đai (sau sáp nhập)' }])
  })

  it('shows a renamed counter, and answers 404 once the counter is deactivated', async () => {
    const counter = await seedCounter(db.sql)
    expect((await served(counter.code)).body?.counter.name).toBe('Quầy 1')
    await expectOk(await admin.patch(`/api/v1/counters/${counter.counterId}`, { name: 'Quầy tiếp nhận 2' }))
    expect((await served(counter.code)).body?.counter.name).toBe('Quầy tiếp nhận 2')
    await expectOk(await admin.patch(`/api/v1/counters/${counter.counterId}`, { isActive: false }))
    expect((await served(counter.code)).status).toBe(404)
  })

  it('answers 404 for a code rotated away', async () => {
    const counter = await seedCounter(db.sql)
    expect((await served(counter.code)).status).toBe(200)
    await expectOk(await admin.post(`/api/v1/counters/${counter.counterId}/rotate-code`))
    expect((await served(counter.code)).status).toBe(404)
  })

  it('serves the survey version newly assigned to the counter', async () => {
    const counter = await seedCounter(db.sql)
    const other = await seedSurvey(db.sql)
    expect((await served(counter.code)).body?.survey.versionId).toBe(counter.versionId)
    await expectOk(await admin.post('/api/v1/assignments', { surveyVersionId: other.versionId, counterIds: [counter.counterId] }))
    expect((await served(counter.code)).body?.survey.versionId).toBe(other.versionId)
  })

  it('shows the unit renamed from today', async () => {
    const counter = await seedCounter(db.sql)
    expect((await served(counter.code)).body?.unit.name).toBe('Phường Thử')
    await expectOk(await admin.post(`/api/v1/units/${counter.unitId}/versions`, { validFrom: today, name: 'Phường Thử Mới' }))
    expect((await served(counter.code)).body?.unit.name).toBe('Phường Thử Mới')
  })

  it('answers 404 once the service point is deactivated', async () => {
    const counter = await seedCounter(db.sql)
    const [point] = await db.sql<[{ id: number }]>`select service_point_id as id from counters where id = ${counter.counterId}`
    expect((await served(counter.code)).status).toBe(200)
    await expectOk(await admin.patch(`/api/v1/service-points/${point.id}`, { isActive: false }))
    expect((await served(counter.code)).status).toBe(404)
  })
})

describe('what a QR code serves, in another process', () => {
  it('changes in a process that listens when this one changes it, without waiting for the TTL', async () => {
    // The second app stands for another server process: its own cache, the same database.
    const cache = createServedSurveyCache()
    await listenForServedChanges(db.sql, cache)
    const other = createApp({ sql: db.sql, config: testConfig(), logger: createLogger('silent'), clock: () => now, servedSurveys: cache })
    const counter = await seedCounter(db.sql)
    expect((await served(counter.code, other)).body?.counter.name).toBe('Quầy 1')
    await expectOk(await admin.patch(`/api/v1/counters/${counter.counterId}`, { name: 'Quầy đổi tên' }))
    // The notification arrives asynchronously; the clock is frozen, so only it can make the name change.
    await expect
      .poll(async () => (await served(counter.code, other)).body?.counter.name, { timeout: 10_000, interval: 50 })
      .toBe('Quầy đổi tên')
  })
})

describe('what a QR code serves, with PostgreSQL gone', () => {
  it('renders the survey page from the last known questionnaire, however old, while health says 503', async () => {
    const own = await createTestDatabase()
    let clockMs = now.getTime()
    const outage = testApp(own.sql, { clock: () => new Date(clockMs) }).app
    try {
      const counter = await seedCounter(own.sql)
      const before = await outage.request(`/q/${counter.code}`)
      expect(before.status).toBe(200)
      const page = await before.text()
      expect(page).toContain('<form')
      await own.sql.end()
      clockMs += 24 * 60 * 1000 // long past the cache's few seconds, the same day
      const during = await outage.request(`/q/${counter.code}`)
      expect(during.status).toBe(200)
      expect(await during.text()).toContain('<form')
      expect((await outage.request('/healthz')).status).toBe(503)
      // A code never served before has nothing to fall back on: an error, not a made-up page.
      expect((await outage.request('/q/never-seen-code')).status).toBeGreaterThanOrEqual(400)
    } finally {
      await own.drop().catch(() => {})
    }
  })
})
