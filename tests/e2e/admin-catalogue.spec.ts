import { expect, test, type Page } from '@playwright/test'
import { e2eDatabase, expectNoAxeViolations, logIn } from './support'

test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false })

const sql = e2eDatabase()
test.afterAll(() => sql.end())

/** Accepts every confirmation and keeps its wording, to check what the admin was asked. */
function acceptConfirmations(page: Page) {
  const asked: string[] = []
  page.on('dialog', (dialog) => {
    asked.push(dialog.message())
    void dialog.accept()
  })
  return asked
}

test('an admin imports procedures all or nothing, creates an account, and finds both changes in the audit log', async ({ page }) => {
  await logIn(page)
  await page.getByRole('link', { name: 'Lĩnh vực và thủ tục' }).click()
  await expect(page.getByRole('table', { name: 'Danh sách thủ tục' })).toContainText('Đăng ký khai sinh')
  await expectNoAxeViolations(page)

  const importForm = page.getByRole('form', { name: 'Nhập thủ tục từ tệp CSV' })
  const csvBox = importForm.getByLabel('Hoặc dán nội dung CSV')
  await csvBox.fill('code,name,field\n1.014465.H50,Đăng ký khai sinh lưu động,ho-tich\n1.00119,Mã thiếu một chữ số,ho-tich\n')
  await importForm.getByRole('button', { name: 'Nhập' }).click()
  const refusal = importForm.getByRole('alert')
  await expect(refusal).toContainText('Chưa lưu dòng nào.')
  const rejected = refusal.getByRole('table', { name: 'Các dòng bị từ chối' }).getByRole('row')
  await expect(rejected).toHaveCount(2)
  await expect(rejected.nth(1)).toContainText('Dòng 3, cột code')
  await expect(rejected.nth(1)).toContainText('1.00119,Mã thiếu một chữ số,ho-tich')
  await expect(csvBox).toHaveValue(/1\.00119,Mã thiếu một chữ số/)
  const [refused] = await sql<[{ count: number }]>`select count(*)::int as count from procedures where code = '1.014465.H50'`
  expect(refused.count).toBe(0)
  await expectNoAxeViolations(page)

  await csvBox.fill('code,name,field\n1.014465.H50,Đăng ký khai sinh lưu động,ho-tich\n1.001193,Đăng ký khai sinh,ho-tich\n')
  await importForm.getByRole('button', { name: 'Nhập' }).click()
  await expect(importForm.getByRole('status')).toHaveText('Đã nhập 2 dòng: 1 thêm mới, 0 cập nhật, 1 không đổi.')
  await expect(importForm.getByRole('alert')).toHaveCount(0)
  await page.getByLabel('Tìm theo mã hoặc tên').fill('luu dong')
  const found = page.getByRole('table', { name: 'Danh sách thủ tục' }).getByRole('row')
  await expect(found).toHaveCount(2)
  await expect(found.nth(1)).toContainText('1.014465.H50')
  await expect(found.nth(1)).toContainText('Hộ tịch')

  await page.getByRole('link', { name: 'Người dùng' }).click()
  const userForm = page.getByRole('form', { name: 'Tạo tài khoản' })
  await userForm.getByLabel('Tên đăng nhập').fill('canbo.phalai')
  await userForm.getByLabel('Họ và tên').fill('Nguyễn Thị Hoa')
  await userForm.getByLabel('Vai trò').selectOption({ label: 'Cán bộ phân tích' })
  await userForm.getByLabel('Đơn vị').selectOption({ label: 'Phường Phả Lại' })
  await userForm.getByLabel('Mật khẩu', { exact: true }).fill('ngan-qua')
  await userForm.getByLabel('Nhập lại mật khẩu').fill('ngan-qua')
  await userForm.getByRole('button', { name: 'Tạo tài khoản' }).click()
  await expect(userForm.getByRole('alert')).toContainText('Mật khẩu')
  await expect(userForm.getByLabel('Mật khẩu', { exact: true })).toHaveAccessibleDescription(/Mật khẩu cần ít nhất 10 ký tự/)
  await expect(userForm.getByLabel('Tên đăng nhập')).toHaveValue('canbo.phalai')
  await expect(userForm.getByLabel('Đơn vị')).toHaveValue(/\d+/)
  await expectNoAxeViolations(page)

  await userForm.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-du-dai-2025')
  await userForm.getByLabel('Nhập lại mật khẩu').fill('mat-khau-du-dai-2025')
  await userForm.getByRole('button', { name: 'Tạo tài khoản' }).click()
  await expect(page.getByRole('status')).toHaveText('Đã tạo tài khoản "canbo.phalai" (Cán bộ phân tích).')
  const account = page.getByRole('table', { name: 'Danh sách tài khoản' }).getByRole('row', { name: /canbo\.phalai/ })
  await expect(account).toContainText('Nguyễn Thị Hoa')
  await expect(account).toContainText('Phường Phả Lại')
  await expect(account).toContainText('Đang hoạt động')
  await expect(userForm.getByLabel('Tên đăng nhập')).toHaveValue('')

  await page.getByRole('link', { name: 'Nhật ký thay đổi' }).click()
  const log = page.getByRole('table', { name: 'Nhật ký thay đổi' }).getByRole('row')
  await expect(log.nth(1)).toContainText('Tạo mới')
  await expect(log.nth(1)).toContainText('Tài khoản canbo.phalai')
  await expect(log.nth(1)).toContainText('Cán bộ phân tích, Phường Phả Lại')
  await expect(log.nth(1)).toContainText('admin')
  await expect(log.nth(1)).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/)
  await expect(log.nth(2)).toContainText('Nhập từ tệp CSV')
  await expect(log.nth(2)).toContainText('1 thêm mới, 0 cập nhật, 1 không đổi')
  await expectNoAxeViolations(page)
})

