import { createApp, responseWriterOptions } from '../../server/app'
import { loadConfig } from '../../server/config'
import type { Db } from '../../server/db'
import type { AppConfig } from '../../server/deps'
import { createLogger } from '../../server/logger'
import { mintFormToken, type FormTarget } from '../../server/responses/form-token'
import { createResponseWriter } from '../../server/responses/writer'

export const testSecretKey = 'test-secret-key-that-is-long-enough-0123456789'

export function testConfig(env: Record<string, string> = {}): AppConfig {
  return { ...loadConfig({ DATABASE_URL: 'postgres://unused@127.0.0.1/unused', ...env }), secretKey: testSecretKey }
}

/** The real app on a test database, silent, with an optional fixed clock. */
export function testApp(sql: Db, { clock, env }: { clock?: () => Date; env?: Record<string, string> } = {}) {
  const config = testConfig(env)
  const writer = createResponseWriter(sql, responseWriterOptions(config))
  const app = createApp({ sql, config, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), writer, ...(clock ? { clock } : {}) })
  return { app, writer, config }
}

/**
 * The form token the citizen page renders for this submission and target, as if the page had been shown
 * `ageMs` before `now` (default: a minute, well past the too-fast threshold).
 */
export function formTokenFor(target: FormTarget, submissionId: string, now: Date = new Date(), ageMs = 60_000) {
  return mintFormToken(testSecretKey, submissionId, new Date(now.getTime() - ageMs), target)
}
