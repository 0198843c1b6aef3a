import { expect, test } from '@playwright/test'
import { e2eDatabase, expectNoAxeViolations, passwordOf } from './support'

const sql = e2eDatabase()
test.afterAll(() => sql.end())
const appOrigin = `http://127.0.0.1:${process.env.E2E_PORT ?? 3107}`

/** An admin creates a kiosk for a commune counter through the API and reads out its one-time code. */
async function pairingCode(request: import('@playwright/test').APIRequestContext) {
  const headers = { origin: appOrigin }
  const login = await request.post('/api/v1/auth/login', { headers, data: { username: 'admin', password: passwordOf('admin') } })
  expect(login.status()).toBe(200)
  const [counter] = await sql<[{ id: number }]>`
    select c.id from counters c join service_points sp on sp.id = c.service_point_id
    where sp.name = 'Bộ phận Một cửa UBND xã Lê Lợi' and c.name = 'Quầy 1 – Tư pháp, Hộ tịch, Chứng thực'
  `
  const created = await request.post('/api/v1/kiosks', { headers, data: { counterId: counter.id, name: 'Máy tính bảng e2e' } })
  expect(created.status()).toBe(201)
  return ((await created.json()) as { pairingCode: string }).pairingCode
}

test('a kiosk paired with a code rates, thanks, resets, and sends the taps made offline once each when back', async ({
  page,
  context,
  playwright,
}) => {
  // Two resets of 4 s and a reconnection: more than the default budget on a loaded machine.
  test.setTimeout(90_000)
  const admin = await playwright.request.newContext({ baseURL: appOrigin })
  const code = await pairingCode(admin)
  await admin.dispose()

  await page.goto('/kiosk')
  await page.getByLabel('Mã ghép nối').fill(code)
  await page.getByRole('button', { name: 'Ghép nối' }).click()
  const options = page.getByRole('group', { name: 'Ông/Bà đánh giá thế nào về việc giải quyết thủ tục hành chính hôm nay?' })
  await expect(options).toBeVisible()
  await expectNoAxeViolations(page)

  const sent = page.waitForRequest((r) => r.url().endsWith('/api/v1/kiosks/ratings'))
  await options.getByRole('button', { name: 'Rất hài lòng', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' })).toBeVisible()
  await expect(options).toBeHidden()
  // It resets itself for the next citizen.
  await expect(options).toBeVisible({ timeout: 10_000 })
  const online = (await sent).postDataJSON() as { submissionId: string }

  const status = page.getByRole('status')
  await context.setOffline(true)
  await options.getByRole('button', { name: 'Hài lòng', exact: true }).click()
  await expect(status).toHaveText('1 đánh giá đang chờ gửi (mất kết nối)')
  await expect(options).toBeVisible({ timeout: 10_000 })
  await options.getByRole('button', { name: 'Không hài lòng', exact: true }).click()
  await expect(status).toHaveText('2 đánh giá đang chờ gửi (mất kết nối)')
  const queued = (await page.evaluate(() => JSON.parse(localStorage.getItem('sipas.kiosk.queue') ?? '[]'))) as { submissionId: string }[]
  expect(queued).toHaveLength(2)

  await context.setOffline(false)
  await expect(status).toHaveText('', { timeout: 20_000 })
  const ids = [online.submissionId, ...queued.map((t) => t.submissionId)]
  const rows = await sql<{ submissionId: string; channel: string; answers: unknown }[]>`
    select submission_id::text, channel, answers from responses where submission_id = any(${ids}::uuid[]) order by submitted_at
  `
  expect(rows).toEqual([
    { submissionId: ids[0], channel: 'kiosk', answers: { overall: 3 } },
    { submissionId: ids[1], channel: 'kiosk', answers: { overall: 2 } },
    { submissionId: ids[2], channel: 'kiosk', answers: { overall: 1 } },
  ])
})
