import { z } from 'zod'
import { ApiKeySummary, CreatedApiKey } from '../../shared/admin-contract'
import { answerOf } from '../support/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedApiKey, seedCounter, seedUnit, seedUser } from '../support/factories'
import { ownOrigin, signIn } from '../support/sign-in'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql).app
})
afterAll(() => db.drop())

const post = (path: string, cookie: string, body: unknown = {}) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ownOrigin, cookie },
    body: JSON.stringify(body),
  })
const mint = (key: string, counterId: number, dossierCode: string) =>
  app.request('/api/v1/invitations', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ counterId, dossierCode }),
  })

describe('API keys of the one-stop systems', () => {
  it('are made by an admin for a unit subtree, shown once, and mint invitations until revoked', async () => {
    const unit = await seedUnit(db.sql)
    const counter = await seedCounter(db.sql, { unitId: unit.id })
    const manager = await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: unit.id }))
    const admin = await signIn(app, await seedUser(db.sql, { role: 'admin' }))
    const created = await post('/api/v1/api-keys', admin, { name: 'Hệ thống một cửa điện tử', unitId: unit.id })
    const { id, key } = await answerOf(created, CreatedApiKey, 201)
    expect(key).toMatch(/^sipas_[\w-]{32}$/)
    expect((await mint(key, counter.counterId, 'HS-KEY-1')).status).toBe(201)

    const list = await answerOf(await app.request('/api/v1/api-keys', { headers: { cookie: manager } }), z.array(ApiKeySummary))
    expect(list.map((k) => k.id)).toContain(id)
    expect(JSON.stringify(list)).not.toContain(key)
    const [dump] = await db.sql<[{ text: string }]>`select string_agg(k::text, ' ') as text from api_keys k`
    expect(dump.text).not.toContain(key.slice(6))

    expect((await post(`/api/v1/api-keys/${id}/revoke`, manager)).status).toBe(403)
    expect((await post(`/api/v1/api-keys/${id}/revoke`, admin)).status).toBe(204)
    expect((await mint(key, counter.counterId, 'HS-KEY-2')).status).toBe(401)
    const audit = await db.sql`select action from audit_log where entity = 'api_key' and entity_id = ${String(id)} order by id`
    expect(audit.map((a) => a.action)).toEqual(['create', 'revoke'])
  })

  it('refuses a manager of the unit itself (its own staff cannot mint verified ratings), and an analyst', async () => {
    const unit = await seedUnit(db.sql)
    const own = await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: unit.id }))
    expect((await post('/api/v1/api-keys', own, { name: 'x', unitId: unit.id })).status).toBe(403)
    const admin = await signIn(app, await seedUser(db.sql, { role: 'admin' }))
    const { id } = await (await post('/api/v1/api-keys', admin, { name: 'x', unitId: unit.id })).json()
    expect((await post(`/api/v1/api-keys/${id}/revoke`, own)).status).toBe(403)
    const [key] = await db.sql<[{ revokedAt: Date | null }]>`select revoked_at from api_keys where id = ${id}`
    expect(key.revokedAt).toBeNull()
    const analyst = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: unit.id }))
    expect((await post('/api/v1/api-keys', analyst, { name: 'x', unitId: unit.id })).status).toBe(403)
  })

  it('mint up to their daily quota, then 429 until the next local day', async () => {
    let now = new Date('2025-08-12T09:00:00+07:00').getTime()
    const quotaApp = testApp(db.sql, { clock: () => new Date(now), env: { API_KEY_DAILY_QUOTA: '2' } }).app
    const unit = await seedUnit(db.sql)
    const counter = await seedCounter(db.sql, { unitId: unit.id })
    const key = await seedApiKey(db.sql, unit.id)
    const mintOn = (code: string) =>
      quotaApp.request('/api/v1/invitations', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ counterId: counter.counterId, dossierCode: code }),
      })
    expect([(await mintOn('Q-1')).status, (await mintOn('Q-2')).status]).toEqual([201, 201])
    const over = await mintOn('Q-3')
    expect(over.status).toBe(429)
    expect((await over.json()).error.code).toBe('rate_limited')
    expect(Number(over.headers.get('retry-after'))).toBe(15 * 3600)
    now += 86_400_000
    expect((await mintOn('Q-3')).status).toBe(201)
    const usage =
      await db.sql`select to_char(day, 'YYYY-MM-DD') as day, n from api_key_usage where day between '2025-08-12' and '2025-08-13' order by day`
    expect(usage).toEqual([
      { day: '2025-08-12', n: 3 },
      { day: '2025-08-13', n: 1 },
    ])
  })
})
