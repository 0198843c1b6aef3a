import { expect, test } from '@playwright/test'
import { currentPeriodKey } from '../../admin-web/pages/reports/report-model'
import { dueReportOf, parsePeriodKey } from '../../shared/reporting-calendar'
import { localTimeOf } from '../../shared/local-time'
import { expectNoAxeViolations, logIn } from './support'

test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false })

// The platform runs on the real clock: the quarter open today is always reported on time, so that is the
// one sent (the demo's ratings are of 2025, so its figures may be empty; freezing is tested on the server).
const today = localTimeOf(new Date(), 'Asia/Ho_Chi_Minh').date
const due = dueReportOf(parsePeriodKey(currentPeriodKey(today))!, 'xa')

test('a commune manager sends the open quarter’s report; the city sees it on time, consolidates it, and the Word file downloads', async ({
  page,
  browser,
}) => {
  await logIn(page, 'quanly.saodo')
  await page.getByRole('link', { name: 'Báo cáo định kỳ' }).click()
  await expect(page.getByRole('heading', { name: 'Báo cáo định kỳ' })).toBeVisible()
  await expect(
    page.getByText(`Phường Sao Đỏ · ${due.label} · ${due.deadlineLabel} · Gửi tới: UBND Thành phố Chí Linh (qua Phòng Nội vụ)`),
  ).toBeVisible()
  const form = page.getByRole('form', { name: 'Soạn báo cáo' })
  await form.getByLabel('Phiếu khảo sát').selectOption({ index: 1 })
  await form.getByLabel('Kết quả đạt được').fill('Bộ phận Một cửa tiếp nhận, trả kết quả đúng hạn.')
  await form.getByLabel('Hạn chế').fill('Một số hồ sơ đất đai còn chậm.')
  await form.getByLabel('Nguyên nhân').fill('Thiếu công chức địa chính.')
  await form.getByLabel('Đề xuất, kiến nghị').fill('Bổ sung biên chế công chức địa chính.')
  await form.getByRole('button', { name: 'Lưu bản nháp' }).click()
  await expect(page.getByRole('status')).toHaveText('Đã lưu bản nháp.')
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click()
  await expect(page.getByRole('status')).toHaveText('Đã gửi báo cáo lần 1 tới UBND Thành phố Chí Linh (qua Phòng Nội vụ).')
  await expect(page.getByRole('button', { name: 'Gửi lại (lần 2)' })).toBeVisible()
  await expectNoAxeViolations(page)

  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Tải Word lần 1' }).click()
  expect((await download).suggestedFilename()).toBe(`bao-cao-${due.key}-lan-1.docx`)

  const city = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const analyst = await city.newPage()
  await logIn(analyst, 'phantich.chilinh')
  await analyst.getByRole('link', { name: 'Báo cáo định kỳ' }).click()
  await analyst.getByRole('button', { name: 'Theo dõi hạn gửi' }).click()
  const board = analyst.getByRole('table', { name: due.label })
  await expect(board.getByRole('row', { name: /Phường Sao Đỏ/ })).toContainText('Đã gửi đúng hạn')
  await expect(board.getByRole('row', { name: /Phường Sao Đỏ/ })).toContainText('Lần 1')
  await expect(board.getByRole('row', { name: /Xã Lê Lợi/ })).toContainText('Chưa bắt đầu')
  await expectNoAxeViolations(analyst)

  await analyst.getByRole('button', { name: 'Báo cáo tổng hợp' }).click()
  await expect(analyst.getByRole('heading', { name: `Báo cáo tổng hợp ${due.label} — Thành phố Chí Linh` })).toBeVisible()
  const sent = analyst.getByRole('table', { name: 'Các đơn vị trực thuộc' }).getByRole('row', { name: /Phường Sao Đỏ/ })
  await expect(sent).toContainText(/Lần 1 · \d{2}\/\d{2}\/\d{4}/)
  await expect(analyst.getByText('1/3 đơn vị đã gửi')).toBeVisible()
  await city.close()
})
