import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { Official, OfficialResultsAnswer } from '../../shared/officials-contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type Client } from '../support/admin-client'
import { testApp } from '../support/app'
import { answerOf } from '../support/contract'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter, seedResponses, seedUnit, seedUser } from '../support/factories'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
let admin: Client

beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql).app
  admin = (await signIn(app, await seedUser(db.sql, { role: 'admin' }))).client
})
afterAll(() => db.drop())

/** A district with one commune whose counter serves the quick rating. */
async function tree() {
  const district = await seedUnit(db.sql, { name: 'Thành phố Chí Linh', level: 'huyen' })
  const commune = await seedUnit(db.sql, { name: 'Phường Sao Đỏ', level: 'xa', parentId: district.id })
  const counter = await seedCounter(db.sql, { unitId: commune.id })
  return { district, commune, counter }
}

const addOfficial = async (client: Client, counterId: number, displayName: string, userId: number | null = null) =>
  answerOf(await client.post('/api/v1/officials', { counterId, displayName, userId }), Official, 201)

const postRating = (body: Record<string, unknown>) =>
  app.request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

describe('officials serving a counter', () => {
  it('lets a manager of the subtree list, add and remove them, each change audited', async () => {
    const { district, counter } = await tree()
    const manager = (await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: district.id }))).client
    const a = await addOfficial(manager, counter.counterId, 'Nguyễn Văn A – công chức Tư pháp')
    const b = await addOfficial(manager, counter.counterId, 'Trần Thị B – công chức Địa chính')
    const listed = await answerOf(await manager.get(`/api/v1/officials?counterId=${counter.counterId}`), z.array(Official))
    expect(listed.map((o) => o.displayName)).toEqual(['Nguyễn Văn A – công chức Tư pháp', 'Trần Thị B – công chức Địa chính'])
    expect((await manager.delete(`/api/v1/officials/${a.id}`)).status).toBe(204)
    expect(
      (await answerOf(await manager.get(`/api/v1/officials?counterId=${counter.counterId}`), z.array(Official))).map((o) => o.id),
    ).toEqual([b.id])
    expect((await manager.delete(`/api/v1/officials/${a.id}`)).status).toBe(404)
    const audit = await db.sql<{ action: string; entityId: string }[]>`
      select action, entity_id from audit_log where entity = 'official' and entity_id in (${String(a.id)}, ${String(b.id)}) order by id
    `
    expect(audit).toEqual([
      { action: 'create', entityId: String(a.id) },
      { action: 'create', entityId: String(b.id) },
      { action: 'delete', entityId: String(a.id) },
    ])
  })

  it('refuses analysts, counters outside the subtree and accounts the manager does not manage', async () => {
    const { commune, counter } = await tree()
    const analyst = (await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: commune.id }))).client
    expect((await analyst.post('/api/v1/officials', { counterId: counter.counterId, displayName: 'Nguyễn Văn A' })).status).toBe(403)
    const stranger = (await signIn(app, await seedUser(db.sql, { role: 'manager' }))).client
    expect((await stranger.post('/api/v1/officials', { counterId: counter.counterId, displayName: 'Nguyễn Văn A' })).status).toBe(404)
    const manager = (await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: commune.id }))).client
    const outsider = await seedUser(db.sql, { role: 'analyst' })
    const res = await manager.post('/api/v1/officials', { counterId: counter.counterId, displayName: 'Nguyễn Văn A', userId: outsider.id })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { issues: { path: unknown[] }[] } }).error.issues[0]!.path).toEqual(['userId'])
    const blank = await manager.post('/api/v1/officials', { counterId: counter.counterId, displayName: '   ' })
    expect(blank.status).toBe(400)
    const [{ n }] = await db.sql<[{ n: number }]>`select count(*)::int as n from counter_officials where counter_id = ${counter.counterId}`
    expect(n).toBe(0)
  })
})

