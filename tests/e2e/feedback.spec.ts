import { expect, request, test } from '@playwright/test'
import { e2eDatabase, expectNoAxeViolations, logIn } from './support'

const sql = e2eDatabase()
test.afterAll(() => sql.end())

/** The live code of a named counter of one unit (demo counters share names across communes). */
async function counterCodeOf(unitCode: string, counterName: string) {
  const [row] = await sql<[{ code: string }]>`
    select cc.code from counter_codes cc
    join counters c on c.id = cc.counter_id
    join service_points sp on sp.id = c.service_point_id
    join units u on u.id = sp.unit_id
    where u.code = ${unitCode} and c.name = ${counterName} and cc.revoked_at is null
    limit 1
  `
  return row.code
}

/**
 * Ratings through the counter's form without JavaScript, each from its own browser (its own device cookie)
 * and sent well after the form was shown: the citizens served before ours, so the counter has the five
 * ratings this month that let its comments be shown.
 */
async function othersRate(baseURL: string, code: string, count: number) {
  const contexts = await Promise.all(Array.from({ length: count }, () => request.newContext({ baseURL })))
  const forms = await Promise.all(
    contexts.map(async (context) => {
      const html = await (await context.get(`/q/${code}`)).text()
      const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)![1]!
      return { context, submissionId: hidden('submissionId'), formToken: hidden('formToken') }
    }),
  )
  await new Promise((resolve) => setTimeout(resolve, 1500))
  for (const { context, submissionId, formToken } of forms) {
    const res = await context.post(`/q/${code}`, {
      form: { submissionId, formToken, 'a.overall': '3', fieldCode: 'ho-tich' },
      maxRedirects: 0,
    })
    expect(res.status()).toBe(303)
    await context.dispose()
  }
}

test('a citizen’s comment is answered by the commune and read back with the follow-up code', async ({ page, browser, baseURL }) => {
  // A long journey through two browsers on a shared machine: a generous budget rather than a race.
  test.setTimeout(120_000)
  const code = await counterCodeOf('HD-CL-SD', 'Quầy 1 – Tư pháp, Hộ tịch, Chứng thực')
  await othersRate(baseURL!, code, 5)

  // The citizen: dissatisfied, with a reason and a comment; the thanks shows the follow-up code.
  await page.goto(`/q/${code}`)
  await page.getByText('Hộ tịch', { exact: true }).click()
  await page.getByText('Không hài lòng', { exact: true }).first().click()
  await page.getByRole('group', { name: 'Ông/Bà chưa hài lòng về điều gì?' }).getByText('Thời gian chờ lâu').click()
  const comment = 'Phòng chờ thiếu quạt mát, người già phải đứng chờ ngoài hành lang'
  await page.getByLabel('Góp ý thêm (không bắt buộc)').fill(comment)
  // Past the minimum time to fill a form, so the rating is not set apart as sent too fast.
  await page.waitForTimeout(1500)
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click()
  await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' })).toBeVisible()
  const followUp = (await page.locator('.follow-up-code').textContent())!
  expect(followUp).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/)
  await expectNoAxeViolations(page)

  // The commune's manager finds it in the inbox (searched without diacritics), takes it up and answers.
  const official = await (await browser.newContext()).newPage()
  await logIn(official, 'quanly.saodo')
  await official.getByRole('link', { name: 'Ý kiến người dân' }).click()
  await official.getByLabel('Tìm trong góp ý (gõ có dấu hoặc không dấu)').fill('thieu quat mat')
  await official.getByLabel('Tìm trong góp ý (gõ có dấu hoặc không dấu)').press('Enter')
  const row = official.getByRole('list', { name: 'Ý kiến trong kỳ' }).getByRole('listitem').filter({ hasText: comment })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('Thời gian chờ lâu')
  await row.getByLabel('Loại').selectOption({ label: 'Kiến nghị' })
  await row.getByRole('button', { name: 'Tiếp nhận' }).click()
  await expect(official.getByText('Đã tiếp nhận phản ánh, kiến nghị.')).toBeVisible()
  const answer = 'Phường đã lắp thêm hai quạt và mười ghế chờ trong phòng một cửa.'
  const item = official.getByRole('list', { name: 'Danh sách phản ánh, kiến nghị' }).getByRole('listitem').filter({ hasText: comment })
  await item.getByLabel(/Trả lời người dân/).fill(answer)
  await item.getByRole('button', { name: 'Gửi trả lời' }).click()
  await expect(item).toContainText(`Trả lời: ${answer}`)
  await expect(item).toContainText('Đã trả lời')
  await expectNoAxeViolations(official)

  // The citizen reads the answer with the code, and nothing about the rating.
  await page.goto(`/phan-hoi/${followUp}`)
  await expect(page.getByRole('heading', { name: 'Theo dõi góp ý' })).toBeVisible()
  await expect(page.getByText('Tình trạng: Đã trả lời')).toBeVisible()
  await expect(page.getByText(answer)).toBeVisible()
  await expect(page.getByText(comment)).toHaveCount(0)
  await expect(page.getByText('Quầy 1')).toHaveCount(0)
  await expectNoAxeViolations(page)
})
