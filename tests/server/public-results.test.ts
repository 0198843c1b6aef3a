import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemo } from '../../server/demo/load-demo'
import type { Deps } from '../../server/deps'
import { createLogger } from '../../server/logger'
import { publicResultsRoutes } from '../../server/public-results/routes'
import { getPublicResults } from '../../server/public-results/service'
import { formatInterval, formatPercent } from '../../shared/format'
import { type PublicFigure, PublicResults, verdictOf } from '../../shared/public-results-contract'
import { StatsAnswer } from '../../shared/stats-contract'
import { testApp, testConfig, testSecretKey } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounterServing, seedResponses, seedUnit, seedUser } from '../support/factories'
import { signIn } from '../support/sign-in'

let db: TestDatabase
let cityId: number
let small: { id: number; code: string }
let cookie: string
/** The app's clock, moved by the cache tests. */
let now = new Date('2025-09-25T09:00:00+07:00')
let app: ReturnType<typeof testApp>['app']

const secretComment = 'Chị Nguyễn Thị Bích Ngọc ở tổ 7 rất nhiệt tình'
const local = (at: string) => `${at}:00+07:00`

beforeAll(async () => {
  db = await createTestDatabase()
  await loadDemo(db.sql, { secretKey: testSecretKey, timeZone: 'Asia/Ho_Chi_Minh' })
  ;[{ id: cityId }] = await db.sql<[{ id: number }]>`select id from units where code = 'HD-CL'`
  // A small ward under the city: 3 kept ratings in Q3/2025 (a cell to withhold) with a comment, and 2 set apart.
  small = await seedUnit(db.sql, { name: 'Phường Nhỏ Thử', parentId: cityId })
  const [version] = await db.sql<[{ surveyId: number; versionId: number }]>`
    select s.id as survey_id, v.id as version_id
    from surveys s
    join survey_versions v on v.survey_id = s.id
    where s.code = 'COUNTER-3L'
    order by v.version desc
    limit 1
  `
  const counter = await seedCounterServing(db.sql, { unitId: small.id, versionId: version.versionId })
  const at = local('2025-08-05T09:30')
  await seedResponses(db.sql, { ...counter, ...version }, [
    { at, answers: { overall: 3 }, comment: secretComment },
    { at, answers: { overall: 3 } },
    { at, answers: { overall: 2 } },
    { at, answers: { overall: 1 }, flagReasons: ['burst'] },
    { at, answers: { overall: 1 }, flagReasons: ['burst'] },
  ])
  app = testApp(db.sql, { clock: () => now }).app
  cookie = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: cityId }))
}, 120_000)
afterAll(() => db.drop())

// The page's service is called directly too, to compare its model with the stats API: it reads the database,
// the settings and the clock only (no response writer, device intervals or export slots).
const deps = () => ({ sql: db.sql, readSql: db.sql, config: testConfig(), logger: createLogger('silent'), clock: () => now }) as Deps

async function stats(query: string) {
  const res = await app.request(`/api/v1/stats?${query}`, { headers: { cookie } })
  expect(res.status, await res.clone().text()).toBe(200)
  return StatsAnswer.parse(await res.json())
}

const page = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers: { accept: 'text/html', ...headers } })

const sameFigure = (figure: PublicFigure, group: StatsAnswer['overall']) => {
  expect([figure.responses, figure.excluded, figure.suppressed, figure.rate, figure.ci95, figure.sufficient]).toEqual([
    group.responses,
    group.excluded ?? 0,
    group.suppressed,
    group.rate,
    group.ci95,
    group.sufficient,
  ])
  expect(figure.verdict).toBe(verdictOf(group))
  expect(figure.target).toBe(group.targets[0]?.value ?? null)
}

