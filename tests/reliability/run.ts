// npm run test:reliability: crash the platform under load and prove no answered rating is lost or doubled.
//
// Two runs, each on its own data folder under .data/ and its own port, started as `npm start` starts the server:
//   1. kill -9 of the server's whole process group (Node and its PostgreSQL) in the middle of 2,000+ concurrent ratings;
//   2. kill -9 of the PostgreSQL postmaster only, in the middle of the load, while /healthz must answer 503.
// After each, the platform is started again and every rating is sent again. Checked: every rating answered 201/200
// is stored exactly once, every submission has exactly one row after the resend, and the rollups equal a recount
// from the raw rows. Prints the figures and exits 1 on any failure. Stops itself (and everything it started).
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import postgres from 'postgres'
import { serverArgs } from '../../scripts/build-server'
import { compactRollups } from '../../server/responses/rollup-queries'

const ratingsPerRun = Number(process.env.RELIABILITY_RATINGS ?? 2400)
const concurrency = 200
const root = resolve('.data')

type Platform = { process: ChildProcess; url: string; output: string }
type Outcome = { submissionId: string; status: number }

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer()
    probe.once('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => done(port))
    })
  })
}

/** The server as `npm start` runs it, in a process group of its own so that kill -9 can take all of it. */
async function startPlatform(dataDir: string, port: number): Promise<Platform> {
  const child = spawn(process.execPath, await serverArgs(), {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      RATE_LIMIT: 'off',
      LOG_LEVEL: 'fatal',
      DATABASE_URL: '',
      ADMIN_PASSWORD: 'reliability-admin',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const output = await new Promise<string>((done, fail) => {
    let text = ''
    const timer = setTimeout(() => fail(new Error(`the platform did not start:\n${text}`)), 180_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk
      if (text.includes('/admin')) {
        clearTimeout(timer)
        done(text)
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => (text += chunk))
    child.once('exit', (code) => fail(new Error(`the platform exited with ${code}:\n${text}`)))
  })
  child.removeAllListeners('exit')
  return { process: child, url: `http://127.0.0.1:${port}`, output }
}

async function stopPlatform(platform: Platform) {
  if (platform.process.exitCode !== null || platform.process.signalCode !== null) return
  const exited = new Promise((done) => platform.process.once('exit', done))
  platform.process.kill('SIGTERM')
  await exited
}

async function superuserSql(dataDir: string) {
  const credentials = JSON.parse(await readFile(join(dataDir, 'postgres-credentials.json'), 'utf8')) as {
    superuserPassword: string
    port: number
  }
  return postgres(`postgres://postgres:${encodeURIComponent(credentials.superuserPassword)}@127.0.0.1:${credentials.port}/sipas`, {
    max: 2,
    onnotice: () => {},
  })
}

async function rate(url: string, counterCode: string, submissionId: string, overall: number): Promise<number> {
  try {
    const res = await fetch(`${url}/api/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ counterCode, submissionId, answers: { overall } }),
      signal: AbortSignal.timeout(30_000),
    })
    await res.arrayBuffer()
    return res.status
  } catch {
    return 0 // no answer: the connection was cut
  }
}

/** Sends every rating with `concurrency` in flight, calling `midway` once half of them have been answered. */
async function load(url: string, counterCode: string, ids: string[], midway?: () => Promise<void>) {
  const outcomes: Outcome[] = []
  let next = 0
  let isMidwayDone = false
  const worker = async () => {
    while (next < ids.length) {
      const index = next++
      const submissionId = ids[index]!
      // The answer follows from the id, so a resend carries the same content (a replay, not a conflict).
      outcomes.push({ submissionId, status: await rate(url, counterCode, submissionId, 1 + (parseInt(submissionId[0]!, 16) % 3)) })
      if (midway && !isMidwayDone && outcomes.length >= ids.length / 2) {
        isMidwayDone = true
        await midway()
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return outcomes
}

async function check(sql: postgres.Sql, ids: string[], answered: Set<string>, label: string) {
  const rows = await sql<{ submissionId: string; n: number }[]>`
    select submission_id::text as "submissionId", count(*)::int as n from responses where submission_id = any(${ids}::uuid[]) group by 1
  `
  const stored = new Map(rows.map((r) => [r.submissionId, r.n]))
  const lost = [...answered].filter((id) => !stored.has(id)).length
  const doubled = rows.filter((r) => r.n > 1).length
  // The server compacts appended counts about once a second (and at start): move the last of them first.
  await compactRollups(sql)
  const [recount] = await sql<[{ mismatches: number }]>`
    with counted as (
      select counter_id, 'overall' as question_key, (answers->>'overall')::int as value, is_excluded, count(*)::int as n
      from responses where answers ? 'overall' group by 1, 2, 3, 4
      union all
      select counter_id, '*', 0, is_excluded, count(*)::int from responses group by 1, 4
    ),
    rolled as (
      select counter_id, question_key, value, is_excluded, sum(n)::int as n from rollups
      where question_key in ('overall', '*') group by 1, 2, 3, 4
    )
    select count(*)::int as mismatches from (
      (select * from counted except select * from rolled) union all (select * from rolled except select * from counted)
    ) diff
  `
  return { label, stored: rows.length, lost, doubled, rollupMismatches: recount.mismatches }
}

async function scenario(name: 'process-group' | 'postmaster') {
  const dataDir = join(root, `reliability-${name}-${process.pid}`)
  await rm(dataDir, { recursive: true, force: true })
  await mkdir(dataDir, { recursive: true })
  // As root, PostgreSQL runs as the 'postgres' user, which must be able to enter this folder.
  await chmod(dataDir, 0o755)
  const port = await freePort()
  let platform = await startPlatform(dataDir, port)
  try {
    const counterCode = platform.output.match(/\/q\/([A-Za-z0-9_-]+)/)![1]!
    const ids = Array.from({ length: ratingsPerRun }, () => randomUUID())
    let healthDuringOutage: number | undefined
    const outcomes = await load(platform.url, counterCode, ids, async () => {
      if (name === 'process-group') {
        process.kill(-platform.process.pid!, 'SIGKILL')
      } else {
        const pid = Number((await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0])
        process.kill(pid, 'SIGKILL')
        // A backend already serving a pooled connection may answer for a few milliseconds more, until it notices
        // its postmaster is gone: probe once the postmaster has exited and its backends have had a second to follow.
        await waitForExit(pid)
        await new Promise((done) => setTimeout(done, 1000))
        const health = await fetch(`${platform.url}/healthz`, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined)
        healthDuringOutage = health?.status
      }
    })
    const answered = new Set(outcomes.filter((o) => o.status === 200 || o.status === 201).map((o) => o.submissionId))
    // Restart as an operator would: the whole platform (after a postmaster crash, the server is stopped first).
    if (name === 'postmaster') process.kill(-platform.process.pid!, 'SIGKILL')
    await new Promise((done) => setTimeout(done, 1000))
    platform = await startPlatform(dataDir, port)
    const sql = await superuserSql(dataDir)
    try {
      const afterCrash = await check(sql, ids, answered, 'after the crash')
      // Every rating is sent again, as the survey page's outbox does: a replay answers 200, a rating lost unanswered
      // is stored now. What is not answered 2xx (a timeout on a loaded machine) is sent again, up to five rounds.
      const resent = await load(platform.url, counterCode, ids)
      const resendStatuses: Record<string, number> = {}
      for (const o of resent) resendStatuses[o.status] = (resendStatuses[o.status] ?? 0) + 1
      let pending = resent.filter((o) => o.status !== 200 && o.status !== 201).map((o) => o.submissionId)
      let rounds = 1
      for (; pending.length > 0 && rounds < 5; rounds++) {
        const again = await load(platform.url, counterCode, pending)
        pending = again.filter((o) => o.status !== 200 && o.status !== 201).map((o) => o.submissionId)
      }
      const afterResend = await check(sql, ids, new Set(ids), 'after resending everything')
      const [{ total }] = await sql<
        [{ total: number }]
      >`select count(*)::int as total from responses where submission_id = any(${ids}::uuid[])`
      const figures = {
        scenario: name,
        sent: ids.length,
        answered2xx: answered.size,
        unanswered: ids.length - answered.size,
        fiveXx: outcomes.filter((o) => o.status >= 500).length,
        healthDuringOutage,
        afterCrash,
        resendStatuses,
        resendRounds: rounds,
        unansweredAfterResend: pending.length,
        afterResend: { ...afterResend, rows: total },
      }
      console.log(JSON.stringify(figures))
      const failures = [
        afterCrash.lost > 0 && `${afterCrash.lost} answered ratings lost`,
        afterCrash.doubled > 0 && `${afterCrash.doubled} ratings stored twice`,
        afterCrash.rollupMismatches > 0 && 'rollups differ from a recount after the crash',
        pending.length > 0 && `${pending.length} resent ratings never answered 200/201`,
        total !== ids.length && `${total} rows for ${ids.length} submissions after the resend`,
        afterResend.rollupMismatches > 0 && 'rollups differ from a recount after the resend',
        name === 'postmaster' && healthDuringOutage !== 503 && `/healthz answered ${healthDuringOutage} with PostgreSQL down`,
        answered.size === 0 && 'no rating was answered before the crash: the load never ran',
        answered.size === ids.length && 'every rating was answered: the crash came too late to test anything',
      ].filter(Boolean)
      return failures as string[]
    } finally {
      await sql.end()
    }
  } finally {
    await stopPlatform(platform).catch(() => {})
    if (existsSync(dataDir)) await rm(dataDir, { recursive: true, force: true })
  }
}

const failures: string[] = []
for (const name of ['process-group', 'postmaster'] as const) {
  for (const failure of await scenario(name)) failures.push(`${name}: ${failure}`)
}
if (failures.length > 0) {
  console.error(`FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`)
  process.exit(1)
}
console.log('reliability: no rating lost or doubled')
process.exit(0)

/** Resolves once no process has this pid (or after 10 s, when the check that follows will fail visibly). */
async function waitForExit(pid: number) {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0)
    } catch {
      return
    }
    await new Promise((done) => setTimeout(done, 50))
  }
}
