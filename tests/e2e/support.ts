import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'
import postgres from 'postgres'

/** The e2e server's database (started by global-setup.ts), to check what was stored. */
export function e2eDatabase() {
  return postgres(process.env.E2E_DATABASE_URL!, { max: 1, transform: { column: { from: postgres.toCamel } } })
}

export async function codeOfCounter(sql: postgres.Sql, counterName: string) {
  const [row] = await sql<[{ code: string }]>`
    select cc.code from counter_codes cc join counters c on c.id = cc.counter_id
    where c.name = ${counterName} and cc.revoked_at is null
    order by c.id limit 1
  `
  return row.code
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(', ')}`),
  ).toEqual([])
}

/**
 * The page is no wider than the phone's screen. A mobile browser widens its layout viewport (`innerWidth`) to
 * whatever overflows, so the page is held to the device's width, not to `innerWidth`.
 */
export async function expectFitsThePhone(page: Page) {
  const screen = page.viewportSize()!.width
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(screen)
}

/** A password of the e2e platform: the admin's, or a demo account's as the platform printed it. */
export function passwordOf(username: string): string {
  const password = (JSON.parse(process.env.E2E_PASSWORDS ?? '{}') as Record<string, string>)[username]
  if (!password) throw new Error(`no password known for ${username}`)
  return password
}

/** Logs in to the admin app and waits for the dashboard. */
export async function logIn(page: Page, username = 'admin') {
  await page.goto('/admin')
  await page.getByLabel('Tên đăng nhập').fill(username)
  await page.getByLabel('Mật khẩu').fill(passwordOf(username))
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await expect(page.getByRole('heading', { name: 'Tổng quan mức độ hài lòng' })).toBeVisible()
}