test('the audit log shows Vietnam time and pages back with "Xem thêm"', async ({ page }) => {
  // Logged in first: the login is audited too, and the rows below must be the newest.
  await logIn(page)
  const [admin] = await sql<[{ id: number }]>`select id from users where username = 'admin'`
  // 01:30 UTC is 08:30 in Vietnam (UTC+7).
  await sql`
    insert into audit_log (at, user_id, action, entity, entity_id, details)
    select '2025-03-14T01:30:00Z'::timestamptz, ${admin.id}, 'create', 'field', n::text, jsonb_build_object('code', 'linh-vuc-' || n, 'name', 'Lĩnh vực thử ' || n)
    from generate_series(1, 35) as n
  `
  const [{ total }] = await sql<[{ total: number }]>`select count(*)::int as total from audit_log`
  await page.getByRole('link', { name: 'Nhật ký thay đổi' }).click()
  const rows = page.getByRole('table', { name: 'Nhật ký thay đổi' }).getByRole('row')
  await expect(rows).toHaveCount(31)
  await expect(rows.nth(1)).toContainText('14/03/2025 08:30')
  await expect(rows.nth(1)).toContainText('Lĩnh vực Lĩnh vực thử 35')
  await page.getByRole('button', { name: 'Xem thêm' }).click()
  await expect(rows).toHaveCount(Math.min(total, 60) + 1)
  await expect(rows.nth(35)).toContainText('Lĩnh vực thử 1')
  await expectNoAxeViolations(page)
})

test('a manager creates only managers and analysts of their own subtree', async ({ page }) => {
  await logIn(page, 'quanly.saodo')
  await page.getByRole('link', { name: 'Người dùng' }).click()
  const userForm = page.getByRole('form', { name: 'Tạo tài khoản' })
  const roles = userForm.getByLabel('Vai trò').getByRole('option')
  await expect(roles).toHaveText(['Cán bộ quản lý', 'Cán bộ phân tích'])
  await expect(userForm.getByLabel('Đơn vị').getByRole('option')).toHaveText(['Phường Sao Đỏ'])
  await expect(page.getByRole('table', { name: 'Danh sách tài khoản' })).toContainText('quanly.saodo')
  await expect(page.getByRole('link', { name: 'Nhật ký thay đổi' })).toBeVisible()
  await expectNoAxeViolations(page)
})

