import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemo } from '../../server/demo/load-demo'
import { testApp, testSecretKey } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedUser } from '../support/factories'
import { signIn } from '../support/sign-in'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db.drop())

describe('the demo data', () => {
  it('loads a year of ratings and gives the same counts when loaded twice', { timeout: 120_000 }, async () => {
    const options = { secretKey: testSecretKey, timeZone: 'Asia/Ho_Chi_Minh' }
    const first = await loadDemo(db.sql, options)
    const second = await loadDemo(db.sql, options)
    expect(second).toEqual(first)
    expect(first).toMatchObject({ units: 5, counters: 14, procedures: 16, targets: 10 })
    expect(first.responses).toBeGreaterThan(20_000)
    expect(first.rolledUpResponses).toBe(first.responses)
    const [codes] = await db.sql<[{ live: number }]>`select count(*)::int as live from counter_codes where revoked_at is null`
    expect(codes.live).toBe(14)
  })

  it('rates land, construction and investment lower than the other fields', async () => {
    const rates = await db.sql<{ isLand: boolean; rate: number }[]>`
      select f.code in ('dat-dai', 'xay-dung', 'dau-tu') as is_land,
             (sum(r.n) filter (where r.value in (2, 3)))::float / sum(r.n) as rate
      from rollups r
      join fields f on f.id = r.field_id
      where r.question_key = 'overall'
      group by 1
    `
    const land = rates.find((r) => r.isLand)!.rate
    const other = rates.find((r) => !r.isLand)!.rate
    expect(land).toBeLessThan(0.9)
    expect(other).toBeGreaterThan(0.96)
  })

  it('keeps ratings within weekday office hours in Vietnam time', async () => {
    const [outside] = await db.sql<[{ n: number }]>`
      select count(*)::int as n from responses
      where extract(isodow from submitted_at at time zone 'Asia/Ho_Chi_Minh') > 5
         or extract(hour from submitted_at at time zone 'Asia/Ho_Chi_Minh') not between 7 and 17
    `
    expect(outside.n).toBe(0)
  })
})

describe('the online portal, clinics and schools of the demo', () => {
  type Evaluated = { overall: { responses: number; rate: number; targets: { value: number; met: boolean | null }[] } }
  const yearStats = async (surveyCode: string, year: number) => {
    const [ids] = await db.sql<[{ surveyId: number; unitId: number }]>`
      select (select id from surveys where code = ${surveyCode}) as survey_id, (select id from units where code = 'HD-CL') as unit_id
    `
    const { app } = testApp(db.sql)
    const cookie = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: ids.unitId }))
    const res = await app.request(`/api/v1/stats?surveyId=${ids.surveyId}&unitId=${ids.unitId}&period=nam&year=${year}&mode=calendar`, {
      headers: { cookie },
    })
    expect(res.status).toBe(200)
    return (await res.json()) as Evaluated
  }

  it('evaluates the online-services target of 90% from the online channel', async () => {
    const stats = await yearStats('DVC-TRUC-TUYEN', 2025)
    expect(stats.overall.responses).toBeGreaterThan(1000)
    // The demo's portal is seeded at about 88% satisfied: short of the plan's 90%.
    expect(stats.overall.rate).toBeGreaterThan(0.85)
    expect(stats.overall.rate).toBeLessThan(0.9)
    expect(stats.overall.targets).toEqual([expect.objectContaining({ value: 0.9, met: false })])
    const channels = await db.sql<{ channel: string; isVerified: boolean }[]>`
      select distinct r.channel, r.is_verified
      from responses r
      join surveys s on s.id = r.survey_id
      where s.code = 'DVC-TRUC-TUYEN'
      order by 1, 2
    `
    expect(channels).toEqual([
      { channel: 'online', isVerified: false },
      { channel: 'online', isVerified: true },
    ])
  })

  it.each([['Y-TE-CONG-LAP'], ['GIAO-DUC-CONG-LAP']])('evaluates %s against its own 85% target in 2025', async (code) => {
    const stats = await yearStats(code, 2025)
    expect(stats.overall.responses).toBeGreaterThan(500)
    expect(stats.overall.targets).toEqual([expect.objectContaining({ value: 0.85, met: true })])
  })

  it('keeps the 90% targets of 2030 for health and education', async () => {
    const targets = await db.sql<{ metric: string; value: number; periodStart: string }[]>`
      select metric, value::float8 as value, period_start::text as period_start
      from targets
      where metric in ('y_te', 'giao_duc')
      order by metric, period_start
    `
    expect(targets).toEqual([
      { metric: 'giao_duc', value: 0.85, periodStart: '2025-01-01' },
      { metric: 'giao_duc', value: 0.9, periodStart: '2030-01-01' },
      { metric: 'y_te', value: 0.85, periodStart: '2025-01-01' },
      { metric: 'y_te', value: 0.9, periodStart: '2030-01-01' },
    ])
    const kinds = await db.sql<{ kind: string }[]>`select distinct kind from service_points order by kind`
    expect(kinds.map((k) => k.kind)).toEqual(['giao_duc', 'mot_cua', 'truc_tuyen', 'y_te'])
  })
})

describe('the month grain of the rollups', () => {
  it('holds exactly the day grain summed by month', async () => {
    const [diff] = await db.sql<[{ n: number }]>`
      select count(*)::int as n from (
        select unit_id, date_trunc('month', day)::date as month, counter_id, survey_id, field_id, question_key, value,
               is_verified, is_excluded, sum(n)::int as n
        from rollups group by 1, 2, 3, 4, 5, 6, 7, 8, 9
        except
        select unit_id, month, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n
        from rollups_by_month
      ) missing
    `
    const [counts] = await db.sql<[{ days: number; months: number }]>`
      select (select sum(n)::int from rollups) as days, (select sum(n)::int from rollups_by_month) as months
    `
    expect(diff.n).toBe(0)
    expect(counts.months).toBe(counts.days)
  })

  it('and the year grain the day grain summed by year', async () => {
    const [diff] = await db.sql<[{ n: number }]>`
      select count(*)::int as n from (
        (select unit_id, date_trunc('year', day)::date as year, counter_id, survey_id, field_id, question_key, value,
                is_verified, is_excluded, sum(n)::int as n
         from rollups group by 1, 2, 3, 4, 5, 6, 7, 8, 9
         except
         select unit_id, year, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n
         from rollups_by_year)
        union all
        (select unit_id, year, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n
         from rollups_by_year
         except
         select unit_id, date_trunc('year', day)::date, counter_id, survey_id, field_id, question_key, value,
                is_verified, is_excluded, sum(n)::int
         from rollups group by 1, 2, 3, 4, 5, 6, 7, 8, 9)
      ) different
    `
    const [years] = await db.sql<[{ n: number }]>`select count(distinct year)::int as n from rollups_by_year`
    expect(years.n).toBeGreaterThan(0)
    expect(diff.n).toBe(0)
  })
})
