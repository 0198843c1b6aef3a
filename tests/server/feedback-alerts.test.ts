import { createHmac } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { announceOverdueCases } from '../../server/feedback/service'
import { createLogger } from '../../server/logger'
import { AlertsAnswer, FeedbackCase, InboxAnswer, WebhookAnswer } from '../../shared/feedback-contract'
import { signIn } from '../support/admin-client'
import { testApp, testConfig, testSecretKey } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounterServing, seedResponses, seedSurvey, seedTarget, seedUnit, seedUser } from '../support/factories'

// Cases are taken up on Friday 15 August 2025 (due Friday 29 August); alerts are read on Friday 5 September.
const takenUpOn = new Date('2025-08-15T09:00:00+07:00')
const readOn = new Date('2025-09-05T09:00:00+07:00')

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db.drop())

const local = (dateTime: string) => `${dateTime}:00+07:00`

/** A province and two communes; commune A's counter rated poorly in August (40 ratings, 10 satisfied). */
async function seedPoorCommune() {
  const province = await seedUnit(db.sql, { name: 'Tỉnh Cảnh Báo', level: 'tinh' })
  const communeA = await seedUnit(db.sql, { name: 'Xã Chưa Đạt', parentId: province.id })
  const communeB = await seedUnit(db.sql, { name: 'Xã Khác', parentId: province.id })
  const survey = await seedSurvey(db.sql)
  const counter = {
    ...(await seedCounterServing(db.sql, { unitId: communeA.id, versionId: survey.versionId, name: 'Quầy chậm' })),
    ...survey,
  }
  await seedResponses(db.sql, counter, [
    ...Array.from({ length: 10 }, (_, i) => ({
      at: local(`2025-08-${String(10 + (i % 10)).padStart(2, '0')}T09:00`),
      answers: { overall: 3 },
    })),
    ...Array.from({ length: 30 }, (_, i) => ({
      at: local(`2025-08-${String(10 + (i % 10)).padStart(2, '0')}T10:00`),
      answers: { overall: 1 },
    })),
    { at: local('2025-08-12T11:00'), answers: { overall: 1, reasons: [2] }, comment: 'Chờ cả buổi sáng' },
  ])
  await seedTarget(db.sql, { unitId: communeA.id, value: 0.9 })
  return {
    province,
    communeA,
    communeB,
    counter,
    users: {
      province: await seedUser(db.sql, { role: 'manager', unitId: province.id }),
      managerA: await seedUser(db.sql, { role: 'manager', unitId: communeA.id }),
      managerB: await seedUser(db.sql, { role: 'manager', unitId: communeB.id }),
    },
  }
}

async function takeUpTheComment(s: Awaited<ReturnType<typeof seedPoorCommune>>) {
  const { client } = await signIn(testApp(db.sql, { clock: () => takenUpOn }).app, s.users.managerA)
  const inbox = InboxAnswer.parse(await (await client.get('/api/v1/feedback/inbox?from=2025-08-01&to=2025-08-31')).json())
  const res = await client.post('/api/v1/feedback/cases', {
    itemKey: inbox.items[0]!.key,
    category: 'phan_anh',
    assigneeUnitId: s.communeA.id,
  })
  expect(res.status).toBe(201)
  return FeedbackCase.parse(await res.json())
}

