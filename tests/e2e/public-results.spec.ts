import { expect, test } from '@playwright/test'
import { expectFitsThePhone, expectNoAxeViolations, logIn } from './support'

test('a phone opens the demo city’s public page: targets met and missed, no script, within the screen', async ({ page }) => {
  const scripts: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url())
  })
  const response = await page.goto('/cong-khai/HD-CL?ky=nam-2025')
  expect(response?.status()).toBe(200)
  expect(response?.headers()['cache-control']).toBe('public, max-age=60')
  await expect(page.getByRole('heading', { level: 1, name: 'Thành phố Chí Linh' })).toBeVisible()
  await expect(page.getByText('Năm 2025 (15/12/2024 – 14/12/2025)')).toBeVisible()

  const overall = page.locator('section.indicator').filter({ hasText: 'Hài lòng trong giải quyết TTHC' }).first()
  await expect(overall.getByRole('row')).toHaveCount(6)
  await expect(overall.getByRole('row', { name: /^Năm 2025/ })).toContainText(/\d+,\d%/)
  const verdicts = page.locator('td.dat, td.chua-dat')
  await expect(page.locator('td.dat').first()).toBeVisible()
  await expect(page.locator('td.chua-dat').first()).toBeVisible()
  expect(await verdicts.count()).toBeGreaterThan(4)
  await expect(page.getByRole('heading', { name: 'Theo đơn vị trực thuộc, Năm 2025' })).toBeVisible()
  await expect(page.getByRole('rowheader', { name: 'Phường Sao Đỏ' }).first()).toBeVisible()
  // The QR code is for the printed notice only.
  await expect(page.locator('.qr svg')).toBeHidden()
  await expect(page.locator('.head').getByText(/^Ngày in/)).toBeHidden()

  // Nothing wider than the phone's screen, and nothing run.
  await expectFitsThePhone(page)
  expect(scripts).toEqual([])
  await expectNoAxeViolations(page)

  // Another period by its link.
  await page.getByRole('link', { name: 'Quý III/2025' }).click()
  await expect(page).toHaveURL(/\?ky=quy-2025-3$/)
  await expect(page.getByText('Quý III/2025 (15/06/2025 – 14/09/2025)')).toBeVisible()
})

test('printed, the page is the notice for the wall: the unit, the period, the day printed, the source and the QR code', async ({
  page,
}) => {
  await page.goto('/cong-khai/HD-CL?ky=quy-2025-3')
  await page.emulateMedia({ media: 'print' })
  await expect(page.locator('.qr svg')).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Kỳ khác' })).toBeHidden()
  await expect(page.getByText('In trang này (Ctrl+P)')).toBeHidden()
  const head = page.locator('.head')
  await expect(head.getByText(/^Ngày in: \d{2}\/\d{2}\/\d{4}\. Nguồn: Hệ thống đánh giá mức độ hài lòng\.$/)).toBeVisible()
  await expect(head.getByText('Quý III/2025 (15/06/2025 – 14/09/2025)')).toBeVisible()
  await expect(page.getByText(/Địa chỉ trang: http/)).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Thành phố Chí Linh' })).toHaveCSS('font-size', '32px')
  const pdf = await page.pdf({ format: 'A4' })
  expect(pdf.byteLength).toBeGreaterThan(10_000)
})

test('the units screen links each unit to its public page', async ({ page }) => {
  await logIn(page)
  await page.getByRole('link', { name: 'Đơn vị hành chính' }).click()
  const link = page.getByRole('link', { name: 'Trang công khai của Thành phố Chí Linh' })
  await expect(link).toHaveAttribute('href', '/cong-khai/HD-CL')
  const popup = page.waitForEvent('popup')
  await link.click()
  const opened = await popup
  await expect(opened.getByRole('heading', { level: 1, name: 'Thành phố Chí Linh' })).toBeVisible()
})

test('an unknown unit is a 404 page', async ({ page }) => {
  const response = await page.goto('/cong-khai/KHONG-CO-DON-VI')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Không tìm thấy đơn vị' })).toBeVisible()
})
