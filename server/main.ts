import { serve } from '@hono/node-server'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ensureFirstAdmin } from './accounts/bootstrap'
import { createApp, createServedSurveyCache, responseWriterOptions } from './app'
import { announceOverdueCases } from './feedback/service'
import { ConfigError, loadConfig } from './config'
import { createDb, requestPoolTimeouts } from './db'
import { findDemoSurveyCode, isEmpty } from './demo/first-start'
import { loadDemo } from './demo/load-demo'
import { createDemoUsers } from './demo/users'
import { ensureAppDatabase, startEmbeddedPostgres } from './embedded-postgres'
import { createLogger } from './logger'
import { migrate } from './migrate'
import { compactRollups } from './responses/rollup-queries'
import { createResponseWriter } from './responses/writer'
import { listenForServedChanges } from './served-cache'

const startedAt = performance.now()
let config: ReturnType<typeof loadConfig>
try {
  config = loadConfig(process.env)
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  console.error(error.message)
  process.exit(1)
}
const logger = createLogger(config.logLevel)
await mkdir(config.dataDir, { recursive: true })
const secretKey = config.secretKey ?? (await readOrCreateSecret(join(config.dataDir, 'secret-key')))

const embedded = config.databaseUrl
  ? undefined
  : await startEmbeddedPostgres({
      dataDir: join(config.dataDir, 'postgres'),
      port: config.embeddedPgPort,
      log: (line) => logger.debug({ postgres: line }),
    }).catch((error: unknown) => {
      console.error((error as Error).message)
      process.exit(1)
    })
// The app connects to the embedded database as its own role (not a superuser) that owns only its database.
const databaseUrl = config.databaseUrl ?? (await ensureAppDatabase(embedded!, 'sipas', (url) => createDb(url, { max: 1 })))
// Migrations and the demo load run first, on a pool of their own without the request pools' time limits.
const setupSql = createDb(databaseUrl, { max: 2 })
const applied = await migrate(setupSql)
if (applied.length > 0) logger.info({ applied }, 'migrations applied')
// Counts a stopped process appended but did not compact (a crash, a kill -9) go into the rollups now.
await compactRollups(setupSql)

// The demo fills a freshly made embedded database only (or any empty database with DEMO=1): never a database
// that was emptied on purpose, and never with DEMO=0.
const isDemoStart = config.loadsDemo && (config.isDemoForced || embedded?.isFirstStart === true) && (await isEmpty(setupSql))
if (isDemoStart) {
  const counts = await loadDemo(setupSql, { secretKey, timeZone: config.timeZone })
  logger.info(counts, 'demo data loaded')
}
const admin = await ensureFirstAdmin(setupSql, config.adminPassword)
const demoAccounts = isDemoStart ? await createDemoUsers(setupSql) : []
await setupSql.end({ timeout: 5 })
const sql = createDb(databaseUrl, { max: 20, timeouts: requestPoolTimeouts })

// Ratings are written through a pool of their own: an export or a report cannot take its connections, and
// its statements keep one plan each (see DbOptions.genericPlans).
const writerSql = createDb(databaseUrl, { max: config.submit.maxInFlight + 1, genericPlans: true, timeouts: requestPoolTimeouts })
const writer = createResponseWriter(writerSql, {
  ...responseWriterOptions({ ...config, secretKey }),
  onCompactError: (error) =>
    logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'rollup compaction failed; the next one retries'),
})
// Every process serving this database forgets what codes serve when any of them changes it.
const servedSurveys = createServedSurveyCache()
await listenForServedChanges(sql, servedSurveys)
const app = createApp({ sql, config: { ...config, secretKey }, logger, writer, servedSurveys })
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, async () => {
  const demoCode = await findDemoSurveyCode(sql)
  const lines = [
    `SIPAS đang chạy / running (${Math.round(performance.now() - startedAt)} ms)`,
    demoCode && `  Phiếu khảo sát mẫu / demo survey: ${config.publicUrl}/q/${demoCode}`,
    `  Quản trị / admin:                  ${config.publicUrl}/admin`,
    `  Đăng nhập / login:                 ${admin.username}${admin.isGenerated ? ` / ${admin.password}  (chỉ hiện một lần / shown once)` : ' (mật khẩu: ADMIN_PASSWORD hoặc đã đặt trước / as set before)'}`,
    ...demoAccounts.map((u) => `  Tài khoản demo / demo account:     ${u.username} / ${u.password}  (chỉ hiện một lần / shown once)`),
  ]
  console.log(lines.filter(Boolean).join('\n'))
})

// Cases past their deadline are announced to the webhooks of their units and the units above, hourly.
const announcing = setInterval(() => {
  announceOverdueCases({ sql, clock: () => new Date(), config: { ...config, secretKey }, logger }).catch((error: unknown) =>
    logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'overdue cases not announced; the next run retries'),
  )
}, 3_600_000)
announcing.unref()

let isStopping = false
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (isStopping) return
    isStopping = true
    logger.info({ signal }, 'stopping')
    server.close()
    clearInterval(announcing)
    void (async () => {
      await writer.drain()
      await Promise.all([writerSql.end({ timeout: 5 }), sql.end({ timeout: 5 })])
      await embedded?.stop()
      process.exit(0)
    })()
  })
}

async function readOrCreateSecret(path: string) {
  if (existsSync(path)) return (await readFile(path, 'utf8')).trim()
  const secret = randomBytes(32).toString('base64url')
  await writeFile(path, `${secret}\n`, { mode: 0o600 })
  return secret
}
