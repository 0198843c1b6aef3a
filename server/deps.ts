import type { Config } from './config'
import type { ServedCache } from './counters/served-cache'
import type { ServedSurvey } from './counters/service'
import type { Db } from './db'
import type { Logger } from './logger'
import type { DeviceIntervals } from './responses/device-intervals'
import type { ResponseWriter } from './responses/writer'

/** Settings the app runs with, the secret key resolved (main.ts generates one when none is given). */
export type AppConfig = Config & { secretKey: string }

/** What every route and service is handed, so a test can hand in its own database and clock. */
export type Deps = {
  sql: Db
  config: AppConfig
  logger: Logger
  clock: () => Date
  writer: ResponseWriter
  devices: DeviceIntervals
  /** Clear it after any change to what a counter serves (codes, assignments, units, fields). */
  servedSurveys: ServedCache<ServedSurvey>
  /** Downloads holding a database connection now (at most config.exports.concurrency). */
  exportSlots: { inUse: number }
}
