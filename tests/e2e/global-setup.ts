import { startPlatform } from '../support/platform'

/** E2E_PORT lets two Playwright runs share a machine. */
export const e2ePort = Number(process.env.E2E_PORT ?? 3107)

/** The platform as `npm start` runs it, on a throwaway data folder; tests read its database URL from the env. */
export default async function globalSetup() {
  const platform = await startPlatform({ port: e2ePort, env: { ADMIN_PASSWORD: 'e2e-admin-password' } })
  process.env.E2E_DATABASE_URL = platform.databaseUrl
  // Each demo account has its own password, printed once at the first start; the admin's is ADMIN_PASSWORD.
  process.env.E2E_PASSWORDS = JSON.stringify({ ...platform.demoPasswords, admin: 'e2e-admin-password' })
  process.env.E2E_DEMO_SURVEY_PATH = platform.output.match(/\/q\/[A-Za-z0-9_-]+/)![0]
  return platform.stop
}
