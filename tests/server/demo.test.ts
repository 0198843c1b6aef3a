import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemo } from '../../server/demo/load-demo'
import { testSecretKey } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'

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
    expect(first).toMatchObject({ units: 5, counters: 9, procedures: 16, targets: 4 })
    expect(first.responses).toBeGreaterThan(20_000)
    expect(first.rolledUpResponses).toBe(first.responses)
    const [codes] = await db.sql<[{ live: number }]>`select count(*)::int as live from counter_codes where revoked_at is null`
    expect(codes.live).toBe(9)
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
