import JSZip from 'jszip'
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
  // And one under the pooled health-and-education metric of older plans, which no questionnaire measures now.
  await db.sql`
    insert into targets (plan_id, unit_id, metric, period_start, period_end, value)
    values (${planId}, ${cityId}, 'y_te_giao_duc', '2025-01-01', '2025-12-31', 0.85)
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
    const measured = view.rows.filter((r) => r.surveyId !== null && r.metric === 'tthc')
    // Two TTHC targets (overall, pooled land + construction + investment) × every TTHC questionnaire; the
    // plan's other metrics (health, education, online services) are measured by their own questionnaires.
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
    // No questionnaire measures the pooled metric: the target is listed, without figures. Online services have
    // their own questionnaire in the demo, so their target is measured.
    const unmeasured = view.rows.filter((r) => r.surveyId === null && r.metric !== 'phan_anh_kien_nghi')
    expect(unmeasured.map((r) => [r.metric, r.value, r.surveyTitle, r.current.rate])).toEqual([
      ['y_te_giao_duc', 0.85, 'Chưa có phiếu khảo sát nào đo chỉ tiêu này', null],
    ])
    // The feedback targets (100% handled, 95%) are measured by the cases, as the dashboard's figures give them.
    const figures = await json(`/api/v1/feedback/figures?unitId=${cityId}&period=quy&year=2025&index=3&mode=cutoff`)
    const handling = view.rows.filter((r) => r.metric === 'phan_anh_kien_nghi')
    expect(handling.map((r) => [r.value, r.current.responses, r.current.rate]).sort()).toEqual([
      [0.95, figures.overall.cases, figures.overall.handledRate],
      [1, figures.overall.cases, figures.overall.handledRate],
    ])
    const online = view.rows.filter((r) => r.metric === 'dvc_truc_tuyen')
    expect(online.length).toBeGreaterThan(0)
    expect(online.map((r) => r.surveyId)).not.toContain(null)
  })

  it('refuses a plan outside the user’s scope as not found, and a bad period as 400', async () => {
    const commune = await signIn(app, await seedUser(db.sql, { role: 'analyst' }))
    const foreign = await app.request(`/api/v1/reporting/plan-view?planId=${planId}&periodKey=quy-2025-3`, { headers: { cookie: commune } })
    expect(foreign.status).toBe(404)
    const bad = await app.request(`/api/v1/reporting/plan-view?planId=${planId}&periodKey=quy-2025`, { headers: { cookie } })
    expect(bad.status).toBe(400)
  })
})

describe('process figures and the printed report', () => {
  it('shows dossier figures as their own metrics in the plan view and the report, and the whole plan in the report', async () => {
    const [sd] = await db.sql<[{ id: number }]>`select id from units where code = 'HD-CL-SD'`
    const [counter] = await db.sql<[{ id: number }]>`
      select c.id from counters c join service_points sp on sp.id = c.service_point_id where sp.unit_id = ${sd.id} order by c.id limit 1
    `
    // Before: no dossier counts, no process figures.
    const before = PlanViewAnswer.parse(await json(`/api/v1/reporting/plan-view?planId=${planId}&periodKey=quy-2025-3`))
    expect(before.rows.every((r) => r.process === null)).toBe(true)
    await db.sql`
      insert into dossier_counts (day, counter_id, received, returned, overdue)
      values ('2025-07-10', ${counter.id}, 300, 250, 10), ('2025-08-20', ${counter.id}, 200, 150, 30)
    `
    const view = PlanViewAnswer.parse(await json(`/api/v1/reporting/plan-view?planId=${planId}&periodKey=quy-2025-3`))
    const overall = view.rows.filter((r) => r.metric === 'tthc' && r.surveyId !== null && r.value === 0.96)
    expect(overall.length).toBeGreaterThan(0)
    for (const row of overall) {
      const stats = await json(`/api/v1/stats?unitId=${cityId}&surveyId=${row.surveyId}&period=quy&year=2025&index=3&mode=cutoff`)
      expect(row.process).toEqual({
        dossiersReturned: 400,
        dossiersOverdue: 40,
        responseRate: stats.overall.responses / 400,
        onTimeRate: 360 / 400,
        realtimeIndex: stats.overall.realtimeIndex.rate,
      })
    }
    // Dossiers carry no field: a pooled-field row has no process figures.
    expect(view.rows.filter((r) => r.scope.includes('Lĩnh vực')).every((r) => r.process === null)).toBe(true)

    const query = `unitId=${cityId}&surveyId=${overall[0]!.surveyId}&period=quy&year=2025&index=3&mode=cutoff`
    const page = await app.request(`/admin/reports/periodic?${query}`, { headers: { cookie } })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('CHỈ SỐ QUÁ TRÌNH THEO SỐ LIỆU HỒ SƠ')
    expect(html).toContain('Tỷ lệ hồ sơ trả đúng hạn')
    expect(html).toContain('90,0%')
    expect(html).toContain('Chỉ số thời gian thực theo QĐ 766/QĐ-TTg (ước tính)')
    expect(html).toContain('TOÀN BỘ CHỈ TIÊU CỦA KẾ HOẠCH')
    expect(html).toContain(`Theo ${view.planTitle}`)
    // Sections numbered in order: the process figures after the targets, the plan's after the citizens' voice.
    const order = ['II. ĐỐI CHIẾU', 'III. CHỈ SỐ QUÁ TRÌNH', 'VII. TIẾP NHẬN, XỬ LÝ', 'VIII. TOÀN BỘ CHỈ TIÊU', 'IX. GHI CHÚ PHƯƠNG PHÁP']
    const at = order.map((heading) => html.indexOf(heading))
    expect(at.every((i) => i > 0)).toBe(true)
    expect(at).toEqual([...at].sort((a, b) => a - b))
    const docx = await app.request(`/api/v1/reports/periodic.docx?${query}`, { headers: { cookie } })
    expect(docx.status).toBe(200)
    const xml = await (await JSZip.loadAsync(await docx.arrayBuffer())).file('word/document.xml')!.async('string')
    expect(xml.replace(/<[^>]+>/g, '')).toContain('TOÀN BỘ CHỈ TIÊU CỦA KẾ HOẠCH')
    await db.sql`delete from dossier_counts where counter_id = ${counter.id}`
  })
})

describe('ranges of the whole-plan view', () => {
  it('takes an ad-hoc range, compares it with the range before and the same days a year earlier', async () => {
    const byKey = PlanViewAnswer.parse(await json(`/api/v1/reporting/plan-view?planId=${planId}&periodKey=quy-2025-3`))
    const adHoc = PlanViewAnswer.parse(await json(`/api/v1/reporting/plan-view?planId=${planId}&from=2025-06-15&to=2025-09-14`))
    expect([adHoc.periodKey, adHoc.periodLabel, adHoc.previousLabel, adHoc.lastYearLabel]).toEqual([
      null,
      '15/06/2025 – 14/09/2025',
      '15/03/2025 – 14/06/2025',
      '15/06/2024 – 14/09/2024',
    ])
    expect(adHoc.rows.map((r) => [r.current, r.previous, r.lastYear])).toEqual(byKey.rows.map((r) => [r.current, r.previous, r.lastYear]))
  })

  it('reaches over a whole ten-year phase, as the dashboard’s statistics now do, with the same figures', async () => {
    const phase = PlanViewAnswer.parse(await json(`/api/v1/reporting/plan-view?planId=${planId}&from=2021-01-01&to=2030-12-31`))
    const rows = phase.rows.filter((r) => r.surveyId !== null && r.value === 0.96)
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      const decade = await json(`/api/v1/stats?unitId=${cityId}&surveyId=${row.surveyId}&from=2021-01-01&to=2030-12-31`)
      expect([row.current.responses, row.current.rate, row.current.ci95]).toEqual([
        decade.overall.responses,
        decade.overall.rate,
        decade.overall.ci95,
      ])
      // The demo's ratings are all of 2025: the ten years count exactly that year's.
      const year = await json(`/api/v1/stats?unitId=${cityId}&surveyId=${row.surveyId}&from=2025-01-01&to=2025-12-31`)
      expect([decade.overall.responses, decade.overall.rate]).toEqual([year.overall.responses, year.overall.rate])
    }
    // The phase by cut-off days (15/12/2020 – 14/12/2030, 3,652 days) fits; a day past the cap does not, in stats
    // and in the exports alike, with the one 400 shape.
    expect((await app.request(`/api/v1/stats?unitId=${cityId}&from=2020-12-15&to=2030-12-14`, { headers: { cookie } })).status).toBe(200)
    for (const path of ['/api/v1/stats', '/api/v1/exports/responses.csv']) {
      const over = await app.request(`${path}?unitId=${cityId}&from=2020-01-01&to=2030-01-08`, { headers: { cookie } })
      expect(over.status, path).toBe(400)
      expect((await over.json()).error.issues[0], path).toEqual({ path: ['to'], message: 'Khoảng thời gian tối đa 3660 ngày.' })
    }
    const longest = await app.request(`/api/v1/exports/responses.csv?unitId=${cityId}&from=2020-01-01&to=2030-01-07`, {
      headers: { cookie },
    })
    expect(longest.status).toBe(200)
  })

  it('refuses more than a phase, a range and a period together, or half a range, each as 400', async () => {
    for (const [query, path] of [
      ['from=2020-01-01&to=2030-12-31', 'to'],
      ['periodKey=quy-2025-3&from=2025-01-01&to=2025-02-01', 'periodKey'],
      ['from=2025-01-01', 'to'],
      ['from=2025-02-01&to=2025-01-01', 'to'],
      ['from=2025-02-30&to=2025-03-01', 'from'],
    ] as const) {
      const res = await app.request(`/api/v1/reporting/plan-view?planId=${planId}&${query}`, { headers: { cookie } })
      expect(res.status, query).toBe(400)
      expect((await res.json()).error.issues[0].path, query).toEqual([path])
    }
  })
})
