import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { request } from 'node:https'
import { request as plainRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serverArgs } from '../../scripts/build-server'
import { createDb, type Db } from '../../server/db'
import { StatsAnswer } from '../../shared/stats-contract'
import { formTokenFor, testSecretKey } from '../support/app'
import { seedCounter, seedUser } from '../support/factories'
import { freePort } from '../support/free-port'
import { type SiteNginx, startSiteNginx } from '../support/nginx'
import { type StockPostgres, startStandby, startStockPostgres } from '../support/stock-postgres'

// The deployment of docs/deployment.md, on one machine: the distribution's PostgreSQL as primary with a
// streaming replica made by pg_basebackup, `server/main.ts` with WORKERS=2 (two real server processes on one
// port) and DATABASE_READ_URL on the replica, behind the real nginx running deploy/nginx/sipas.conf itself
// (ports, certificate and checkout path replaced). Clients connect to nginx over TLS from several loopback
// addresses (127.0.0.2, .3, …), as citizens from different networks.

const root = resolve(import.meta.dirname, '../..')
const publicUrl = 'https://sipas.test'

let primary: StockPostgres
let standby: StockPostgres
let primarySql: Db
let standbySql: Db
let server: ChildProcess
let site: SiteNginx
let dir: string
let httpsPort: number
let httpPort: number
let counter: Awaited<ReturnType<typeof seedCounter>>
let cookie: string
const serverOutput: string[] = []
const testStartedAt = Date.now()

const appDatabaseUrl = (pg: StockPostgres) => pg.url.replace(/\/postgres$/, '/sipas')

