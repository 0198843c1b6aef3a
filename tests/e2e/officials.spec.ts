import { expect, test } from '@playwright/test'
import { e2eDatabase, expectFitsThePhone, expectNoAxeViolations, logIn } from './support'

const sql = e2eDatabase()
test.afterAll(() => sql.end())

const name = 'Nguyễn Văn A – công chức Địa chính'

test('an admin lists an official at a counter, and a citizen names them on the survey page', async ({ page, browser }) => {
  await logIn(page)
  await page.getByRole('link', { name: 'Quầy và mã QR' }).click()
  const row = page.getByRole('row', { name: /Quầy 2 – Địa chính, Xây dựng/ }).first()
  await row.getByText('Công chức phục vụ').click()
  await expect(row.getByText('Chưa có; phiếu không hỏi công chức tiếp nhận.')).toBeVisible()
  // On the phone each counter is a card of lines: the form to add an official has the screen's width, not a
  // column's, and nothing covers its button.
  await expectFitsThePhone(page)
  await row.getByLabel('Công chức').fill(name)
  await row.getByRole('button', { name: 'Thêm' }).click()
  await expect(row.getByRole('listitem').filter({ hasText: name })).toBeVisible()

  const [official] = await sql<[{ id: number; code: string }]>`
    select o.id, cc.code from counter_officials o join counter_codes cc on cc.counter_id = o.counter_id and cc.revoked_at is null
    where o.display_name = ${name} and o.removed_at is null
  `
  // A citizen's own phone: the staff browser signed in to the admin app may not rate.
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL })
  const citizen = await context.newPage()
  await citizen.goto(`/q/${official.code}`)
  const select = citizen.getByLabel('Công chức tiếp nhận (không bắt buộc)')
  await expect(select).toHaveValue('')
  await expectNoAxeViolations(citizen)
  await citizen.getByText('Đất đai', { exact: true }).click()
  await select.selectOption({ label: name })
  await citizen.getByText('Hài lòng', { exact: true }).first().click()
  const submissionId = await citizen.locator('input[name=submissionId]').inputValue()
  await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click()
  await expect(citizen.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' })).toBeVisible()
  const [stored] = await sql<[{ officialId: number }]>`select official_id from responses where submission_id = ${submissionId}`
  expect(stored.officialId).toBe(official.id)
  await context.close()
})
