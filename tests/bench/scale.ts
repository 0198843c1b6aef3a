import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createApp } from '../../server/app'
import { createDb, type Db } from '../../server/db'
import { createLogger } from '../../server/logger'
import { migrate } from '../../server/migrate'
import { testConfig } from '../support/app'
import { seedUser } from '../support/factories'
import { freePort } from '../support/free-port'
import { startSiteNginx } from '../support/nginx'
import { startPlatform } from '../support/platform'
import { signIn } from '../support/sign-in'
import { type StockPostgres, startStandby, startStockPostgres } from '../support/stock-postgres'
import { generateBenchData, quickScale } from './analytics-data'
import { ratingBodies } from './bodies'
import { postRatings } from './load'
import { report } from './report'

const root = resolve(import.meta.dirname, '../..')
const connections = 200
const clockTicks = 100

/**
 * npm run bench -- scale: the deployment of docs/deployment.md on this machine. One stock PostgreSQL primary
 * (deploy/postgresql/sipas-primary.conf) with a streaming replica; the submit load through the real nginx
 * (deploy/nginx/sipas.conf, without its per-address limit: the load comes from one address) against WORKERS=1
 * then WORKERS=2; then the stats queries against the primary and against the replica. Besides the rates, the
 * CPU seconds each part took (server processes, nginx, PostgreSQL, the load generator) show where the time
 * goes: on two cores the machine is the ceiling, and a second server process can only take CPU from the others.
 */
export async function benchScale({ quick }: { quick: boolean }) {
  const primary = await startStockPostgres({ include: join(root, 'deploy/postgresql/sipas-primary.conf') })
  const admin = createDb(primary.url, { max: 1 })
  const standby = await startStandby(primary, { include: join(root, 'deploy/postgresql/sipas-replica.conf') })
  report('server', 0, { server: 'stock primary + streaming replica', version: primary.version })
  try {
    const rates: Record<number, number> = {}
    for (const workers of [1, 2]) {
      await admin.unsafe(`create database scale_${workers}`)
      rates[workers] = await submitThroughNginx({ primary, standby, workers, quick })
    }
    report('scale_submit_2_vs_1_processes_ratio', rates[2]! / rates[1]!, { note: 'two cores shared with nginx, PostgreSQL and wrk' })
    await admin`create database scale_stats`
    await statsOnPrimaryAndReplica({ primary, standby })
  } finally {
    await admin.end()
    await standby.stop()
    await primary.stop()
  }
}

const databaseUrl = (pg: StockPostgres, name: string) => pg.url.replace(/\/postgres$/, `/${name}`)

async function submitThroughNginx({
  primary,
  standby,
  workers,
  quick,
}: {
  primary: StockPostgres
  standby: StockPostgres
  workers: number
  quick: boolean
}) {
  const durationSeconds = quick ? 5 : 10
  const appPort = await freePort()
  const platform = await startPlatform({
    port: appPort,
    env: {
      WORKERS: String(workers),
      DATABASE_URL: databaseUrl(primary, `scale_${workers}`),
      DATABASE_READ_URL: databaseUrl(standby, `scale_${workers}`),
      DEMO: '1',
      RATE_LIMIT: 'off',
      TRUSTED_PROXIES: '127.0.0.1',
    },
  })
  const nginx = await startSiteNginx({ appPort, withoutCitizenLimit: true })
  const sql = createDb(platform.databaseUrl, { max: 1 })
  const url = `https://127.0.0.1:${nginx.httpsPort}`
  try {
    const bodies = await ratingBodies(sql)
    await sql`vacuum analyze`
    await postRatings({ url, bodies, connections, durationSeconds: quick ? 2 : 5 })
    await new Promise((done) => setTimeout(done, 2000))
    const parts = { primary: postmasterPid(primary), replica: postmasterPid(standby), nginx: nginx.pid }
    const startedAt = performance.now()
    const before = cpuSeconds(parts)
    const run = await postRatings({ url, bodies, connections, durationSeconds })
    const after = cpuSeconds(parts)
    // The CPU readings span the load generator's start and end too: a little more than durationSeconds.
    const wallSeconds = (performance.now() - startedAt) / 1000
    const on = { workers, through: 'nginx (TLS)', connections, durationSeconds, generator: run.generator }
    report(`scale_submit_${workers}_processes_accepted_per_second`, run.perSecond, on)
    report(`scale_submit_${workers}_processes_p99_ms`, run.p99Ms, { workers })
    for (const [part, seconds] of Object.entries(after)) {
      report(`scale_submit_${workers}_processes_cpu_seconds_${part}`, seconds - (before[part] ?? 0), { workers, wallSeconds })
    }
    return run.perSecond
  } finally {
    await sql.end()
    await nginx.stop()
    await platform.stop()
  }
}

