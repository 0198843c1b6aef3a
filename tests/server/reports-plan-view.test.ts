import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemo } from '../../server/demo/load-demo'
import { PlanViewAnswer } from '../../shared/reporting-contract'
import { testApp, testSecretKey } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedUser } from '../support/factories'
import { signIn } from '../support/sign-in'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
let cookie: string
let planId: number
let cityId: number

beforeAll(async () => {
  db = await createTestDatabase()
  await loadDemo(db.sql, { secretKey: testSecretKey, timeZone: 'Asia/Ho_Chi_Minh' })
  app = testApp(db.sql, { clock: () => new Date('2025-09-25T09:00:00+07:00') }).app
  ;[{ id: cityId }] = await db.sql<[{ id: number }]>`select id from units where code = 'HD-CL'`
  ;[{ id: planId }] = await db.sql<[{ id: number }]>`select id from plans where unit_id = ${cityId}`
  // The same plan sets the overall TTHC target for its final year too: ≥ 98% by 2030.
  await db.sql`
    insert into targets (plan_id, unit_id, metric, period_start, period_end, value)
    values (${planId}, ${cityId}, 'tthc', '2030-01-01', '2030-12-31', 0.98)
  `
  cookie = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: cityId }))
})
afterAll(() => db.drop())

const json = async (path: string) => {
  const res = await app.request(path, { headers: { cookie } })
  expect(res.status, await res.clone().text()).toBe(200)
  return res.json()
}

describe('the whole-plan view', () => {
  it('computes every target of the plan from every questionnaire of its metric, as the dashboard does', async () => {
    const view = PlanViewAnswer.parse(await json(`/api/v1/reporting/plan-view?planId=${planId}&periodKey=quy-2025-3`))
    expect([view.periodLabel, view.previousLabel, view.lastYearLabel]).toEqual([
      'Quý III/2025 (15/06/2025 – 14/09/2025)',
      'Quý II/2025 (15/03/2025 – 14/06/2025)',
      'Quý III/2024 (15/06/2024 – 14/09/2024)',
    ])
    const surveys = await db.sql<{ id: number }[]>`select id from surveys where metric = 'tthc' order by id`
    const measured = view.rows.filter((r) => r.surveyId !== null)
    // Two TTHC targets (overall, pooled land + construction + investment) × every TTHC questionnaire.
    expect(measured).toHaveLength(2 * surveys.length)
    for (const row of measured) {
      const fields = row.scope.includes('Lĩnh vực') ? '&fields=dat-dai,xay-dung,dau-tu' : ''
      const base = `/api/v1/stats?unitId=${cityId}&surveyId=${row.surveyId}${fields}`
      const now = await json(`${base}&period=quy&year=2025&index=3&mode=cutoff`)
      const before = await json(`${base}&period=quy&year=2025&index=2&mode=cutoff`)
      expect([row.current.responses, row.current.rate, row.current.ci95]).toEqual([
        now.overall.responses,
        now.overall.rate,
        now.overall.ci95,
      ])
      expect([row.previous.responses, row.previous.rate]).toEqual([before.overall.responses, before.overall.rate])
      expect(row.lastYear).toEqual({ responses: 0, rate: null, ci95: null })
      expect(row.current.met).toBe(row.current.rate === null ? null : row.current.rate >= row.value - 1e-9)
    }
    const overall = measured.filter((r) => r.value === 0.96)
    expect(overall.length).toBe(surveys.length)
    for (const row of overall) {
      expect(row.finalTarget).toEqual({
        year: 2030,
        value: 0.98,
        gapPoints: row.current.rate === null ? null : Math.round((row.current.rate - 0.98) * 1000) / 10,
      })
    }
    expect(measured.filter((r) => r.value === 0.87).every((r) => r.finalTarget === null)).toBe(true)
    // No questionnaire measures online public services in the demo: the target is listed, without figures.
    expect(view.rows.filter((r) => r.surveyId === null).map((r) => [r.metric, r.value, r.surveyTitle, r.current.rate])).toEqual([
      ['dvc_truc_tuyen', 0.9, 'Chưa có phiếu khảo sát nào đo chỉ tiêu này', null],
    ])
  })

  it('refuses a plan outside the user’s scope as not found, and a bad period as 400', async () => {
    const commune = await signIn(app, await seedUser(db.sql, { role: 'analyst' }))
    const foreign = await app.request(`/api/v1/reporting/plan-view?planId=${planId}&periodKey=quy-2025-3`, { headers: { cookie: commune } })
    expect(foreign.status).toBe(404)
    const bad = await app.request(`/api/v1/reporting/plan-view?planId=${planId}&periodKey=quy-2025`, { headers: { cookie } })
    expect(bad.status).toBe(400)
  })
})
