import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemo } from '../../server/demo/load-demo'
import { reportBlocks } from '../../server/reports/blocks'
import type { PeriodicReport } from '../../server/reports/service'
import { formatPercent } from '../../shared/format'
import { testApp, testSecretKey } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedResponses, seedUser } from '../support/factories'
import { signIn } from '../support/sign-in'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
let cookie: string
let unitIds: Record<string, number>
const q3 = 'period=quy&year=2025&index=3&mode=cutoff'

beforeAll(async () => {
  db = await createTestDatabase()
  await loadDemo(db.sql, { secretKey: testSecretKey, timeZone: 'Asia/Ho_Chi_Minh' })
  app = testApp(db.sql, { clock: () => new Date('2025-09-20T09:00:00+07:00') }).app
  unitIds = Object.fromEntries((await db.sql<{ code: string; id: number }[]>`select code, id from units`).map((u) => [u.code, u.id]))
  cookie = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: unitIds['HD-CL']! }))
  // Three ratings set apart in Sao Đỏ during Q3: two bursts, one sent without its form.
  const [counter] = await db.sql<[{ counterId: number; unitId: number; surveyId: number; versionId: number }]>`
    select counter_id, unit_id, survey_id, survey_version_id as version_id from responses
    where unit_id = ${unitIds['HD-CL-SD']!} and submitted_at >= '2025-07-01' order by submitted_at limit 1
  `
  await seedResponses(db.sql, counter, [
    { at: '2025-08-12T10:00:00+07:00', answers: { overall: 3 }, flagReasons: ['burst'] },
    { at: '2025-08-12T10:01:00+07:00', answers: { overall: 3 }, flagReasons: ['burst'] },
    { at: '2025-08-12T10:02:00+07:00', answers: { overall: 3 }, flagReasons: ['no_form'] },
  ])
})
afterAll(() => db.drop())

const get = (path: string) => app.request(path, { headers: { cookie } })
const json = async (path: string) => {
  const res = await get(path)
  expect(res.status).toBe(200)
  return res.json()
}

