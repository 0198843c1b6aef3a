import { expect, test } from '@playwright/test'
import { formatCount, formatPercent } from '../../shared/format'
import { dueReportOf, parsePeriodKey } from '../../shared/reporting-calendar'
import { e2eDatabase, expectNoAxeViolations, logIn } from './support'

test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false })

// The "done when", on the demo: Sao Đỏ sends its Q3/2025 report, the city's Phòng Nội vụ sees who is
// late and opens the consolidated report. The platform runs on the real clock, long after 20/09/2025: the
// report goes in late, and the board says so.
const q3 = 'quy-2025-3'
const due = dueReportOf(parsePeriodKey(q3)!, 'xa')
const verdictLine = /: (Đạt|Chưa đạt) \(\d{1,3},\d%; khoảng tin cậy 95% \d{1,3},\d% – \d{1,3},\d%\)$/

test('a commune sends its Q3/2025 report late; the city sees who is late, consolidates it with every target judged, as the dashboard counts', async ({
  page,
  browser,
}) => {
  await logIn(page, 'quanly.saodo')
  await page.goto(`/admin/bao-cao-dinh-ky?tab=soan&ky=${q3}`)
  await expect(
    page.getByText(`Phường Sao Đỏ · ${due.label} · ${due.deadlineLabel} · Gửi tới: UBND Thành phố Chí Linh (qua Phòng Nội vụ)`),
  ).toBeVisible()
  const form = page.getByRole('form', { name: 'Soạn báo cáo' })
  await form.getByLabel('Phiếu khảo sát').selectOption({ index: 1 })
  await form.getByLabel('Kết quả đạt được').fill('Tỷ lệ hài lòng quý III duy trì ổn định.')
  await form.getByLabel('Hạn chế').fill('Gửi báo cáo chậm so với hạn.')
  await form.getByLabel('Nguyên nhân').fill('Chờ đối chiếu số liệu hồ sơ.')
  await form.getByLabel('Đề xuất, kiến nghị').fill('Chốt số liệu trước ngày 15 hằng quý.')
  await form.getByRole('button', { name: 'Lưu bản nháp' }).click()
  await expect(page.getByRole('status')).toHaveText('Đã lưu bản nháp.')
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click()
  await expect(page.getByRole('status')).toHaveText('Đã gửi báo cáo lần 1 tới UBND Thành phố Chí Linh (qua Phòng Nội vụ).')
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Tải Word lần 1' }).click()
  expect((await download).suggestedFilename()).toBe(`bao-cao-${q3}-lan-1.docx`)

  const city = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const analyst = await city.newPage()
  await logIn(analyst, 'phantich.chilinh')
  await analyst.goto(`/admin/bao-cao-dinh-ky?tab=theo-doi&ky=${q3}`)
  const board = analyst.getByRole('table', { name: due.label })
  await expect(board.getByRole('row', { name: /Phường Sao Đỏ/ })).toContainText('Gửi muộn')
  await expect(board.getByRole('row', { name: /Phường Sao Đỏ/ })).toContainText(/Chậm \d+ ngày/)
  await expect(board.getByRole('row', { name: /Xã Lê Lợi/ })).toContainText('Quá hạn chưa gửi')
  await expectNoAxeViolations(analyst)

  await analyst.getByRole('button', { name: 'Báo cáo tổng hợp' }).click()
  await expect(analyst.getByRole('heading', { name: `Báo cáo tổng hợp ${due.label} — Thành phố Chí Linh` })).toBeVisible()
  const sent = analyst.getByRole('table', { name: 'Các đơn vị trực thuộc' }).getByRole('row', { name: /Phường Sao Đỏ/ })
  await expect(sent).toContainText(/Lần 1 · \d{2}\/\d{2}\/\d{4}/)
  // Every target row of the sent report reads Đạt or Chưa đạt, with the rate and its interval.
  const targetLines = await sent.locator('td').last().locator('div').allTextContents()
  expect(targetLines.length).toBeGreaterThan(0)
  for (const line of targetLines) expect(line).toMatch(verdictLine)
  await expectNoAxeViolations(analyst)

  // The figures are the dashboard's for the same query: GET /api/v1/stats as the dashboard sends it.
  const sql = e2eDatabase()
  const [{ unitId, surveyId }] = await sql<[{ unitId: number; surveyId: number }]>`
    select r.unit_id, r.survey_id from unit_reports r join units u on u.id = r.unit_id
    where u.code = 'HD-CL-SD' and r.period_key = ${q3}
  `
  await sql.end()
  const stats = await analyst.evaluate(
    async (q) => (await fetch(`/api/v1/stats?${q}`)).json(),
    `period=quy&year=2025&index=3&mode=cutoff&cutoffDay=15&unitId=${unitId}&surveyId=${surveyId}`,
  )
  const cells = await sent.locator('td').allTextContents()
  expect(cells[3]).toBe(formatCount(stats.overall.responses))
  expect(cells[4]).toBe(formatPercent(stats.overall.rate))
  expect(stats.overall.responses).toBeGreaterThan(0)
  await city.close()
})
