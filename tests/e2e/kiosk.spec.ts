import { type Browser, expect, test } from '@playwright/test'
import { e2eDatabase, expectNoAxeViolations, logIn } from './support'

const sql = e2eDatabase()
test.afterAll(() => sql.end())
const appOrigin = `http://127.0.0.1:${process.env.E2E_PORT ?? 3107}`

/** An admin pairs a tablet from the counters screen, in a browser of their own, and reads out the code. */
async function pairingCode(browser: Browser) {
  const context = await browser.newContext({ baseURL: appOrigin, locale: 'vi-VN' })
  const page = await context.newPage()
  await logIn(page)
  await page.getByRole('link', { name: 'Quầy và mã QR' }).click()
  const row = page
    .getByRole('region', { name: 'Bộ phận Một cửa UBND xã Lê Lợi' })
    .getByRole('row', { name: /Quầy 2 – Địa chính, Xây dựng/ })
  // From the keyboard: the admin screens are usable without a pointer.
  await row.getByRole('button', { name: 'Ghép máy đánh giá' }).focus()
  await page.keyboard.press('Enter')
  const status = page.getByRole('status').filter({ hasText: 'Mã ghép nối' })
  await expect(status).toContainText('/kiosk trên máy tính bảng')
  const code = /: ([A-Z0-9]{4}-[A-Z0-9]{4})\./.exec((await status.textContent()) ?? '')?.[1]
  await context.close()
  expect(code).toBeDefined()
  return code!
}

test('a kiosk paired with a code rates, thanks, resets, and sends the taps made offline once each when back', async ({
  page,
  context,
  browser,
}) => {
  // Two resets of 4 s and a reconnection: more than the default budget on a loaded machine.
  test.setTimeout(90_000)
  const code = await pairingCode(browser)

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
