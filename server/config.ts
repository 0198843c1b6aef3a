import { availableParallelism } from 'node:os'
import { z } from 'zod'
import { isValidDate } from '../shared/periods'
import type { DeadlineRule } from '../shared/working-days'
import { parseTrustedProxies, type TrustedProxies } from './client-ip'

const blankAsUnset = (value: unknown) => (value === '' ? undefined : value)
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUnset, schema.optional())

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')

const Env = z.object({
  PORT: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).max(65535).default(3000)),
  HOST: z.preprocess(blankAsUnset, z.string().default('0.0.0.0')),
  PUBLIC_URL: optional(z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''))),
  DATABASE_URL: optional(postgresUrl),
  DATABASE_READ_URL: optional(postgresUrl),
  SECRET_KEY: optional(z.string().min(32, 'must be at least 32 characters')),
  ADMIN_PASSWORD: optional(z.string().min(10, 'must be at least 10 characters')),
  RATE_LIMIT: z.preprocess(blankAsUnset, z.enum(['on', 'off']).default('on')),
  DEMO: optional(z.enum(['0', '1'])),
  TZ: z.preprocess(
    blankAsUnset,
    z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Ho_Chi_Minh').default('Asia/Ho_Chi_Minh'),
  ),
  DATA_DIR: z.preprocess(blankAsUnset, z.string().default('.data')),
  EMBEDDED_PG_PORT: optional(z.coerce.number().int().min(1).max(65535)),
  BURST_LIMIT: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).default(8)),
  BURST_WINDOW_SECONDS: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).default(600)),
  BURST_HOUR_LIMIT: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).default(20)),
  API_KEY_DAILY_QUOTA: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).default(5000)),
  DEVICE_INTERVAL_SECONDS: z.preprocess(blankAsUnset, z.coerce.number().int().min(0).default(600)),
  IP_LIMIT_PER_MINUTE: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).default(120)),
  SUBMIT_BATCH_MAX: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).max(5000).default(128)),
  SUBMIT_CONCURRENCY: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).max(50).default(1)),
  TRUSTED_PROXIES: optional(
    z.string().transform((text, ctx) => {
      const parsed = parseTrustedProxies(text)
      if ('invalid' in parsed) {
        ctx.addIssue({ code: 'custom', message: `entry ${parsed.invalid} is not an IP address or a CIDR range such as 10.0.0.0/8` })
        return z.NEVER
      }
      return parsed
    }),
  ),
  EXPORT_CONCURRENCY: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).max(20).default(2)),
  EXPORT_MAX_SECONDS: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).max(3600).default(300)),
  FEEDBACK_ANSWER_DAYS: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).max(90).default(10)),
  FEEDBACK_DAY_KIND: z.preprocess(blankAsUnset, z.enum(['working', 'calendar']).default('working')),
  FEEDBACK_HOLIDAYS: optional(
    z
      .string()
      .transform((text) =>
        text
          .split(',')
          .map((d) => d.trim())
          .filter((d) => d !== ''),
      )
      .refine((days) => days.every(isValidDate), 'must be dates YYYY-MM-DD separated by commas'),
  ),
  FEEDBACK_FOLLOW_UP_PER_MINUTE: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).default(20)),
  OFFICIAL_MIN_N: z.preprocess(blankAsUnset, z.coerce.number().int().min(5).max(100_000).default(30)),
  WORKERS: z.preprocess(
    blankAsUnset,
    z
      .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)], { error: 'must be a whole number from 1 to 64, or auto' })
      .default(1),
  ),
  LOG_LEVEL: z.preprocess(blankAsUnset, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
})

