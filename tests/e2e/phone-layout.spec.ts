import { expect, test } from '@playwright/test'
import { expectFitsThePhone, logIn } from './support'

// A phone widens its page to whatever overflows, and then a column of a table can be a few letters wide with its
// buttons under the next column. Every screen of the admin app stays within the phone's width: a table of records
// becomes cards of labelled lines, other tables break their words, a select is never wider than the screen.
test('every admin screen fits the phone, its tables still tables', async ({ page }) => {
  // Fourteen screens, each loaded in full: about 13 s here, so more than one screen's 30 s on a slower machine.
  test.setTimeout(90_000)
  await logIn(page)
  const screens = await page
    .getByRole('navigation')
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => ({ name: a.textContent ?? '', href: (a as HTMLAnchorElement).href })))
  expect(screens.length).toBeGreaterThan(10)
  for (const screen of screens) {
    await test.step(screen.name, async () => {
      await page.goto(screen.href)
      await page.waitForLoadState('networkidle')
      await expect(page.getByText('Đang tải…').filter({ visible: true })).toHaveCount(0)
      await expectFitsThePhone(page)
    })
  }
  await page.getByRole('navigation').getByRole('link', { name: 'Quầy và mã QR' }).click()
  const counter = page.getByRole('row', { name: /Quầy 2 – Địa chính, Xây dựng/ }).first()
  await expect(counter.getByRole('cell', { name: /Trạng thái/ })).toContainText('Đang hoạt động')
})
