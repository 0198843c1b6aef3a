import { AnomaliesAnswer, Exclusion, FlagsAnswer } from '../../shared/flags-contract'
import { StatsAnswer } from '../../shared/stats-contract'
import { answerOf } from '../support/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounterServing, seedResponses, seedSurvey, seedUnit, seedUser } from '../support/factories'
import { ownOrigin, signIn } from '../support/sign-in'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql).app
})
afterAll(() => db.drop())

const local = (dateTime: string) => `${dateTime}:00+07:00`
const august = 'from=2025-08-01&to=2025-08-31'

/** A commune with one counter: six good ratings, two bursts, one too fast from a repeating device. */
async function seedFlaggedCommune() {
  const province = await seedUnit(db.sql, { name: 'Tỉnh Thử', level: 'tinh' })
  const unit = await seedUnit(db.sql, { name: 'Xã Có Cờ', parentId: province.id })
  const other = await seedUnit(db.sql, { name: 'Xã Bên Cạnh', parentId: province.id })
  const survey = await seedSurvey(db.sql)
  const counter = {
    ...(await seedCounterServing(db.sql, { unitId: unit.id, versionId: survey.versionId, name: 'Quầy tiếp nhận' })),
    ...survey,
  }
  const ids = await seedResponses(db.sql, counter, [
    ...Array.from({ length: 6 }, () => ({ at: local('2025-08-12T09:30'), answers: { overall: 3 } })),
    { at: local('2025-08-12T10:00'), answers: { overall: 1 }, flagReasons: ['burst'] },
    { at: local('2025-08-12T10:01'), answers: { overall: 1 }, flagReasons: ['burst'] },
    { at: local('2025-08-13T18:45'), answers: { overall: 2 }, flagReasons: ['too_fast', 'repeat_device'] },
  ])
  // The supervising level: the province's analyst (the commune's own staff may not curate it).
  const analyst = await seedUser(db.sql, { role: 'analyst', unitId: province.id })
  return {
    province,
    unit,
    other,
    survey,
    counter,
    good: ids.slice(0, 6),
    bursts: ids.slice(6, 8),
    fast: ids[8]!,
    analyst,
    cookie: await signIn(app, analyst),
  }
}