export type Config = {
  port: number
  host: string
  publicUrl: string
  databaseUrl: string | undefined
  databaseReadUrl: string | undefined
  secretKey: string | undefined
  adminPassword: string | undefined
  isRateLimited: boolean
  loadsDemo: boolean
  /** DEMO=1: the demo is loaded into any empty database, not only a freshly made embedded one. */
  isDemoForced: boolean
  timeZone: string
  dataDir: string
  /** Unset: a free port is picked at each start. */
  embeddedPgPort: number | undefined
  logLevel: z.infer<typeof Env>['LOG_LEVEL']
  /** Server processes sharing the port (WORKERS; `auto` is one per core). */
  workers: number
  /** Reverse proxies whose X-Forwarded-For gives the client's address; none by default. */
  trustedProxies: TrustedProxies | undefined
  /** Downloads at once, and how long one may hold its database connection. */
  exports: { concurrency: number; maxSeconds: number }
  integrity: IntegrityConfig
  /** Group commit: at most this many ratings per transaction, and this many transactions at once. */
  submit: { maxBatch: number; maxInFlight: number }
  /** How long a unit has to answer a feedback case, and how often one address may look up follow-up codes. */
  feedback: { deadline: DeadlineRule; followUpPerMinute: number }
  /** Per-official results are shown only from this many kept ratings on (OFFICIAL_MIN_N). */
  officialMinN: number
}

export type IntegrityConfig = {
  /** More ratings than this at one counter within the window are flagged as a burst. */
  burstLimit: number
  burstWindowMs: number
  /** More ratings than this at one counter within an hour are flagged as a burst too (a steady script). */
  burstHourLimit: number
  /** Invitations one API key may mint per local day before 429. */
  apiKeyDailyQuota: number
  /** A second rating from one device at one counter sooner than this is flagged. */
  deviceIntervalMs: number
  /** Requests per minute from one IP before 429; generous, as a waiting room shares one Wi-Fi. */
  ipLimitPerMinute: number
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/**
 * Parses settings from an environment-like record; throws ConfigError naming each bad setting. The value
 * given is never repeated: it may be a secret (SECRET_KEY, a DATABASE_URL with its password) and the message
 * goes to logs.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = Env.safeParse(env)
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${String(issue.path[0] ?? '?')}: ${issue.message}`))
  }
  const e = parsed.data
  if (e.DATABASE_READ_URL !== undefined && e.DATABASE_URL === undefined) {
    // A replica streams from a primary the operator runs; the embedded database has none.
    throw new ConfigError(['DATABASE_READ_URL: needs DATABASE_URL (a replica of the embedded database is not supported)'])
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    secretKey: e.SECRET_KEY,
    adminPassword: e.ADMIN_PASSWORD,
    isRateLimited: e.RATE_LIMIT === 'on',
    // The demo is for the embedded database; a real server gets it only when asked.
    loadsDemo: e.DEMO === undefined ? e.DATABASE_URL === undefined : e.DEMO === '1',
    isDemoForced: e.DEMO === '1',
    timeZone: e.TZ,
    dataDir: e.DATA_DIR,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    logLevel: e.LOG_LEVEL,
    workers: e.WORKERS === 'auto' ? availableParallelism() : e.WORKERS,
    trustedProxies: e.TRUSTED_PROXIES,
    exports: { concurrency: e.EXPORT_CONCURRENCY, maxSeconds: e.EXPORT_MAX_SECONDS },
    integrity: {
      burstLimit: e.BURST_LIMIT,
      burstWindowMs: e.BURST_WINDOW_SECONDS * 1000,
      burstHourLimit: e.BURST_HOUR_LIMIT,
      apiKeyDailyQuota: e.API_KEY_DAILY_QUOTA,
      deviceIntervalMs: e.DEVICE_INTERVAL_SECONDS * 1000,
      ipLimitPerMinute: e.IP_LIMIT_PER_MINUTE,
    },
    submit: { maxBatch: e.SUBMIT_BATCH_MAX, maxInFlight: e.SUBMIT_CONCURRENCY },
    feedback: {
      deadline: { days: e.FEEDBACK_ANSWER_DAYS, isWorkingDays: e.FEEDBACK_DAY_KIND === 'working', holidays: e.FEEDBACK_HOLIDAYS ?? [] },
      followUpPerMinute: e.FEEDBACK_FOLLOW_UP_PER_MINUTE,
    },
    officialMinN: e.OFFICIAL_MIN_N,
  }
}