describe('a rating naming the official who served', () => {
  it('offers an optional select on the survey page, nothing pre-selected, only for counters that list officials', async () => {
    const { counter } = await tree()
    const before = await app.request(`/q/${counter.code}`)
    expect(before.status).toBe(200)
    expect(await before.text()).not.toContain('name="officialId"')
    const a = await addOfficial(admin, counter.counterId, 'Nguyễn Văn A – công chức Tư pháp')
    const html = await (await app.request(`/q/${counter.code}`)).text()
    expect(html).toContain('Công chức tiếp nhận (không bắt buộc)')
    expect(html).toContain(`<option value="${a.id}">Nguyễn Văn A – công chức Tư pháp</option>`)
    const select = /<select[^>]*name="officialId"[^>]*>[\s\S]*?<\/select>/.exec(html)![0]
    expect(select).not.toContain('required')
    expect(select.match(/selected/g)).toEqual(['selected'])
    expect(select).toMatch(/<option value="" selected="">/)
  })

  it('stores the official of the counter, refuses one of another counter or a removed one with 400, storing nothing', async () => {
    const { counter } = await tree()
    const other = await tree()
    const a = await addOfficial(admin, counter.counterId, 'Nguyễn Văn A')
    const elsewhere = await addOfficial(admin, other.counter.counterId, 'Lê Văn C')
    const kept = randomUUID()
    expect((await postRating({ counterCode: counter.code, submissionId: kept, answers: { overall: 3 }, officialId: a.id })).status).toBe(
      201,
    )
    const [stored] = await db.sql<[{ officialId: number }]>`select official_id from responses where submission_id = ${kept}`
    expect(stored.officialId).toBe(a.id)

    const refused = randomUUID()
    const res = await postRating({ counterCode: counter.code, submissionId: refused, answers: { overall: 3 }, officialId: elsewhere.id })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: {
        code: 'invalid_input',
        message: 'Công chức này không phục vụ tại quầy.',
        issues: [{ path: ['officialId'], message: 'Công chức này không phục vụ tại quầy.' }],
      },
    })
    expect((await admin.delete(`/api/v1/officials/${a.id}`)).status).toBe(204)
    const afterRemoval = await postRating({
      counterCode: counter.code,
      submissionId: randomUUID(),
      answers: { overall: 3 },
      officialId: a.id,
    })
    expect(afterRemoval.status).toBe(400)
    const [{ n }] = await db.sql<[{ n: number }]>`select count(*)::int as n from responses where counter_id = ${counter.counterId}`
    expect(n).toBe(1)
    const withoutOfficial = randomUUID()
    expect((await postRating({ counterCode: counter.code, submissionId: withoutOfficial, answers: { overall: 2 } })).status).toBe(201)
    const [none] = await db.sql<[{ officialId: number | null }]>`select official_id from responses where submission_id = ${withoutOfficial}`
    expect(none.officialId).toBeNull()
  })

  it('takes the official from the no-JavaScript form post, and shows the select with an error for a wrong one', async () => {
    const { counter } = await tree()
    const a = await addOfficial(admin, counter.counterId, 'Nguyễn Văn A')
    const post = (form: Record<string, string>) =>
      app.request(`/q/${counter.code}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      })
    const ok = randomUUID()
    expect((await post({ submissionId: ok, 'a.overall': '3', officialId: String(a.id) })).status).toBe(303)
    const [stored] = await db.sql<[{ officialId: number }]>`select official_id from responses where submission_id = ${ok}`
    expect(stored.officialId).toBe(a.id)
    for (const wrong of ['999999', 'abc']) {
      const res = await post({ submissionId: randomUUID(), 'a.overall': '3', officialId: wrong })
      expect(res.status).toBe(400)
      expect(await res.text()).toContain('Vui lòng chọn công chức trong danh sách.')
    }
    const empty = randomUUID()
    expect((await post({ submissionId: empty, 'a.overall': '3', officialId: '' })).status).toBe(303)
    const [none] = await db.sql<[{ officialId: number | null }]>`select official_id from responses where submission_id = ${empty}`
    expect(none.officialId).toBeNull()
  })
})

describe('per-official results', () => {
  const march = (i: number) => `2025-03-${String(1 + (i % 28)).padStart(2, '0')}T03:00:00Z`
  const ratings = (n: number, satisfied: number, officialId: number, extra: { flagReasons?: string[] } = {}) =>
    Array.from({ length: n }, (_, i) => ({ at: march(i), answers: { overall: i < satisfied ? 3 : 1 }, officialId, ...extra }))

  async function scene() {
    const { district, commune, counter } = await tree()
    const districtAnalyst = await seedUser(db.sql, { role: 'analyst', unitId: district.id })
    const a = await addOfficial(admin, counter.counterId, 'Nguyễn Văn A', districtAnalyst.id)
    const b = await addOfficial(admin, counter.counterId, 'Trần Thị B')
    // A: 30 kept ratings (27 satisfied) and 5 set apart; B: 10 kept.
    await seedResponses(db.sql, counter, [
      ...ratings(30, 27, a.id),
      ...ratings(5, 0, a.id, { flagReasons: ['burst'] }),
      ...ratings(10, 10, b.id),
    ])
    return { district, commune, counter, a, b, districtAnalyst }
  }
  const results = async (client: Client, query: string, status = 200) =>
    answerOf(await client.get(`/api/v1/officials/results?from=2025-01-01&to=2025-12-31${query}`), OfficialResultsAnswer, status)

  it('shows a supervisor the rate and interval above the minimum n, only the count below it, and counts only kept ratings', async () => {
    const { district, a, b } = await scene()
    const supervisor = (await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: district.id }))).client
    const answer = await results(supervisor, `&unitId=${district.id}`)
    expect(answer.minResponses).toBe(30)
    const byId = new Map(answer.items.map((item) => [item.officialId, item]))
    expect(byId.get(a.id)).toMatchObject({ responses: 30, suppressed: false, rate: 0.9 })
    const [lo, hi] = byId.get(a.id)!.ci95!
    expect(lo).toBeCloseTo(0.7438, 3)
    expect(hi).toBeCloseTo(0.9654, 3)
    expect(byId.get(b.id)).toMatchObject({ responses: 10, suppressed: true, rate: null, ci95: null })
  })

  it('never lists a unit’s own officials to their peers, nor an official to their own account; a sibling gets 403', async () => {
    const { district, commune, a, b, districtAnalyst } = await scene()
    const peer = (await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: commune.id }))).client
    expect((await results(peer, '')).items).toEqual([])
    expect((await results(peer, `&unitId=${commune.id}`)).items).toEqual([])
    expect((await peer.get(`/api/v1/officials/results?from=2025-01-01&to=2025-12-31&unitId=${district.id}`)).status).toBe(403)
    const self = (await signIn(app, districtAnalyst)).client
    const seen = (await results(self, `&unitId=${district.id}`)).items.map((item) => item.officialId)
    expect(seen).toEqual([b.id])
    expect(seen).not.toContain(a.id)
  })

  it('lets an admin see every official, and takes the minimum n from OFFICIAL_MIN_N', async () => {
    const { district, b } = await scene()
    const lowMin = testApp(db.sql, { env: { OFFICIAL_MIN_N: '10' } }).app
    const client = (await signIn(lowMin, await seedUser(db.sql, { role: 'admin' }))).client
    const answer = await results(client, `&unitId=${district.id}`)
    expect(answer.minResponses).toBe(10)
    expect(answer.items.find((item) => item.officialId === b.id)).toMatchObject({ responses: 10, suppressed: false, rate: 1 })
    expect(answer.items).toHaveLength(2)
  })

  it('refuses a bad period with 400 in the one error shape', async () => {
    const res = await admin.get('/api/v1/officials/results?from=2025-12-31&to=2025-01-01')
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_input')
  })
})
