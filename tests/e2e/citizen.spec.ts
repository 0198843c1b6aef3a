import { expect, test } from '@playwright/test'
import { codeOfCounter, e2eDatabase, expectFitsThePhone, expectNoAxeViolations } from './support'

const sql = e2eDatabase()
test.afterAll(() => sql.end())

const countOf = async (submissionId: string) =>
  (await sql<[{ n: number }]>`select count(*)::int as n from responses where submission_id = ${submissionId}`)[0].n

test('a citizen rates with one tap and sees the thanks at once', async ({ page }) => {
  await page.goto(process.env.E2E_DEMO_SURVEY_PATH!)
  await expectNoAxeViolations(page)
  const submissionId = await page.locator('input[name=submissionId]').inputValue()
  await page.getByText('Đất đai', { exact: true }).click()
  await page.getByText('Rất hài lòng', { exact: true }).first().click()
  await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' })).toBeVisible()
  await expectNoAxeViolations(page)
  const [row] = await sql`
    select r.answers, f.code as field_code from responses r left join fields f on f.id = r.field_id
    where r.submission_id = ${submissionId}
  `
  expect(row!.answers).toEqual({ overall: 3 })
  expect(row!.fieldCode).toBe('dat-dai')
})

test('a dissatisfied citizen is asked why before sending', async ({ page }) => {
  await page.goto(process.env.E2E_DEMO_SURVEY_PATH!)
  const reasons = page.getByRole('group', { name: 'Ông/Bà chưa hài lòng về điều gì?' })
  await expect(reasons).toBeHidden()
  await page.getByText('Không hài lòng', { exact: true }).first().click()
  await expect(reasons).toBeVisible()
  await reasons.getByText('Trả kết quả trễ hẹn').click()
  const comment = 'Hẹn 3 ngày nhưng 7 ngày mới có, gọi 0912345678'
  await page.getByLabel('Góp ý thêm (không bắt buộc)').fill(comment)
  await expect(page.getByText(`${comment.length}/1000 ký tự`)).toBeVisible()
  const submissionId = await page.locator('input[name=submissionId]').inputValue()
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click()
  await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' })).toBeVisible()
  const [row] = await sql`select answers, comment from responses where submission_id = ${submissionId}`
  expect(row).toEqual({ answers: { overall: 1, reasons: [5] }, comment: 'Hẹn 3 ngày nhưng 7 ngày mới có, gọi [đã ẩn]' })
})

test('a citizen completes the full SIPAS questionnaire', async ({ page }) => {
  await page.goto(`/q/${await codeOfCounter(sql, 'Bàn khảo sát SIPAS')}`)
  await expect(page.getByRole('heading', { level: 2 })).toHaveCount(5)
  const groups = page.locator('fieldset[data-kind=scale]')
  await expect(groups).toHaveCount(16)
  for (let i = 0; i < 16; i++)
    await groups
      .nth(i)
      .getByText(i % 4 === 0 ? 'Hài lòng' : 'Rất hài lòng', { exact: true })
      .click()
  const submissionId = await page.locator('input[name=submissionId]').inputValue()
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click()
  await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' })).toBeVisible()
  const [row] = await sql<[{ answers: Record<string, number> }]>`select answers from responses where submission_id = ${submissionId}`
  expect(Object.keys(row.answers)).toHaveLength(16)
  expect(row.answers.a_bien_hieu).toBe(4)
})

test('the survey works with JavaScript off, errors included', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 393, height: 727 } })
  const page = await context.newPage()
  await page.goto(`http://127.0.0.1:${process.env.E2E_PORT ?? 3107}${process.env.E2E_DEMO_SURVEY_PATH!}`)
  const submissionId = await page.locator('input[name=submissionId]').inputValue()
  await page.getByLabel('Thủ tục đã làm (không bắt buộc)').fill('nhầm thủ tục')
  await page
    .getByRole('group', { name: /hôm nay/ })
    .getByText('Hài lòng', { exact: true })
    .click()
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click()
  await expect(page.getByRole('alert')).toHaveText('Vui lòng kiểm tra lại các câu được đánh dấu.')
  await page.getByLabel('Thủ tục đã làm (không bắt buộc)').fill('1.013225')
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click()
  await expect(page).toHaveURL(/\/cam-on$/)
  await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' })).toBeVisible()
  expect(await countOf(submissionId)).toBe(1)
  await context.close()
})

