import { expect, test } from '@playwright/test'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { e2eDatabase, expectNoAxeViolations, logIn } from './support'

test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false })

const sql = e2eDatabase()
test.afterAll(() => sql.end())

test('an admin creates a counter, prints its poster, and a rating through the decoded QR code is counted', async ({
  page,
  browser,
  playwright,
}) => {
  await logIn(page)
  await page.getByRole('link', { name: 'Quầy và mã QR' }).click()
  const form = page.getByRole('form', { name: 'Thêm quầy' })
  await form.getByLabel('Bộ phận Một cửa').selectOption({ label: 'Bộ phận Một cửa UBND phường Phả Lại' })
  await form.getByLabel('Tên quầy').fill('Quầy 3 – Tiếp nhận trực tuyến')
  await form.getByLabel('Hộ tịch').check()
  await form.getByRole('button', { name: 'Tạo quầy' }).click()
  await expect(page.getByRole('status')).toHaveText('Đã tạo quầy "Quầy 3 – Tiếp nhận trực tuyến".')
  await expectNoAxeViolations(page)

  const [counter] = await sql<[{ id: number; unitId: number }]>`
    select c.id, sp.unit_id from counters c join service_points sp on sp.id = c.service_point_id
    where c.name = 'Quầy 3 – Tiếp nhận trực tuyến'
  `
  const poster = await page.context().newPage()
  await poster.goto(`/admin/posters?unitId=${counter.unitId}`)
  const card = poster.locator('article', { hasText: 'Quầy 3 – Tiếp nhận trực tuyến' }).first()
  await expect(card).toContainText('Quét mã QR để đánh giá mức độ hài lòng')
  const shot = PNG.sync.read(await card.locator('svg').first().screenshot())
  const decoded = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height)
  expect(decoded?.data).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${process.env.E2E_PORT ?? 3107}/q/[A-Za-z0-9_-]{16}$`))

  const citizen = await browser.newContext({ viewport: { width: 393, height: 727 }, isMobile: true, hasTouch: true })
  const phone = await citizen.newPage()
  await phone.goto(decoded!.data)
  await expect(phone.getByText('Quầy 3 – Tiếp nhận trực tuyến')).toBeVisible()
  await phone.getByText('Rất hài lòng', { exact: true }).first().click()
  await expect(phone.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' })).toBeVisible()
  await citizen.close()

  // A script posts a second rating straight to the API, without the page: it is stored but flagged and set
  // apart. The admin (a supervising level) restores it with a reason, and the counter then counts two.
  const code = decoded!.data.split('/q/')[1]!
  const script = await playwright.request.newContext({ baseURL: new URL(page.url()).origin })
  const scripted = await script.post('/api/v1/responses', {
    data: { counterCode: code, submissionId: crypto.randomUUID(), answers: { overall: 3 } },
  })
  expect(scripted.status()).toBe(201)
  await script.dispose()
  // The citizen's own rating may be flagged too (a one-tap page sent within a second, or a weekend run): only
  // the scripted one, the latest, is asserted.
  const stored = await sql<{ flagReasons: string[]; isExcluded: boolean }[]>`
    select flag_reasons, is_excluded from responses where counter_id = ${counter.id} order by submitted_at
  `
  expect(stored).toHaveLength(2)
  expect(stored[1]!.isExcluded).toBe(true)
  expect(stored[1]!.flagReasons).toContain('no_form')
  await page.goto(`/admin?counterId=${counter.id}`)
  const flagged = page.getByRole('table', { name: 'Phiếu bị gắn cờ' }).getByRole('row', { name: /Không gửi từ phiếu đã mở tại quầy/ })
  await expect(flagged).toContainText('Quầy 3 – Tiếp nhận trực tuyến')
  await page.getByLabel('Lý do loại hoặc khôi phục (ghi vào nhật ký)').fill('Đã đối chiếu sổ tiếp nhận')
  await flagged.getByRole('button', { name: 'Khôi phục' }).click()
  await expect(page.getByText('Đã khôi phục phiếu vào số liệu.')).toBeVisible()
  const [kept] = await sql<[{ n: number }]>`select count(*)::int as n from responses where counter_id = ${counter.id} and not is_excluded`
  expect(kept.n).toBeGreaterThanOrEqual(1)
  await page.reload()
  const ranking = page.getByRole('table', { name: 'Xếp hạng quầy' })
  await expect(ranking.getByRole('row', { name: /Quầy 3 – Tiếp nhận trực tuyến/ })).toContainText(new RegExp(`\\b${kept.n}\\b`))
})

test('an analyst of TP Chí Linh sees the demo against the 96% target, and filters live in the URL', async ({ page }) => {
  await logIn(page, 'phantich.chilinh')
  await page.goto('/admin?year=2025')
  await expect(page.getByText(/Chỉ tiêu ≥ 96,0%/).first()).toBeVisible()
  await expect(page.getByRole('img', { name: /^Xu hướng theo tháng, đường chỉ tiêu 96,0%\. Tháng 1\/2025: \d+,\d%/ })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByLabel('Kỳ báo cáo').selectOption({ label: 'Quý' })
  await page.getByLabel('Quý', { exact: true }).selectOption({ label: 'III' })
  await expect(page).toHaveURL(/period=quy/)
  await expect(page).toHaveURL(/index=3/)
  await expect(page.getByText(/Quý III\/2025/).first()).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('Quý', { exact: true })).toHaveValue('3')
})

test('the analyst of TP Chí Linh hands the Q3/2025 report upward, on screen and as Word', async ({ page }) => {
  await logIn(page, 'phantich.chilinh')
  await page.getByRole('link', { name: 'Báo cáo', exact: true }).click()
  await page.getByLabel('Năm', { exact: true }).fill('2025')
  await page.getByLabel('Quý', { exact: true }).selectOption({ label: 'III' })
  const reportPage = page.waitForEvent('popup')
  await page.getByRole('link', { name: 'Xem và in báo cáo' }).click()
  const report = await reportPage
  await expect(report.getByRole('heading', { name: 'BÁO CÁO' })).toBeVisible()
  await expect(report.getByText('Quý III/2025 (15/06/2025 – 14/09/2025)').first()).toBeVisible()
  await expect(report.getByRole('cell', { name: 'Lĩnh vực đất đai, xây dựng, đầu tư' })).toBeVisible()
  await report.screenshot({ path: 'test-results/periodic-report.png', fullPage: true })
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Tải báo cáo bản Word (.docx)' }).click()
  expect((await download).suggestedFilename()).toBe('bao-cao-hai-long-2025-06-15-2025-09-14.docx')
})

test('an admin opens a new service point and deactivates it after confirming', async ({ page }) => {
  await logIn(page)
  await page.getByRole('link', { name: 'Quầy và mã QR' }).click()
  const form = page.getByRole('form', { name: 'Thêm bộ phận một cửa' })
  await form.getByLabel('Đơn vị').selectOption({ label: 'Xã Lê Lợi' })
  await form.getByLabel('Tên').fill('Điểm tiếp nhận lưu động Lê Lợi')
  await form.getByRole('button', { name: 'Tạo bộ phận' }).click()
  await expect(page.getByRole('status')).toHaveText('Đã tạo "Điểm tiếp nhận lưu động Lê Lợi".')
  const point = page.getByRole('region', { name: 'Điểm tiếp nhận lưu động Lê Lợi' })
  await expect(point).toBeVisible()
  page.once('dialog', (dialog) => dialog.accept())
  await point.getByRole('button', { name: 'Ngừng hoạt động bộ phận' }).click()
  await expect(page.getByRole('status')).toHaveText('Đã ngừng hoạt động Điểm tiếp nhận lưu động Lê Lợi.')
  await expect(page.getByRole('heading', { name: /Điểm tiếp nhận lưu động Lê Lợi \(ngừng hoạt động\)/ })).toBeVisible()
  await expectNoAxeViolations(page)
})

test('an admin makes an API key for the provincial one-stop system, shown once, and revokes it; a commune manager has no such screen', async ({
  page,
  browser,
}) => {
  const managerContext = await browser.newContext()
  const managerPage = await managerContext.newPage()
  await logIn(managerPage, 'quanly.saodo')
  await expect(managerPage.getByRole('link', { name: 'Nhật ký thay đổi' })).toBeVisible()
  await expect(managerPage.getByRole('link', { name: 'Kết nối một cửa' })).toHaveCount(0)
  await managerContext.close()
  await logIn(page)
  await page.getByRole('link', { name: 'Kết nối một cửa' }).click()
  const form = page.getByRole('form', { name: 'Tạo khóa API' })
  await form.getByLabel('Tên hệ thống').fill('Một cửa điện tử phường Sao Đỏ')
  await form.getByLabel('Đơn vị (khóa dùng cho đơn vị và các đơn vị trực thuộc)').selectOption({ label: 'Phường Sao Đỏ' })
  await form.getByRole('button', { name: 'Tạo khóa' }).click()
  await expect(page.getByRole('alert')).toContainText(/sipas_[\w-]{32}/)
  const row = page.getByRole('row', { name: /Một cửa điện tử phường Sao Đỏ/ })
  await expect(row).toContainText('Đang dùng')
  await expectNoAxeViolations(page)
  page.once('dialog', (dialog) => dialog.accept())
  await row.getByRole('button', { name: 'Thu hồi' }).click()
  await expect(page.getByRole('status')).toHaveText('Đã thu hồi khóa "Một cửa điện tử phường Sao Đỏ".')
  await expect(row).toContainText('Đã thu hồi')
})
