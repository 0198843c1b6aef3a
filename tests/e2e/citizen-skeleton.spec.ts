import { expect, test } from '@playwright/test'
import postgres from 'postgres'

test('a citizen opens the demo survey, submits the form and the rating is counted', async ({ page }) => {
  const sql = postgres(process.env.E2E_DATABASE_URL!, { max: 1 })
  const count = async () => (await sql<[{ n: number }]>`select count(*)::int as n from responses`)[0].n
  const rolledUp = async () =>
    (await sql<[{ n: number }]>`select coalesce(sum(n), 0)::int as n from rollups where question_key = '*'`)[0].n
  const before = await count()

  await page.goto(process.env.E2E_DEMO_SURVEY_PATH!)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đánh giá mức độ hài lòng tại quầy')
  await page.getByLabel('Lĩnh vực thủ tục').selectOption({ label: 'Đất đai' })
  await page.getByRole('group', { name: /giải quyết thủ tục hành chính hôm nay/ }).getByLabel('Rất hài lòng').check()
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click()

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cảm ơn Ông/Bà đã đánh giá!')
  expect(await count()).toBe(before + 1)
  expect(await rolledUp()).toBe(before + 1)
  await sql.end()
})