test('an answer the server refuses brings the form back with its errors, accessible', async ({ page }) => {
  await page.goto(process.env.E2E_DEMO_SURVEY_PATH!)
  await page.getByLabel('Thủ tục đã làm (không bắt buộc)').fill('làm sổ đỏ')
  await page
    .getByRole('group', { name: /hôm nay/ })
    .getByText('Hài lòng', { exact: true })
    .click()
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click()
  await expect(page.getByRole('alert')).toHaveText('Vui lòng kiểm tra lại các câu được đánh dấu.')
  await expect(page.getByText('Mã thủ tục không đúng định dạng (ví dụ 1.001193).')).toBeVisible()
  await expect(page.getByRole('group', { name: /hôm nay/ }).getByRole('radio', { name: 'Hài lòng', exact: true })).toBeChecked()
  await expectNoAxeViolations(page)
})

test('a rating made offline is kept and sent once when the connection returns', async ({ page, context }) => {
  await page.goto(process.env.E2E_DEMO_SURVEY_PATH!)
  const submissionId = await page.locator('input[name=submissionId]').inputValue()
  await context.setOffline(true)
  await page.getByText('Hài lòng', { exact: true }).first().click()
  await expect(page.getByRole('status')).toHaveText('Đã lưu, sẽ gửi khi có mạng.')
  expect(await countOf(submissionId)).toBe(0)
  await context.setOffline(false)
  await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' })).toBeVisible({ timeout: 15_000 })
  await page.reload()
  await expect(page.getByRole('button', { name: 'Gửi đánh giá' })).toBeVisible()
  expect(await countOf(submissionId)).toBe(1)
  expect(await page.evaluate(() => localStorage.getItem('sipas.pending'))).toBe('[]')
})

test('a keyboard user completes the rating without a pointer', async ({ page }) => {
  await page.goto(process.env.E2E_DEMO_SURVEY_PATH!)
  const submissionId = await page.locator('input[name=submissionId]').inputValue()
  const headline = page.locator('input[name="a.overall"]').first()
  await headline.focus()
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('input[name="a.overall"]:checked')).toHaveValue('2')
  expect(await countOf(submissionId)).toBe(0)
  await page.getByRole('button', { name: 'Gửi đánh giá' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' })).toBeFocused()
  expect(await countOf(submissionId)).toBe(1)
})

test('text scaled to 200% loses nothing and reduced motion turns transitions off', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await page.goto(process.env.E2E_DEMO_SURVEY_PATH!)
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'))
  await expectFitsThePhone(page)
  await page.getByRole('button', { name: 'Gửi đánh giá' }).scrollIntoViewIfNeeded()
  await expect(page.getByRole('button', { name: 'Gửi đánh giá' })).toBeVisible()
  const transition = await page
    .locator('.opt span')
    .first()
    .evaluate((el) => getComputedStyle(el).transitionDuration)
  expect(transition).toBe('0s')
})

test('an invalid code gets a friendly page and the English switch works', async ({ page }) => {
  const res = await page.goto('/q/AAAAAAAAAAAAAAAA')
  expect(res!.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Không tìm thấy phiếu đánh giá' })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.goto(process.env.E2E_DEMO_SURVEY_PATH!)
  await page.getByRole('link', { name: 'English' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rate the service at this counter')
  await expect(page.getByRole('button', { name: 'Send rating' })).toBeVisible()
  await page.getByRole('link', { name: 'Tiếng Việt' }).click()
  await expect(page.getByRole('button', { name: 'Gửi đánh giá' })).toBeVisible()
})