const post = (
  path: string,
  cookie: string,
  headers: Record<string, string> = { origin: ownOrigin },
  body: unknown = { reason: 'Đã kiểm tra camera tại quầy' },
) => app.request(path, { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

async function overallOf(cookie: string, surveyId: number) {
  const { overall } = await answerOf(
    await app.request(`/api/v1/stats?surveyId=${surveyId}&${august}`, { headers: { cookie } }),
    StatsAnswer,
  )
  return { responses: overall.responses, excluded: overall.excluded, rate: overall.rate }
}

/** The unit of a counter: the unit tiers have no counter, and each counter of these tests has a unit of its own. */
const unitOf = (counterId: number) =>
  db.sql`select sp.unit_id from counters c join service_points sp on sp.id = c.service_point_id where c.id = ${counterId}`

/** Each rollup table's counts of one counter, as (table, excluded, question, value, n), zero rows left out. */
async function rollupCounts(counterId: number) {
  return db.sql<{ source: string; isExcluded: boolean; questionKey: string; value: number; n: number }[]>`
    select source, is_excluded, question_key, value::int as value, sum(n)::int as n
    from (
      select 'main' as source, is_excluded, question_key, value, n from rollups where counter_id = ${counterId}
      union all
      select 'procedure', is_excluded, question_key, value, n from rollups_by_procedure where counter_id = ${counterId}
      union all
      select 'hour', is_excluded, question_key, value, n from rollups_by_hour where counter_id = ${counterId}
      union all
      select 'month', is_excluded, question_key, value, n from rollups_by_month where counter_id = ${counterId}
      union all
      select 'year', is_excluded, question_key, value, n from rollups_by_year where counter_id = ${counterId}
      union all
      select 'unit month', is_excluded, question_key, value, n from rollups_by_unit_month where unit_id = (${unitOf(counterId)})
      union all
      select 'unit year', is_excluded, question_key, value, n from rollups_by_unit_year where unit_id = (${unitOf(counterId)})
    ) all_rollups
    group by source, is_excluded, question_key, value
    having sum(n) > 0
    order by source, is_excluded, question_key, value
  `
}

/** The same counts recounted from the raw responses, for each rollup table. */
async function recount(counterId: number) {
  const rows = await db.sql<{ isExcluded: boolean; questionKey: string; value: number; n: number }[]>`
    select is_excluded, question_key, value, count(*)::int as n
    from (
      select is_excluded, '*' as question_key, 0 as value from responses where counter_id = ${counterId}
      union all
      select is_excluded, 'overall', (answers->>'overall')::int from responses where counter_id = ${counterId}
    ) answers
    group by is_excluded, question_key, value
    order by is_excluded, question_key, value
  `
  return ['hour', 'main', 'month', 'procedure', 'unit month', 'unit year', 'year'].flatMap((source) =>
    rows.map((row) => ({ source, ...row })),
  )
}

describe('GET /api/v1/flags', () => {
  it('counts flagged ratings per reason and lists them newest first', async () => {
    const w = await seedFlaggedCommune()
    const body = await answerOf(await app.request(`/api/v1/flags?${august}`, { headers: { cookie: w.cookie } }), FlagsAnswer)
    expect(body).toMatchObject({
      from: '2025-08-01',
      to: '2025-08-31',
      total: 3,
      excluded: 3,
      counts: { burst: 2, repeat_device: 1, too_fast: 1 },
      limit: 50,
      offset: 0,
    })
    expect(body.items[0]).toEqual({
      id: w.fast,
      submittedAt: '2025-08-13T11:45:00.000Z',
      counter: { id: w.counter.counterId, name: 'Quầy tiếp nhận' },
      unitId: w.unit.id,
      reasons: ['too_fast', 'repeat_device'],
      excluded: true,
    })
    expect(
      body.items
        .map((i: { id: string }) => i.id)
        .slice(1)
        .sort(),
    ).toEqual([...w.bursts].sort())
  })

  it('pages with limit and offset', async () => {
    const w = await seedFlaggedCommune()
    const body = await answerOf(
      await app.request(`/api/v1/flags?${august}&limit=1&offset=1`, { headers: { cookie: w.cookie } }),
      FlagsAnswer,
    )
    expect(body.total).toBe(3)
    expect(body.items).toHaveLength(1)
    expect(w.bursts).toContain(body.items[0]?.id)
  })

  it('shows another commune none of these flags, and answers 404 for a unit outside scope', async () => {
    const w = await seedFlaggedCommune()
    const neighbour = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: w.other.id }))
    const own = await answerOf(await app.request(`/api/v1/flags?${august}`, { headers: { cookie: neighbour } }), FlagsAnswer)
    expect(own).toMatchObject({ total: 0, excluded: 0, counts: {}, items: [] })
    expect((await app.request(`/api/v1/flags?${august}&unitId=${w.unit.id}`, { headers: { cookie: neighbour } })).status).toBe(404)
  })
})