/** The stats queries of the analytics bench, timed through an app reading from the primary, then from the replica. */
async function statsOnPrimaryAndReplica({ primary, standby }: { primary: StockPostgres; standby: StockPostgres }) {
  const primarySql = createDb(databaseUrl(primary, 'scale_stats'), { max: 10 })
  const replicaSql = createDb(databaseUrl(standby, 'scale_stats'), { max: 10 })
  try {
    await migrate(primarySql)
    // A million ratings (the analytics bench's quick data): enough for the replica to answer real work.
    await generateBenchData(primarySql, quickScale)
    const [scale] = await primarySql<[{ ratings: number; rollups: number }]>`
      select (select count(*) from responses)::int as ratings, (select count(*) from rollups)::int as rollups
    `
    report('scale_stats_rollup_rows', scale.rollups, { ratings: scale.ratings })
    const user = await seedUser(primarySql, { role: 'admin' })
    const [province] = await primarySql<[{ id: number }]>`select id from units where code = 'BENCH'`
    await caughtUp(primarySql, replicaSql)
    const times: Record<string, number> = {}
    for (const [name, readSql] of [
      ['primary', primarySql],
      ['replica', replicaSql],
    ] as const) {
      const app = createApp({ sql: primarySql, readSql, config: testConfig(), logger: createLogger('silent') })
      const cookie = await signIn(app, user)
      const stats = async (params: string) => {
        const res = await app.request(`/api/v1/stats?period=nam&year=2025&mode=calendar&${params}`, { headers: { cookie } })
        if (res.status !== 200) throw new Error(`stats answered ${res.status}: ${await res.text()}`)
        const body = (await res.json()) as { freshness: { source: string; isBehind: boolean } }
        if (body.freshness.source !== name || body.freshness.isBehind) throw new Error(`read from ${JSON.stringify(body.freshness)}`)
      }
      times[name] = await medianMs(async () => {
        await stats(`unitId=${province.id}`)
        await stats(`unitId=${province.id}&groupBy=unit`)
      })
      report(`scale_stats_province_year_on_${name}_ms`, times[name]!, { queries: 'province year, and by unit' })
    }
    report('scale_stats_replica_vs_primary_ratio', times.replica! / times.primary!, {
      note: 'one machine: the replica adds a replay-position check per request and spares the primary the reads',
    })
  } finally {
    await primarySql.end()
    await replicaSql.end()
  }
}

async function caughtUp(primarySql: Db, replicaSql: Db) {
  const [at] = await primarySql<[{ lsn: string }]>`select pg_current_wal_lsn()::text as lsn`
  for (let attempt = 0; attempt < 600; attempt++) {
    const [state] = await replicaSql<[{ isCaughtUp: boolean }]>`select pg_last_wal_replay_lsn() >= ${at.lsn}::pg_lsn as is_caught_up`
    if (state.isCaughtUp) return
    await new Promise((done) => setTimeout(done, 100))
  }
  throw new Error('the replica did not catch up within a minute')
}

async function medianMs(work: () => Promise<unknown>, runs = 5) {
  await work()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await work()
    times.push(performance.now() - start)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!
}

const postmasterPid = (pg: StockPostgres) => Number(readFileSync(join(pg.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])

/**
 * CPU seconds (user + system) so far of each part: the given process trees (PostgreSQL primary and replica,
 * nginx), the server processes (this bench's node children), the load generator (its wrk child, once
 * exited) and the whole machine (other agents' work included).
 */
function cpuSeconds(roots: Record<string, number>): Record<string, number> {
  const processes = new Map<number, { ppid: number; comm: string; ticks: number }>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      processes.set(Number(entry), { ppid: Number(fields[1]), comm, ticks: Number(fields[11]) + Number(fields[12]) })
    } catch {
      // Ended while being read.
    }
  }
  const treeTicks = (rootPid: number) => {
    let total = 0
    const stack = [rootPid]
    while (stack.length > 0) {
      const pid = stack.pop()!
      const found = processes.get(pid)
      if (found) total += found.ticks
      for (const [child, p] of processes) if (p.ppid === pid) stack.push(child)
    }
    return total
  }
  const out: Record<string, number> = {}
  for (const [name, pid] of Object.entries(roots)) out[`${name}`] = treeTicks(pid) / clockTicks
  let server = 0
  for (const [pid, p] of processes) if (p.ppid === process.pid && p.comm === 'node') server += treeTicks(pid)
  out.server_processes = server / clockTicks
  // The load generator has exited by the second reading: its time is in this process's waited-for children.
  const self = readFileSync('/proc/self/stat', 'utf8')
  const selfFields = self.slice(self.lastIndexOf(')') + 2).split(' ')
  out.load_generator = (Number(selfFields[13]) + Number(selfFields[14])) / clockTicks
  // Every core's busy time: what is left over after the parts above is the machine's other work.
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n')
  const ticks = cpu!.trim().split(/\s+/).slice(1).map(Number)
  // user nice system idle iowait irq softirq steal: guest time is counted in user already.
  out.machine_busy = (ticks.slice(0, 8).reduce((a, b) => a + b, 0) - ticks[3]! - (ticks[4] ?? 0)) / clockTicks
  return out
}
