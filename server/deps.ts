import type { Config } from './config'
import type { Db } from './db'
import type { Logger } from './logger'

/** Settings the app runs with, the secret key resolved (main.ts generates one when none is given). */
export type AppConfig = Config & { secretKey: string }

/**
 * What every route and service is handed, so a test can hand in its own database and clock. This file knows
 * no feature: a feature that keeps a long-lived part here (the response writer, the served-survey cache)
 * adds it beside that part with `declare module '../deps'`, the way Hono's ContextVariableMap is extended,
 * and `createApp` builds it (docs/architecture.md, "Layers").
 */
export interface Deps {
  sql: Db
  /** Stats, exports and reports read here: the replica of DATABASE_READ_URL, else the primary (`sql`). */
  readSql: Db
  config: AppConfig
  logger: Logger
  clock: () => Date
}