describe('POST /api/v1/responses/{id}/restore and /exclude', () => {
  it('moves a restored rating into the statistics, in all three rollups, with an audit row', async () => {
    const w = await seedFlaggedCommune()
    expect(await overallOf(w.cookie, w.survey.surveyId)).toEqual({ responses: 6, excluded: 3, rate: 1 })
    const res = await post(`/api/v1/responses/${w.fast}/restore`, w.cookie)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ id: w.fast, excluded: false, changed: true })
    expect(await overallOf(w.cookie, w.survey.surveyId)).toEqual({ responses: 7, excluded: 2, rate: 1 })
    expect(await rollupCounts(w.counter.counterId)).toEqual(await recount(w.counter.counterId))
    const [row] = await db.sql`select is_excluded, flag_reasons from responses where id = ${w.fast}`
    expect(row).toEqual({ isExcluded: false, flagReasons: ['too_fast', 'repeat_device'] })
    const audit = await db.sql`select user_id, action, entity, unit_id from audit_log where entity_id = ${w.fast}`
    expect(audit).toEqual([{ userId: w.analyst.id, action: 'restore', entity: 'response', unitId: w.unit.id }])
  })

  it('excludes a restored flagged rating and is idempotent, keeping the reason in the audit log', async () => {
    const w = await seedFlaggedCommune()
    const id = w.bursts[0]!
    expect((await post(`/api/v1/responses/${id}/restore`, w.cookie)).status).toBe(200)
    expect(
      await answerOf(
        await post(`/api/v1/responses/${id}/exclude`, w.cookie, undefined, { reason: 'Dồn dập, xác nhận do nhân viên' }),
        Exclusion,
      ),
    ).toEqual({ id, excluded: true, changed: true })
    expect(await answerOf(await post(`/api/v1/responses/${id}/exclude`, w.cookie), Exclusion)).toEqual({
      id,
      excluded: true,
      changed: false,
    })
    expect(await overallOf(w.cookie, w.survey.surveyId)).toEqual({ responses: 6, excluded: 3, rate: 1 })
    expect(await rollupCounts(w.counter.counterId)).toEqual(await recount(w.counter.counterId))
    const audit = await db.sql`select action, details->>'reason' as reason from audit_log where entity_id = ${id} order by id`
    expect(audit).toEqual([
      { action: 'restore', reason: 'Đã kiểm tra camera tại quầy' },
      { action: 'exclude', reason: 'Dồn dập, xác nhận do nhân viên' },
    ])
  })

  it('refuses to set apart a rating that no rule flagged (409), and any change without a reason (400)', async () => {
    const w = await seedFlaggedCommune()
    const good = w.good[0]!
    const res = await post(`/api/v1/responses/${good}/exclude`, w.cookie)
    expect(res.status).toBe(409)
    expect((await res.json()).error.code).toBe('conflict')
    expect((await post(`/api/v1/responses/${w.fast}/restore`, w.cookie, undefined, {})).status).toBe(400)
    expect((await post(`/api/v1/responses/${w.fast}/restore`, w.cookie, undefined, { reason: '  ' })).status).toBe(400)
    const rows = await db.sql`select id, is_excluded from responses where id in ${db.sql([good, w.fast])} order by is_excluded`
    expect(rows).toEqual([
      { id: good, isExcluded: false },
      { id: w.fast, isExcluded: true },
    ])
    const [{ n }] = await db.sql<[{ n: number }]>`select count(*)::int as n from audit_log where entity_id in ${db.sql([good, w.fast])}`
    expect(n).toBe(0)
  })

  it('lets only a supervising level curate: the commune’s own manager and analyst get 403 and no flags panel', async () => {
    const w = await seedFlaggedCommune()
    for (const role of ['manager', 'analyst'] as const) {
      const own = await signIn(app, await seedUser(db.sql, { role, unitId: w.unit.id }))
      expect((await post(`/api/v1/responses/${w.fast}/restore`, own)).status).toBe(403)
      expect((await app.request(`/api/v1/flags?${august}&unitId=${w.unit.id}`, { headers: { cookie: own } })).status).toBe(403)
      const panel = await answerOf(await app.request(`/api/v1/flags?${august}`, { headers: { cookie: own } }), FlagsAnswer)
      expect(panel).toMatchObject({ total: 0, items: [] })
    }
    const [row] = await db.sql`select is_excluded from responses where id = ${w.fast}`
    expect(row!.isExcluded).toBe(true)
    const admin = await signIn(app, await seedUser(db.sql, { role: 'admin' }))
    expect((await post(`/api/v1/responses/${w.fast}/restore`, admin)).status).toBe(200)
  })

  it('restores then excludes again back to the same counts', async () => {
    const w = await seedFlaggedCommune()
    const before = await rollupCounts(w.counter.counterId)
    await post(`/api/v1/responses/${w.bursts[0]}/restore`, w.cookie)
    expect(await overallOf(w.cookie, w.survey.surveyId)).toEqual({ responses: 7, excluded: 2, rate: 6 / 7 })
    await post(`/api/v1/responses/${w.bursts[0]}/exclude`, w.cookie)
    expect(await rollupCounts(w.counter.counterId)).toEqual(before)
  })

  it('answers 404 to an analyst of another commune and changes nothing', async () => {
    const w = await seedFlaggedCommune()
    const neighbour = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: w.other.id }))
    const res = await post(`/api/v1/responses/${w.fast}/restore`, neighbour)
    expect(res.status).toBe(404)
    const [row] = await db.sql`select is_excluded from responses where id = ${w.fast}`
    expect(row!.isExcluded).toBe(true)
    const manager = await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: w.province.id }))
    expect((await post(`/api/v1/responses/${w.fast}/restore`, manager)).status).toBe(200)
  })

  it('refuses a cross-site request, a signed-out one and a malformed id', async () => {
    const w = await seedFlaggedCommune()
    expect((await post(`/api/v1/responses/${w.fast}/restore`, w.cookie, {})).status).toBe(403)
    expect((await post(`/api/v1/responses/${w.fast}/restore`, '', { origin: ownOrigin })).status).toBe(401)
    expect((await post('/api/v1/responses/not-a-uuid/restore', w.cookie)).status).toBe(400)
    expect((await post('/api/v1/responses/00000000-0000-4000-8000-000000000000/restore', w.cookie)).status).toBe(404)
    const [row] = await db.sql`select is_excluded from responses where id = ${w.fast}`
    expect(row!.isExcluded).toBe(true)
  })
})