describe('alerts for the supervising level', () => {
  it('lists units and counters below target over 30 days, and cases past their deadline; another commune sees none', async () => {
    const s = await seedPoorCommune()
    const created = await takeUpTheComment(s)
    const app = testApp(db.sql, { clock: () => readOn }).app
    const { client } = await signIn(app, s.users.province)
    const res = await client.get('/api/v1/feedback/alerts')
    expect(res.status).toBe(200)
    const alerts = AlertsAnswer.parse(await res.json())
    expect(alerts).toMatchObject({ from: '2025-08-07', to: '2025-09-05' })
    expect(alerts.belowTarget.map((a) => [a.kind, a.label, a.target])).toEqual([
      ['unit', 'Xã Chưa Đạt', 0.9],
      ['counter', expect.stringContaining('Quầy chậm'), 0.9],
    ])
    expect(alerts.belowTarget[0]!.responses).toBe(41)
    expect(alerts.overdueCases).toEqual([
      {
        id: created.id,
        unit: { id: s.communeA.id, name: 'Xã Chưa Đạt' },
        assigneeUnit: { id: s.communeA.id, name: 'Xã Chưa Đạt' },
        dueOn: '2025-08-29',
        status: 'received',
      },
    ])
    const other = AlertsAnswer.parse(await (await (await signIn(app, s.users.managerB)).client.get('/api/v1/feedback/alerts')).json())
    expect(other).toMatchObject({ belowTarget: [], overdueCases: [] })
    // Before the deadline the case is no alert.
    const early = testApp(db.sql, { clock: () => takenUpOn }).app
    const before = AlertsAnswer.parse(await (await (await signIn(early, s.users.province)).client.get('/api/v1/feedback/alerts')).json())
    expect(before.overdueCases).toEqual([])
  })
})

describe('webhooks', () => {
  const received: { body: string; signature: string; event: string }[] = []
  let answers: number[] = []
  let server: Server
  let url: string
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => {
        body += chunk
      })
      req.on('end', () => {
        received.push({ body, signature: String(req.headers['x-sipas-signature']), event: String(req.headers['x-sipas-event']) })
        res.statusCode = answers.shift() ?? 200
        res.end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sipas`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('tells the supervising unit’s systems of an overdue case once, signed, retrying after failures', async () => {
    const s = await seedPoorCommune()
    const deps = { sql: db.sql, clock: () => readOn, config: testConfig(), logger: createLogger('silent') }
    // Cases of other tests' provinces (no webhook there) are announced out of the way first.
    await announceOverdueCases(deps, { retryDelaysMs: [] })
    const created = await takeUpTheComment(s)
    const app = testApp(db.sql, { clock: () => readOn }).app
    const { client } = await signIn(app, s.users.province)
    expect((await client.put(`/api/v1/feedback/webhooks/${s.province.id}`, { url: 'ftp://example.org' })).status).toBe(400)
    expect((await (await signIn(app, s.users.managerB)).client.put(`/api/v1/feedback/webhooks/${s.province.id}`, { url })).status).toBe(403)
    const set = await client.put(`/api/v1/feedback/webhooks/${s.province.id}`, { url })
    expect(set.status).toBe(200)
    const { secret } = WebhookAnswer.parse(await set.json())

    received.length = 0
    answers = [500, 503]
    const outcome = await announceOverdueCases(deps, { retryDelaysMs: [5, 10, 20] })
    expect(outcome).toEqual({ cases: 1, delivered: 1 })
    expect(received).toHaveLength(3)
    for (const r of received) {
      expect(r.event).toBe('feedback_case.overdue')
      expect(r.signature).toBe(`sha256=${createHmac('sha256', secret).update(r.body).digest('hex')}`)
      expect(JSON.parse(r.body)).toEqual({
        event: 'feedback_case.overdue',
        caseId: created.id,
        unitId: s.communeA.id,
        unitName: 'Xã Chưa Đạt',
        assigneeUnitId: s.communeA.id,
        dueOn: '2025-08-29',
        status: 'received',
      })
    }
    expect(received[0]!.signature).not.toBe(`sha256=${createHmac('sha256', testSecretKey).update(received[0]!.body).digest('hex')}`)
    // Announced once: the next run sends nothing.
    expect(await announceOverdueCases(deps, { retryDelaysMs: [5] })).toEqual({ cases: 0, delivered: 0 })
    expect(received).toHaveLength(3)
  })

  it('gives up after the last retry, and at once on a 4xx refusal', async () => {
    const { deliver } = await import('../../server/feedback/webhook')
    received.length = 0
    answers = [500, 500, 500]
    expect(await deliver({ url, secret: 's', event: 'test', payload: {} }, { retryDelaysMs: [5, 5] })).toEqual({
      delivered: false,
      attempts: 3,
    })
    answers = [410]
    expect(await deliver({ url, secret: 's', event: 'test', payload: {} }, { retryDelaysMs: [5, 5] })).toEqual({
      delivered: false,
      attempts: 1,
    })
    expect(received).toHaveLength(4)
  })
})
