import { serve } from '@hono/node-server'
import cluster, { type Worker } from 'node:cluster'
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
/** How long an idle kept-alive connection stays open: longer than a proxy's own limit (see startServing). */
const keepAliveMs = 65_000

// WORKERS=n: this process (the primary) does the start-up work once (embedded PostgreSQL, migrations, the
// compaction a crash left, the demo, the first admin), then forks n server processes that share the port
// (node:cluster hands each new connection to one of them). WORKERS=1 serves from this process itself.
if (cluster.isWorker) {
  const worker = await startServing(workerId(), JSON.parse(process.env.SIPAS_WORKER_SETUP!) as WorkerSetup)
  process.send?.({ ready: true })
  onStopSignal(async () => {
    await worker.stop()
    process.exit(0)
  })
} else {
  await runPrimary()
}

type WorkerSetup = { databaseUrl: string; secretKey: string }

function workerId() {
  return cluster.worker?.id ?? 0
}

async function runPrimary() {
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
  const setup: WorkerSetup = { databaseUrl, secretKey }

  let stopServing: () => Promise<void>
  if (config.workers === 1) {
    stopServing = (await startServing(0, setup)).stop
  } else {
    stopServing = await forkWorkers(config.workers, setup)
  }
  const demoCode = await findDemoSurveyCode(setupSql)
  await setupSql.end({ timeout: 5 })
  const lines = [
    `SIPAS đang chạy / running (${Math.round(performance.now() - startedAt)} ms${config.workers > 1 ? `, ${config.workers} tiến trình / processes` : ''})`,
    demoCode && `  Phiếu khảo sát mẫu / demo survey: ${config.publicUrl}/q/${demoCode}`,
    `  Quản trị / admin:                  ${config.publicUrl}/admin`,
    `  Đăng nhập / login:                 ${admin.username}${admin.isGenerated ? ` / ${admin.password}  (chỉ hiện một lần / shown once)` : ' (mật khẩu: ADMIN_PASSWORD hoặc đã đặt trước / as set before)'}`,
    ...demoAccounts.map((u) => `  Tài khoản demo / demo account:     ${u.username} / ${u.password}  (chỉ hiện một lần / shown once)`),
  ]
  console.log(lines.filter(Boolean).join('\n'))

  // Cases past their deadline are announced to the webhooks of their units and the units above, hourly, by
  // this process alone, on a connection of its own.
  const announceSql = createDb(databaseUrl, { max: 1 })
  const announcing = setInterval(() => {
    announceOverdueCases({ sql: announceSql, clock: () => new Date(), config: { ...config, secretKey }, logger }).catch((error: unknown) =>
      logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'overdue cases not announced; the next run retries'),
    )
  }, 3_600_000)
  announcing.unref()

  onStopSignal(async () => {
    clearInterval(announcing)
    await stopServing()
    await announceSql.end({ timeout: 5 })
    await embedded?.stop()
    process.exit(0)
  })
}

/**
 * Forks `count` server processes and resolves once every one listens. A process that dies is replaced (after
 * a second, so one that cannot start does not spin); the function returned stops them all and waits.
 */
async function forkWorkers(count: number, setup: WorkerSetup): Promise<() => Promise<void>> {
  let isStopping = false
  const fork = () =>
    new Promise<Worker>((resolve, reject) => {
      const worker = cluster.fork({ SIPAS_WORKER_SETUP: JSON.stringify(setup) })
      const failed = (code: number) => reject(new Error(`server process ${worker.id} exited with ${code} while starting`))
      worker.once('exit', failed)
      worker.once('message', () => {
        worker.off('exit', failed)
        worker.once('exit', (code, signal) => {
          if (isStopping) return
          logger.error({ worker: worker.id, code, signal }, 'server process died; starting another')
          setTimeout(() => {
            if (!isStopping) void fork().catch((error: unknown) => logger.error({ err: error }, 'server process failed to start'))
          }, 1000)
        })
        resolve(worker)
      })
    })
  await Promise.all(Array.from({ length: count }, fork))
  return async () => {
    isStopping = true
    const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead())
    await Promise.all(
      running.map(
        (w) =>
          new Promise<void>((done) => {
            w.once('exit', () => done())
            w.process.kill('SIGTERM')
          }),
      ),
    )
  }
}

/** One server process: its pools, its rating writer and its HTTP server; `stop` drains and closes them. */
async function startServing(id: number, { databaseUrl, secretKey }: WorkerSetup) {
  // Each process names its connections, so pg_stat_activity shows which process holds which.
  const applicationName = id === 0 ? 'sipas' : `sipas-${id}`
  const sql = createDb(databaseUrl, { max: 20, timeouts: requestPoolTimeouts, applicationName })
  // Stats, exports and reports read from the replica when there is one (see readerAfterWrites in server/db.ts).
  const readSql = config.databaseReadUrl
    ? createDb(config.databaseReadUrl, { max: 10, timeouts: requestPoolTimeouts, applicationName })
    : sql

  // Ratings are written through a pool of their own: an export or a report cannot take its connections, and
  // its statements keep one plan each (see DbOptions.genericPlans).
  const writerSql = createDb(databaseUrl, {
    max: config.submit.maxInFlight + 1,
    genericPlans: true,
    timeouts: requestPoolTimeouts,
    applicationName,
  })
  const writer = createResponseWriter(writerSql, {
    ...responseWriterOptions({ ...config, secretKey }),
    onCompactError: (error) =>
      logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'rollup compaction failed; the next one retries'),
  })
  // Every process serving this database forgets what codes serve when any of them changes it.
  const servedSurveys = createServedSurveyCache()
  await listenForServedChanges(sql, servedSurveys)
  const app = createApp({ sql, readSql, config: { ...config, secretKey }, logger, writer, servedSurveys })
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const listening = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(listening))
  })
  // An idle kept-alive connection is closed by the proxy first (deploy/nginx/sipas.conf: 30 s), never by this
  // server while the proxy sends a request on it, which the proxy would answer 502 (Node's default is 5 s).
  Object.assign(server, { keepAliveTimeout: keepAliveMs, headersTimeout: keepAliveMs + 1000 })
  return {
    stop: async () => {
      server.close()
      await writer.drain()
      await Promise.all([writerSql.end({ timeout: 5 }), sql.end({ timeout: 5 }), readSql === sql ? undefined : readSql.end({ timeout: 5 })])
    },
  }
}

function onStopSignal(stop: () => Promise<void>) {
  let isStopping = false
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (isStopping) return
      isStopping = true
      logger.info({ signal, worker: workerId() }, 'stopping')
      void stop()
    })
  }
}

async function readOrCreateSecret(path: string) {
  if (existsSync(path)) return (await readFile(path, 'utf8')).trim()
  const secret = randomBytes(32).toString('base64url')
  await writeFile(path, `${secret}\n`, { mode: 0o600 })
  return secret
}