describe('the public results page', () => {
  it('shows, for every period and indicator, the figures the stats service gives for the same query', async () => {
    const results = PublicResults.parse(await getPublicResults(deps(), { unitKey: 'HD-CL', periodKey: 'nam-2025' }))
    expect(results.unit.name).toBe('Thành phố Chí Linh')
    expect(results.columns.map((c) => c.name)).toEqual(['Quý I/2025', 'Quý II/2025', 'Quý III/2025', 'Quý IV/2025', 'Năm 2025'])
    const surveys = await db.sql<{ id: number; title: string; code: string }[]>`select id, title, code from surveys`
    const idOf = (title: string) => surveys.find((s) => s.title === title)!.id
    // On 25/09/2025 the fourth quarter (from 15/09) has begun: every quarter of the year, then the year.
    const periodParams = [1, 2, 3, 4].map((index) => `period=quy&year=2025&index=${index}`).concat('period=nam&year=2025')
    // The plan's targets: TTHC overall (96% of the city, 90% of the province), pooled land + construction +
    // investment (87%), online services (90%), health and education (85%).
    const tthc = results.indicators.filter((i) => i.metric === 'tthc')
    expect(tthc.map((i) => [i.fields, i.targets.map((t) => t.value)])).toEqual([
      [[], [0.96, 0.9]],
      [['Đất đai', 'Xây dựng', 'Đầu tư'], [0.87]],
    ])
    expect(results.indicators.map((i) => i.metric)).toEqual(expect.arrayContaining(['dvc_truc_tuyen', 'y_te', 'giao_duc']))
    for (const indicator of results.indicators) {
      const fields = indicator.fields.length > 0 ? '&fields=dat-dai,xay-dung,dau-tu' : ''
      for (const [i, params] of periodParams.entries()) {
        const answer = await stats(`unitId=${cityId}&surveyId=${idOf(indicator.surveyTitle)}${fields}&${params}&mode=cutoff`)
        sameFigure(indicator.figures[i]!, answer.overall)
      }
    }
    const verdicts = new Set(results.indicators.flatMap((i) => i.figures.map((f) => f.verdict)))
    expect(verdicts).toContain('dat')
    expect(verdicts).toContain('chua-dat')

    const counterSurvey = idOf('Đánh giá mức độ hài lòng tại quầy')
    const byField = await stats(`unitId=${cityId}&surveyId=${counterSurvey}&period=nam&year=2025&mode=cutoff&groupBy=field`)
    const fieldRows = results.byField.find((b) => b.surveyTitle === 'Đánh giá mức độ hài lòng tại quầy')!.rows
    expect(fieldRows.map((r) => r.label)).toEqual(byField.groups.filter((g) => g.key !== '').map((g) => g.label))
    for (const [i, row] of fieldRows.entries()) sameFigure(row.figure, byField.groups.filter((g) => g.key !== '')[i]!)
    const byUnit = await stats(`unitId=${cityId}&surveyId=${counterSurvey}&period=nam&year=2025&mode=cutoff&groupBy=unit`)
    const unitRows = results.bySubunit.find((b) => b.surveyTitle === 'Đánh giá mức độ hài lòng tại quầy')!.rows
    expect(unitRows).toHaveLength(byUnit.groups.length)
    for (const [i, row] of unitRows.entries()) sameFigure(row.figure, byUnit.groups[i]!)
    expect(unitRows.map((r) => r.label)).toContain('Phường Sao Đỏ')
    const counted = results.counted.find((c) => c.surveyTitle === 'Đánh giá mức độ hài lòng tại quầy')!
    expect(counted).toEqual({ surveyTitle: counted.surveyTitle, responses: byUnit.overall.responses, excluded: byUnit.overall.excluded })
    expect(counted.excluded).toBe(2)
  })

  it('renders the unit, the verdicts, the rates with their intervals, and what was set apart', async () => {
    const res = await page('/cong-khai/HD-CL?ky=nam-2025')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    const html = await res.text()
    const results = await getPublicResults(deps(), { unitKey: 'HD-CL', periodKey: 'nam-2025' })
    expect(html).toContain('<h1>Thành phố Chí Linh</h1>')
    expect(html).toContain('Năm 2025 (15/12/2024 – 14/12/2025)')
    const year = results.indicators[0]!.figures.at(-1)!
    expect(html).toContain(formatPercent(year.rate))
    expect(html).toContain(formatInterval(year.ci95))
    expect(html).toMatch(/class="dat">Đạt/)
    expect(html).toMatch(/class="chua-dat">Chưa đạt/)
    expect(html).toContain('Nguồn: Hệ thống đánh giá mức độ hài lòng')
    expect(html).toContain('2 phiếu bị loại ra')
    expect(html).toContain('@media print{@page{size:A4')
    // No script, and a policy that allows none.
    expect(html).not.toContain('<script')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(res.headers.get('content-security-policy')).not.toContain('script-src')
  })

  it('withholds a cell of fewer than 5 ratings and never shows a comment', async () => {
    const html = await (await page('/cong-khai/HD-CL?ky=quy-2025-3')).text()
    const row = html.match(/<tr><th scope="row">Phường Nhỏ Thử<\/th>(.*?)<\/tr>/)?.[1]
    expect(row).toBeDefined()
    expect(row).toContain('dưới 5')
    expect(row).not.toMatch(/\d+,\d%/)
    expect(row).toContain('Chưa đủ dữ liệu')
    const own = await (await page(`/cong-khai/${small.code}?ky=quy-2025-3`)).text()
    expect(own).toContain('<h1>Phường Nhỏ Thử</h1>')
    expect(own).toContain('<td class="n">dưới 5</td>')
    expect(own).not.toMatch(/\d+,\d%\*?<\/td>/)

    const comments = await db.sql<{ comment: string }[]>`select distinct comment from responses where comment is not null`
    expect(comments.length).toBeGreaterThan(3)
    expect(comments.map((c) => c.comment)).toContain(secretComment)
    for (const path of ['/cong-khai/HD-CL?ky=nam-2025', '/cong-khai/HD-CL?ky=quy-2025-3', `/cong-khai/${small.code}?ky=quy-2025-3`]) {
      const text = await (await page(path)).text()
      for (const { comment } of comments) expect(text, path).not.toContain(comment)
      expect(text).not.toContain('Quầy')
    }
  })

  it('finds a unit by its id as by its code, and falls back to last year when this year has no rating', async () => {
    const byId = await (await page(`/cong-khai/${cityId}?ky=nam-2025`)).text()
    expect(byId).toContain('<h1>Thành phố Chí Linh</h1>')
    // The demo's last ratings (to 31/12/2025) fall in the reporting year 2026 (from 15/12/2025); 2027 has none.
    const later = new Date('2027-03-02T09:00:00+07:00')
    const results = await getPublicResults({ ...deps(), clock: () => later }, { unitKey: 'HD-CL' })
    expect(results.fellBackFrom).toBe(2027)
    expect(results.period.key).toBe('nam-2026')
    expect(results.indicators[0]!.figures[0]!.responses).toBeGreaterThan(0)
    const current = await getPublicResults(deps(), { unitKey: 'HD-CL' })
    expect([current.fellBackFrom, current.period.key, current.columns.map((c) => c.key)]).toEqual([
      null,
      'nam-2025',
      ['quy-2025-1', 'quy-2025-2', 'quy-2025-3', 'quy-2025-4', 'nam-2025'],
    ])
  })

  it('answers 404 for an unknown unit and 400 for a bad period, as a page for browsers and in the error shape otherwise', async () => {
    const unknown = await page('/cong-khai/KHONG-CO')
    expect(unknown.status).toBe(404)
    expect(await unknown.text()).toContain('Không tìm thấy đơn vị')
    const api = await app.request('/cong-khai/KHONG-CO', { headers: { accept: 'application/json' } })
    expect(api.status).toBe(404)
    expect((await api.json()).error.code).toBe('not_found')
    for (const ky of ['quy-2025-5', 'nam-1999', 'giai-doan-2021-2025', 'dot-xuat-2025-01-01-2025-02-01', 'hom-nay']) {
      const bad = await app.request(`/cong-khai/HD-CL?ky=${ky}`, { headers: { accept: 'application/json' } })
      expect(bad.status, ky).toBe(400)
      expect((await bad.json()).error).toMatchObject({ code: 'invalid_input', issues: [{ path: ['ky'] }] })
    }
    expect((await page('/cong-khai/HD-CL?ky=quy-2025-0')).status).toBe(400)
    // A period that has not begun (the reporting year 2026 starts on 15/12/2025) has nothing to show.
    const future = await app.request('/cong-khai/HD-CL?ky=nam-2026', { headers: { accept: 'application/json' } })
    expect(future.status).toBe(400)
    expect((await future.json()).error.issues).toEqual([{ path: ['ky'], message: 'Kỳ này chưa bắt đầu.' }])
    expect(await (await page('/cong-khai/HD-CL?ky=nam-2026')).text()).toContain('Kỳ này chưa bắt đầu.')
    expect((await page('/cong-khai/%3Cscript%3E')).status).toBe(404)
  })

  it('is cached for a minute with Cache-Control and an ETag, and answers 304 to a matching If-None-Match', async () => {
    const path = `/cong-khai/${small.code}?ky=quy-2025-3`
    const first = await page(path)
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('public, max-age=60')
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/)
    const before = await first.text()
    expect(before).toContain('<td class="n">dưới 5</td>')

    const again = await page(path, { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(etag)
    expect(await again.text()).toBe('')

    // Two more ratings make the ward's cell 5: within the minute the cached answer is served unchanged.
    const [version] = await db.sql<[{ surveyId: number; versionId: number; counterId: number }]>`
      select v.survey_id, v.id as version_id, c.id as counter_id
      from counters c
      join service_points sp on sp.id = c.service_point_id
      join survey_assignments a on a.counter_id = c.id
      join survey_versions v on v.id = a.survey_version_id
      where sp.unit_id = ${small.id}
    `
    await seedResponses(db.sql, { ...version, unitId: small.id }, [
      { at: local('2025-08-06T10:00'), answers: { overall: 3 } },
      { at: local('2025-08-06T10:05'), answers: { overall: 3 } },
    ])
    now = new Date(now.getTime() + 30_000)
    const cached = await page(path)
    expect(cached.headers.get('etag')).toBe(etag)
    expect(await cached.text()).toBe(before)

    now = new Date(now.getTime() + 31_000)
    const fresh = await page(path, { 'if-none-match': etag })
    expect(fresh.status).toBe(200)
    expect(fresh.headers.get('etag')).not.toBe(etag)
    const text = await fresh.text()
    expect(text).not.toContain('<td class="n">dưới 5</td>')
    const answer = await stats(`unitId=${small.id}&surveyId=${version.surveyId}&period=quy&year=2025&index=3&mode=cutoff`)
    expect(answer.overall.responses).toBe(5)
    expect(text).toContain(`<td class="n">5</td><td class="n">${formatPercent(answer.overall.rate)}*</td>`)
  })

  it('renders a few pages at a time and refuses, with 429 and Retry-After, what would queue beyond', async () => {
    const routes = publicResultsRoutes(deps(), { maxRendering: 1, maxWaiting: 0 })
    const ask = (path: string) => routes.request(path, { headers: { accept: 'application/json' } })
    // Two cold pages at once: the second arrives while the first is being computed, and nothing may queue.
    const answers = await Promise.all([ask('/HD-CL?ky=quy-2025-1'), ask('/HD-CL-SD?ky=quy-2025-1')])
    expect(answers.map((a) => a.status)).toEqual([200, 429])
    expect(answers[1]!.headers.get('retry-after')).toBe('5')
    expect((await answers[1]!.json()).error.code).toBe('rate_limited')
    // The slot is free again, and the page first computed is now served from memory.
    expect((await ask('/HD-CL-SD?ky=quy-2025-1')).status).toBe(200)
    expect((await ask('/HD-CL?ky=quy-2025-1')).status).toBe(200)
  })

  it('transfers at most 15 KB to a phone for the demo city', async () => {
    const res = await app.request('/cong-khai/HD-CL?ky=nam-2025', { headers: { accept: 'text/html', 'accept-encoding': 'gzip' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('gzip')
    const body = new Uint8Array(await res.arrayBuffer())
    const html = gunzipSync(body).toString('utf8')
    expect(html).toContain('Thành phố Chí Linh')
    console.info(`public page: ${body.byteLength} bytes gzipped, ${Buffer.byteLength(html)} bytes of HTML`)
    expect(body.byteLength).toBeLessThanOrEqual(15 * 1024)
  })
})