describe('GET /api/v1/flags/anomalies', () => {
  it('raises a counter-day of 30 identical ratings to the supervising level, not one of 30 varied ones', async () => {
    const province = await seedUnit(db.sql, { name: 'Tỉnh Bất Thường', level: 'tinh' })
    const unit = await seedUnit(db.sql, { name: 'Xã Đều Đặn', parentId: province.id })
    const survey = await seedSurvey(db.sql)
    const flat = { ...(await seedCounterServing(db.sql, { unitId: unit.id, versionId: survey.versionId, name: 'Quầy đều' })), ...survey }
    const varied = {
      ...(await seedCounterServing(db.sql, { unitId: unit.id, versionId: survey.versionId, name: 'Quầy thường' })),
      ...survey,
    }
    await seedResponses(
      db.sql,
      flat,
      Array.from({ length: 30 }, (_, i) => ({
        at: local(`2025-08-14T${String(8 + (i % 9)).padStart(2, '0')}:${String(i).padStart(2, '0')}`),
        answers: { overall: 3 },
      })),
    )
    await seedResponses(
      db.sql,
      flat,
      Array.from({ length: 29 }, () => ({ at: local('2025-08-15T09:00'), answers: { overall: 3 } })),
    )
    await seedResponses(
      db.sql,
      varied,
      Array.from({ length: 30 }, (_, i) => ({ at: local('2025-08-14T09:00'), answers: { overall: i % 4 === 0 ? 1 : 3 } })),
    )
    const supervisor = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: province.id }))
    const body = await answerOf(
      await app.request(`/api/v1/flags/anomalies?${august}`, { headers: { cookie: supervisor } }),
      AnomaliesAnswer,
    )
    expect(body.rule).toEqual({ minRatings: 30, maxVariance: 0.05 })
    expect(body.items).toEqual([
      { counter: { id: flat.counterId, name: 'Quầy đều' }, unitId: unit.id, day: '2025-08-14', ratings: 30, mean: 3, variance: 0 },
    ])
    const own = await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: unit.id }))
    expect((await app.request(`/api/v1/flags/anomalies?${august}&unitId=${unit.id}`, { headers: { cookie: own } })).status).toBe(403)
    expect((await (await app.request(`/api/v1/flags/anomalies?${august}`, { headers: { cookie: own } })).json()).items).toEqual([])
  })
})
