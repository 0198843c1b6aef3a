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
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(', ')}`)).toEqual([])
}

/** Logs in to the admin app with the e2e password (demo accounts share it) and waits for the dashboard. */
export async function logIn(page: Page, username = 'admin') {
  await page.goto('/admin')
  await page.getByLabel('Tên đăng nhập').fill(username)
  await page.getByLabel('Mật khẩu').fill('e2e-admin-password')
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await expect(page.getByRole('heading', { name: 'Tổng quan mức độ hài lòng' })).toBeVisible()
}