test('the units screen shows the demo tree on any date, and a re-parenting from 1 July 2025 changes only the later tree', async ({
  page,
}) => {
  // A ward of its own to re-parent, so the demo tree other specs read stays as it is.
  await sql`
    with unit as (insert into units (code) values ('HD-CL-VA') returning id)
    insert into unit_versions (unit_id, name, level, parent_id, valid_from)
    select unit.id, 'Phường Văn An', 'xa', (select id from units where code = 'HD-CL'), '2019-01-10' from unit
  `
  const asked = acceptConfirmations(page)
  await logIn(page)
  await page.getByRole('link', { name: 'Đơn vị hành chính' }).click()
  const province = page.getByRole('list', { name: 'Trực thuộc Tỉnh Hải Dương (demo)' })
  const chiLinh = page.getByRole('list', { name: 'Trực thuộc Thành phố Chí Linh' })
  await expect(page.getByRole('list', { name: /^Cây đơn vị ngày/ })).toContainText('Tỉnh Hải Dương (demo) · Tỉnh')
  await expect(province).toContainText('Thành phố Chí Linh · Huyện/Thị xã/Thành phố')
  await expect(chiLinh).toContainText('Phường Sao Đỏ · Xã/Phường/Thị trấn')
  await expect(chiLinh).toContainText('Phường Phả Lại')
  await expect(chiLinh).toContainText('Xã Lê Lợi')
  await expectNoAxeViolations(page)

  const treeDate = page.getByLabel('Xem cây đơn vị vào ngày')
  await treeDate.fill('2024-12-31')
  await expect(page.getByRole('heading', { name: 'Cây đơn vị ngày 31/12/2024' })).toBeVisible()
  await expect(page).toHaveURL(/on=2024-12-31/)
  await expect(chiLinh).toContainText('Phường Sao Đỏ')

  const form = page.getByRole('form', { name: 'Đổi tên, đổi cấp hoặc chuyển đơn vị cấp trên' })
  await form.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Phường Văn An (HD-CL-VA)' })
  await form.getByLabel('Đơn vị cấp trên mới').selectOption({ label: 'Tỉnh Hải Dương (demo) (HD)' })
  await form.getByRole('button', { name: 'Ghi phiên bản mới' }).click()
  await expect(form.getByLabel('Áp dụng từ ngày')).toHaveAccessibleDescription(/YYYY-MM-DD/)
  await expect(form.getByRole('alert')).toContainText('Áp dụng từ ngày')
  await expect(form.getByLabel('Đơn vị', { exact: true })).toHaveValue(/\d+/)

  await form.getByLabel('Áp dụng từ ngày').fill('2025-07-01')
  await form.getByRole('button', { name: 'Ghi phiên bản mới' }).click()
  await expect(page.getByRole('status')).toHaveText(
    'Đã ghi phiên bản mới của Phường Văn An từ ngày 01/07/2025: chuyển trực thuộc Tỉnh Hải Dương (demo).',
  )
  expect(asked.at(-1)).toContain('Phường Văn An từ ngày 01/07/2025: chuyển trực thuộc Tỉnh Hải Dương (demo)')
  expect(asked.at(-1)).toContain('không xóa được')

  await treeDate.fill('2025-06-30')
  await expect(page.getByRole('heading', { name: 'Cây đơn vị ngày 30/06/2025' })).toBeVisible()
  await expect(chiLinh).toContainText('Phường Văn An')

  await treeDate.fill('2025-08-01')
  await expect(page.getByRole('heading', { name: 'Cây đơn vị ngày 01/08/2025' })).toBeVisible()
  await expect(chiLinh).not.toContainText('Phường Văn An')
  await expect(chiLinh).toContainText('Phường Phả Lại')
  await expect(province).toContainText('Phường Văn An · Xã/Phường/Thị trấn · mã HD-CL-VA · từ 01/07/2025')
  await expectNoAxeViolations(page)

  const [stored] = await sql<[{ versions: number }]>`
    select count(*)::int as versions from unit_versions v join units u on u.id = v.unit_id where u.code = 'HD-CL-VA'
  `
  expect(stored.versions).toBe(2)
})