describe('the periodic report', () => {
  it('has the same numbers as the dashboard for the same unit and period', async () => {
    const report = await json(`/api/v1/reports/periodic?${q3}`)
    const stats = await json(`/api/v1/stats?${q3}&unitId=${unitIds['HD-CL']}`)
    const byField = await json(`/api/v1/stats?${q3}&unitId=${unitIds['HD-CL']}&groupBy=field`)
    const land = await json(`/api/v1/stats?${q3}&unitId=${unitIds['HD-CL']}&fields=dat-dai,xay-dung,dau-tu`)
    expect(report.periodLabel).toBe('Quý III/2025 (15/06/2025 – 14/09/2025)')
    expect(report.overall.responses).toBe(stats.overall.responses)
    expect(report.overall.rate).toBe(stats.overall.rate)
    expect(report.overall.ci95).toEqual(stats.overall.ci95)
    expect(report.byField.map((g: { key: string; rate: number }) => [g.key, g.rate])).toEqual(
      byField.groups.map((g: { key: string; rate: number }) => [g.key, g.rate]),
    )
    const targets = report.targets.map((t: { scope: string; value: number; rate: number }) => [t.scope, t.value, t.rate])
    expect(targets).toContainEqual(['Toàn bộ lĩnh vực', 0.96, stats.overall.rate])
    expect(targets).toContainEqual(['Lĩnh vực đất đai, xây dựng, đầu tư', 0.87, land.overall.rate])
    // How many ratings were set apart, and why: the dashboard's excluded count, split by reason.
    expect(report.setApart.total).toBe(stats.overall.excluded)
    expect(report.setApart).toEqual({ total: 3, byReason: { burst: 2, no_form: 1 } })
  })

  it('shows how citizens’ comments were handled, as the feedback figures give them, against the plan’s 100% and 95%', async () => {
    const report = await json(`/api/v1/reports/periodic?${q3}`)
    const figures = await json(`/api/v1/feedback/figures?${q3}&unitId=${unitIds['HD-CL']}`)
    expect(report.feedback).toEqual(figures)
    expect(report.feedback.targets.map((t: { value: number }) => t.value).sort()).toEqual([0.95, 1])
    const page = await (await get(`/admin/reports/periodic?${q3}`)).text()
    expect(page).toContain('VI. TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ')
  })

  it('judges the handling targets on the share of cases handled, as the dashboard does', () => {
    const handled = (handledRate: number | null) => ({
      comments: 40,
      commentsTaken: 25,
      cases: 25,
      handled: 24,
      onTime: 22,
      overdue: 1,
      receivedRate: 0.625,
      handledRate,
      onTimeRate: 0.9167,
      medianDaysToAnswer: 4,
    })
    const reportWith = (handledRate: number | null) =>
      ({
        unitName: 'Thành phố Chí Linh',
        parentName: null,
        periodLabel: 'Quý III/2025',
        from: '2025-06-15',
        to: '2025-09-14',
        survey: { id: 1, code: 'TTHC', title: 'Phiếu', metric: 'tthc' },
        overall: {
          key: 'all',
          label: 'Tất cả',
          responses: 0,
          suppressed: true,
          rate: null,
          ci95: null,
          sufficient: false,
          targets: [],
          items: [],
        },
        targets: [],
        byField: [],
        byUnit: [],
        byQuestion: [],
        definition: undefined,
        setApart: { total: 0, byReason: {} },
        feedback: {
          from: '2025-06-15',
          to: '2025-09-14',
          overall: handled(handledRate),
          units: [],
          targets: [
            { id: 1, value: 1, source: 'KH 100', unitId: 1 },
            { id: 2, value: 0.95, source: 'KH 95', unitId: 1 },
          ],
        },
      }) satisfies PeriodicReport
    const rowsOf = (handledRate: number | null) =>
      reportBlocks(reportWith(handledRate)).flatMap((b) => (b.kind === 'table' && b.headers[0] === 'Chỉ tiêu' ? b.rows : []))
    expect(rowsOf(0.96)).toEqual([
      ['≥ 100,0%', '96,0%', 'Chưa đạt', 'KH 100'],
      ['≥ 95,0%', '96,0%', 'Đạt', 'KH 95'],
    ])
    expect(rowsOf(null).map((r) => r[2])).toEqual(['Chưa có phản ánh, kiến nghị để đánh giá', 'Chưa có phản ánh, kiến nghị để đánh giá'])
  })

  it('prints in the official layout with the same figures', async () => {
    const stats = await json(`/api/v1/stats?${q3}&unitId=${unitIds['HD-CL']}`)
    const res = await get(`/admin/reports/periodic?${q3}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    expect(html).toContain('Độc lập - Tự do - Hạnh phúc')
    expect(html).toContain('UBND THÀNH PHỐ CHÍ LINH')
    expect(html).toContain('Chí Linh, ngày 20 tháng 9 năm 2025')
    expect(html).toContain('Quý III/2025 (15/06/2025 – 14/09/2025)')
    expect(html).toContain(`tỷ lệ hài lòng đạt ${formatPercent(stats.overall.rate)}`)
    expect(html).toContain(
      'Có 3 phiếu bị gắn cờ bất thường, được loại khỏi số liệu và lưu để kiểm tra (lý do: dồn dập tại một quầy: 2; không gửi từ phiếu đã mở tại quầy: 1).',
    )
    expect(res.headers.get('content-security-policy')).toMatch(/style-src 'nonce-/)
  })

  it('downloads as a Word document with the same figures', async () => {
    const stats = await json(`/api/v1/stats?${q3}&unitId=${unitIds['HD-CL']}`)
    const res = await get(`/api/v1/reports/periodic.docx?${q3}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    const zip = await JSZip.loadAsync(await res.arrayBuffer())
    const xml = await zip.file('word/document.xml')!.async('string')
    const text = xml.replace(/<[^>]+>/g, '')
    expect(text).toContain('BÁO CÁO')
    expect(text).toContain('UBND THÀNH PHỐ CHÍ LINH')
    expect(text).toContain(`tỷ lệ hài lòng đạt ${formatPercent(stats.overall.rate)}`)
    expect(text).toContain('≥ 87,0%')
  })

  it('refuses a unit outside the analyst’s subtree and asks an admin to name a unit', async () => {
    const saoDo = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: unitIds['HD-CL-SD']! }))
    const foreign = await app.request(`/api/v1/reports/periodic?${q3}&unitId=${unitIds['HD-CL-LL']}`, { headers: { cookie: saoDo } })
    expect(foreign.status).toBe(404)
    const admin = await signIn(app, await seedUser(db.sql, { role: 'admin' }))
    const unnamed = await app.request(`/api/v1/reports/periodic?${q3}`, { headers: { cookie: admin } })
    expect(unnamed.status).toBe(400)
    expect((await unnamed.json()).error.issues[0].path).toEqual(['unitId'])
  })
})
