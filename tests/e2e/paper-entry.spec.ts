import { expect, test } from '@playwright/test'
import { e2eDatabase, logIn, passwordOf } from './support'

const sql = e2eDatabase()
test.afterAll(() => sql.end())
const appOrigin = `http://127.0.0.1:${process.env.E2E_PORT ?? 3107}`

test('an enumerator types a stack of paper forms with the keyboard only, one screen per form', async ({ page, playwright }) => {
  const [counter] = await sql<[{ id: number; versionId: number }]>`
    select c.id, sa.survey_version_id as version_id
    from counters c
    join service_points sp on sp.id = c.service_point_id
    join survey_assignments sa on sa.counter_id = c.id
    where sp.name = 'Bộ phận Một cửa UBND phường Phả Lại' and c.name = 'Quầy 1 – Tư pháp, Hộ tịch, Chứng thực'
  `
  const [unit] = await sql<[{ id: number }]>`select id from units where code = 'HD-CL'`
  const admin = await playwright.request.newContext({ baseURL: appOrigin, extraHTTPHeaders: { origin: appOrigin } })
  expect((await admin.post('/api/v1/auth/login', { data: { username: 'admin', password: passwordOf('admin') } })).status()).toBe(200)
  const created = await admin.post('/api/v1/campaigns', {
    data: {
      unitId: unit.id,
      name: 'Điều tra xã hội học e2e',
      surveyVersionId: counter.versionId,
      periodStart: '2025-11-01',
      periodEnd: '2025-11-30',
      samples: [{ counterId: counter.id, sampleSize: 40 }],
    },
  })
  expect(created.status()).toBe(201)
  const campaignId = ((await created.json()) as { id: number }).id
  await admin.dispose()

  await logIn(page)
  await page.goto('/admin/phieu-giay')
  const number = page.getByLabel('Số phiếu')
  await expect(number).toBeFocused()
  const status = page.getByRole('status').filter({ hasText: /phiếu|Chưa lưu/ })

  await page.keyboard.type('001')
  await page.keyboard.press('Tab')
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type('2025-11-05')
  await page.keyboard.press('Tab')
  await page.keyboard.type('3')
  await page.keyboard.press('Enter')
  await expect(status).toHaveText('Đã lưu phiếu số 001.')
  await expect(number).toHaveValue('002')
  await expect(number).toBeFocused()

  // The next form: the date is kept, the answers are empty.
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await page.keyboard.type('1')
  await page.keyboard.press('Tab')
  await page.keyboard.type('1 5')
  await page.keyboard.press('Enter')
  await expect(status).toHaveText('Đã lưu phiếu số 002.')
  await expect(number).toHaveValue('003')

  // A code off the scale is named and nothing is stored.
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await page.keyboard.type('7')
  await page.keyboard.press('Enter')
  await expect(status).toContainText('Chưa lưu')
  await expect(number).toHaveValue('003')
  const progress = page.getByRole('row', { name: /Phường Phả Lại · Quầy 1 – Tư pháp/ }).getByRole('cell')
  await expect(progress).toHaveText(['Phường Phả Lại · Quầy 1 – Tư pháp, Hộ tịch, Chứng thực', '40', '2'])

  const rows = await sql<{ channel: string; answers: unknown }[]>`
    select r.channel, r.answers
    from campaign_forms f join responses r on r.id = f.response_id
    where f.campaign_id = ${campaignId}
    order by r.answers->>'overall' desc
  `
  expect(rows).toEqual([
    { channel: 'paper', answers: { overall: 3 } },
    { channel: 'paper', answers: { overall: 1, reasons: [1, 5] } },
  ])
})