beforeAll(async () => {
  expect(existsSync(join(root, 'dist/admin/assets')), 'the admin app must be built first (npm run build)').toBe(true)
  dir = await mkdtemp(join(tmpdir(), 'sipas-deployment-'))

  primary = await startStockPostgres({ include: join(root, 'deploy/postgresql/sipas-primary.conf') })
  const admin = createDb(primary.url, { max: 1 })
  await admin`create database sipas`
  await admin.end()
  standby = await startStandby(primary, { include: join(root, 'deploy/postgresql/sipas-replica.conf') })
  primarySql = createDb(appDatabaseUrl(primary), { max: 4 })
  standbySql = createDb(appDatabaseUrl(standby), { max: 2 })

  const appPort = await freePort()
  server = spawn(process.execPath, await serverArgs(), {
    cwd: root,
    env: {
      ...process.env,
      WORKERS: '2',
      PORT: String(appPort),
      HOST: '127.0.0.1',
      PUBLIC_URL: publicUrl,
      DATABASE_URL: appDatabaseUrl(primary),
      DATABASE_READ_URL: appDatabaseUrl(standby),
      TRUSTED_PROXIES: '127.0.0.1',
      // High, so that the only per-address limit met here is nginx's.
      IP_LIMIT_PER_MINUTE: '10000',
      // Fifty ratings at one counter within a minute would be set apart as a burst; this test counts them all.
      BURST_LIMIT: '1000',
      BURST_HOUR_LIMIT: '1000',
      SECRET_KEY: testSecretKey,
      ADMIN_PASSWORD: 'deployment-admin-password',
      DEMO: '0',
      DATA_DIR: join(dir, 'data'),
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await new Promise<void>((done, fail) => {
    const collect = (chunk: Buffer) => {
      serverOutput.push(String(chunk))
      if (serverOutput.join('').includes('/admin')) done()
    }
    server.stdout!.on('data', collect)
    server.stderr!.on('data', collect)
    server.once('exit', (code) => fail(new Error(`the server exited with ${code}:\n${serverOutput.join('')}`)))
  })

  counter = await seedCounter(primarySql)
  const user = await seedUser(primarySql, { role: 'admin' })

  site = await startSiteNginx({ appPort })
  httpsPort = site.httpsPort
  httpPort = site.httpPort

  const login = await viaNginx('127.0.0.9', 'POST', '/api/v1/auth/login', { username: user.username, password: user.password })
  expect(login.status, login.body).toBe(200)
  // Under https the session cookie carries the __Host- prefix (Secure, this host only).
  const session = /__Host-sipas_session=([^;]*)/.exec(String(login.headers['set-cookie']))?.[1]
  expect(session, String(login.headers['set-cookie'])).toBeDefined()
  cookie = `__Host-sipas_session=${session}`
}, 240_000)

afterAll(async () => {
  await site?.stop()
  if (server && server.exitCode === null) {
    const exited = new Promise((done) => server.once('exit', done))
    server.kill('SIGTERM')
    await exited
  }
  await primarySql?.end({ timeout: 5 })
  await standbySql?.end({ timeout: 5 })
  await standby?.stop()
  await primary?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
}, 60_000)

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string; raw: Buffer }

/** A request to nginx over TLS from the given loopback address, as the signed-in admin unless `anonymous`. */
function viaNginx(from: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, anonymous = false) {
  return new Promise<Answer>((done, fail) => {
    const text = body === undefined ? undefined : JSON.stringify(body)
    const req = request(
      {
        host: '127.0.0.1',
        port: httpsPort,
        servername: 'sipas.test',
        rejectUnauthorized: false,
        agent: false,
        localAddress: from,
        method,
        path,
        headers: {
          host: 'sipas.test',
          origin: publicUrl,
          ...(cookie && !anonymous ? { cookie } : {}),
          ...(text ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const raw = Buffer.concat(chunks)
          done({ status: res.statusCode!, headers: res.headers, body: raw.toString('utf8'), raw })
        })
      },
    )
    req.on('error', fail)
    req.end(text)
  })
}

/** A citizen's rating from the rendered form (its token says the form was shown a minute earlier). */
const rate = (from: string, submissionId: string) => {
  const formToken = formTokenFor({ counterCode: counter.code }, submissionId)
  return viaNginx(
    from,
    'POST',
    '/api/v1/responses',
    { counterCode: counter.code, submissionId, answers: { overall: 3 }, formToken },
    {},
    true,
  )
}

const today = new Date()
const dayOffset = (days: number) => new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10)
const statsPath = () => `/api/v1/stats?from=${dayOffset(-2)}&to=${dayOffset(2)}&surveyId=${counter.surveyId}`

async function stats() {
  const answer = await viaNginx('127.0.0.9', 'GET', statsPath())
  expect(answer.status, answer.body).toBe(200)
  return StatsAnswer.parse(JSON.parse(answer.body))
}

/** Stats once the replica has caught up (a loaded machine may take a moment to replay). */
async function caughtUpStats() {
  for (let attempt = 0; attempt < 120; attempt++) {
    const answer = await stats()
    if (answer.freshness?.isBehind === false) return answer
    await new Promise((done) => setTimeout(done, 500))
  }
  throw new Error('the replica did not catch up within a minute')
}

const submitted: string[] = []

describe('two server processes behind nginx, stats from a streaming replica', () => {
  it('runs two server processes, both connected to the primary', async () => {
    const rows = await primarySql<{ applicationName: string }[]>`
      select distinct application_name from pg_stat_activity where application_name like 'sipas-%' order by 1
    `
    expect(rows.map((r) => r.applicationName)).toEqual(['sipas-1', 'sipas-2'])
    const [replication] = await primarySql<[{ senders: number }]>`select count(*)::int as senders from pg_stat_replication`
    expect(replication.senders).toBe(1)
  })

  it('takes each rating exactly once, however often and through whichever process it is sent', async () => {
    const ids = Array.from({ length: 40 }, () => randomUUID())
    submitted.push(...ids)
    // Each rating twice at once, from four addresses: the two copies may reach different processes.
    const answers = await Promise.all(
      ids.flatMap((id, i) => [rate(`127.0.0.${2 + (i % 4)}`, id), rate(`127.0.0.${2 + ((i + 1) % 4)}`, id)]),
    )
    for (const [i, id] of ids.entries()) {
      const pair = [answers[2 * i]!, answers[2 * i + 1]!]
      expect(pair.map((a) => a.status).sort(), id).toEqual([200, 201])
      const receipts = pair.map((a) => (JSON.parse(a.body) as { id: string }).id)
      expect(receipts[0]).toBe(receipts[1])
    }
    const [stored] = await primarySql<[{ rows: number; submissions: number }]>`
      select count(*)::int as rows, count(distinct submission_id)::int as submissions
      from responses where submission_id = any(${ids}::uuid[])
    `
    expect(stored).toEqual({ rows: 40, submissions: 40 })
  })

  it('serves stats from the replica, every rating counted once it has replayed them', async () => {
    const answer = await caughtUpStats()
    expect(answer.freshness).toMatchObject({ source: 'replica', isBehind: false })
    expect(answer.overall.responses).toBe(40)
  })

  it('says how far behind a paused replica is, while admin screens still read their own writes', async () => {
    await standbySql`select pg_wal_replay_pause()`
    for (let attempt = 0; ; attempt++) {
      const [state] = await standbySql<[{ state: string }]>`select pg_get_wal_replay_pause_state() as state`
      if (state.state === 'paused') break
      expect(attempt, 'replay did not pause').toBeLessThan(200)
      await new Promise((done) => setTimeout(done, 50))
    }
    const pausedAt = Date.now()
    const more = Array.from({ length: 10 }, () => randomUUID())
    for (const id of more) expect((await rate('127.0.0.6', id)).status).toBe(201)

    const behind = await stats()
    expect(behind.freshness).toMatchObject({ source: 'replica', isBehind: true })
    expect(Date.parse(behind.freshness!.asOf)).toBeLessThanOrEqual(pausedAt)
    expect(Date.parse(behind.freshness!.asOf)).toBeGreaterThan(testStartedAt)
    expect(behind.overall.responses).toBe(40)

    // An admin's change is read back at once from the primary, though the replica does not have it yet.
    const code = `NM-${randomUUID().slice(0, 8)}`
    const created = await viaNginx('127.0.0.9', 'POST', '/api/v1/units', {
      code,
      name: 'Phường Nhà Máy',
      level: 'xa',
      parentId: null,
      validFrom: '2025-01-01',
    })
    expect(created.status, created.body).toBe(201)
    const unitId = (JSON.parse(created.body) as { id: number }).id
    const readBack = await viaNginx('127.0.0.9', 'GET', `/api/v1/units/${unitId}`)
    expect(readBack.status, readBack.body).toBe(200)
    expect(readBack.body).toContain('Phường Nhà Máy')
    const [onReplica] = await standbySql<[{ n: number }]>`select count(*)::int as n from units where code = ${code}`
    expect(onReplica.n).toBe(0)

    await standbySql`select pg_wal_replay_resume()`
    const caughtUp = await caughtUpStats()
    expect(caughtUp.freshness).toMatchObject({ source: 'replica', isBehind: false })
    expect(caughtUp.overall.responses).toBe(50)
  })

  it('streams exports and builds reports from the replica too', async () => {
    const range = `from=${dayOffset(-2)}&to=${dayOffset(2)}&surveyId=${counter.surveyId}`
    const csv = await viaNginx('127.0.0.9', 'GET', `/api/v1/exports/responses.csv?${range}`)
    expect(csv.status, csv.body).toBe(200)
    // A header line, then one line per rating (none of them has a comment that could hold a line break).
    expect(csv.body.trim().split('\n')).toHaveLength(1 + 50)
    const report = await viaNginx('127.0.0.9', 'GET', `/api/v1/reports/periodic?${range}&unitId=${counter.unitId}`)
    expect(report.status, report.body).toBe(200)
    expect((JSON.parse(report.body) as { overall: { responses: number } }).overall.responses).toBe(50)
    const [reads] = await standbySql<[{ n: number }]>`
      select count(*)::int as n from pg_stat_activity where application_name like 'sipas-%' and datname = 'sipas'
    `
    expect(reads.n).toBeGreaterThan(0)
  })

  it('keeps a login lock across processes (the failures are counted in PostgreSQL)', async () => {
    const user = await seedUser(primarySql, { role: 'admin' })
    for (let i = 0; i < 5; i++) {
      const failed = await viaNginx(
        '127.0.0.7',
        'POST',
        '/api/v1/auth/login',
        { username: user.username, password: 'sai-mat-khau' },
        {},
        true,
      )
      expect(failed.status).toBe(401)
    }
    const locked = await viaNginx('127.0.0.7', 'POST', '/api/v1/auth/login', { username: user.username, password: user.password }, {}, true)
    expect(locked.status).toBe(429)
  })

  it("limits one address's submissions in nginx, answering in the app's error shape", async () => {
    // 200 at once against a burst of 60 and 2 a second: unless sending them took a minute, nginx refuses more
    // than 20.
    const answers = await Promise.all(Array.from({ length: 200 }, () => viaNginx('127.0.0.8', 'POST', '/api/v1/responses', {}, {}, true)))
    const refused = answers.filter((a) => a.status === 429)
    expect(answers.filter((a) => a.status !== 429 && a.status !== 400)).toEqual([])
    expect(refused.length).toBeGreaterThan(20)
    expect(JSON.parse(refused[0]!.body)).toEqual({
      error: { code: 'rate_limited', message: 'Quá nhiều yêu cầu, vui lòng thử lại sau ít phút.' },
    })
    expect(refused[0]!.headers['retry-after']).toBe('60')
  })

  it('redirects plain HTTP to HTTPS and serves hashed assets from disk, compressed and cached for a year', async () => {
    const plain = await new Promise<{ status: number; location: string | undefined }>((done, fail) => {
      plainRequest({ host: '127.0.0.1', port: httpPort, path: '/admin', headers: { host: 'sipas.test' } }, (res) => {
        res.resume()
        done({ status: res.statusCode!, location: res.headers.location })
      })
        .on('error', fail)
        .end()
    })
    expect(plain).toEqual({ status: 301, location: 'https://sipas.test/admin' })

    const script = readdirSync(join(root, 'dist/admin/assets')).find((name) => name.endsWith('.js'))!
    const onDisk = await readFile(join(root, 'dist/admin/assets', script))
    const asset = await viaNginx('127.0.0.9', 'GET', `/admin/assets/${script}`, undefined, { 'accept-encoding': 'gzip' })
    expect(asset.status).toBe(200)
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(asset.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(asset.raw).equals(onDisk)).toBe(true)
  })

  it('replaces a server process that dies, and keeps taking ratings meanwhile', async () => {
    const workers = () =>
      readdirSync('/proc')
        .filter((entry) => /^\d+$/.test(entry))
        .filter((pid) => {
          try {
            const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
            // Server processes only, should anything else run beside them.
            const isServer = readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dist/server/main.js')
            return isServer && Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === server.pid
          } catch {
            return false
          }
        })
        .map(Number)
    const before = workers()
    expect(before).toHaveLength(2)
    process.kill(before[0]!, 'SIGKILL')
    // The other process answers at once; nginx may still try the dead one's connections first.
    const during = randomUUID()
    expect([201, 502]).toContain((await rate('127.0.0.10', during)).status)
    for (let attempt = 0; ; attempt++) {
      const now = workers()
      const names = await primarySql<{ applicationName: string }[]>`
        select distinct application_name from pg_stat_activity where application_name = 'sipas-3'
      `
      if (now.length === 2 && !now.includes(before[0]!) && names.length === 1) break
      expect(attempt, 'no new server process within a minute').toBeLessThan(120)
      await new Promise((done) => setTimeout(done, 500))
    }
    const after = randomUUID()
    expect((await rate('127.0.0.10', after)).status).toBe(201)
  })
})
