import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import autocannon from 'autocannon'

export type LoadRun = {
  generator: 'wrk' | 'autocannon'
  accepted: number
  perSecond: number
  p99Ms: number
  errors: number
  non2xx: number
}
/** `bodies`: JSON rating bodies without their opening brace; each request puts `{"submissionId":"<new>",` in front. */
export type Load = { url: string; bodies: string[]; connections: number; durationSeconds: number }

const run = promisify(execFile)

/**
 * Posts unique ratings (one per request, a fresh submissionId each, bodies taken in turn) from
 * `connections` keep-alive connections on 127.0.0.1, for a bounded time.
 *
 * wrk (Debian package `wrk`) when it is installed, autocannon otherwise. The generator shares the machine's
 * two cores with the server and PostgreSQL: autocannon, in JavaScript, takes about twice wrk's CPU for the
 * same load, and that CPU is taken from the server being measured. `BENCH_LOAD=autocannon` forces autocannon.
 */
export async function postRatings(load: Load): Promise<LoadRun> {
  const useWrk = process.env.BENCH_LOAD !== 'autocannon' && (await hasWrk())
  return useWrk ? withWrk(load) : withAutocannon(load)
}

let wrkInstalled: Promise<boolean> | undefined

/** Asked once per bench run. */
function hasWrk() {
  wrkInstalled ??= run('wrk', ['--version']).then(
    () => true,
    // wrk prints its version and exits 1; only a missing binary is "not installed".
    (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
  )
  return wrkInstalled
}

async function withWrk({ url, bodies, connections, durationSeconds }: Load): Promise<LoadRun> {
  const dir = await mkdtemp(join(tmpdir(), 'sipas-bench-'))
  const script = join(dir, 'ratings.lua')
  await writeFile(script, wrkScript(bodies))
  try {
    const { stdout } = await run('wrk', ['-t2', `-c${connections}`, `-d${durationSeconds}s`, '--latency', '-s', script, url], {
      timeout: (durationSeconds + 30) * 1000,
    })
    return parseWrk(stdout, durationSeconds)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * A new submissionId per request, unique by construction: the run's own random prefix, the wrk thread and a
 * per-thread request count (each wrk thread has its own Lua state, and seeding Lua's generator with the clock
 * would give two threads the same sequence: replays, not new ratings).
 */
function wrkScript(bodies: string[]) {
  const run = randomUUID().slice(0, 8)
  return `
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local bodies = { ${bodies.map((b) => `[==[${b}]==]`).join(',\n')} }
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  n = n + 1
  local id = string.format("${run}-%04x-4000-8000-%012x", tid, n)
  local body = '{"submissionId":"' .. id .. '",' .. bodies[((n + tid * 7919) % #bodies) + 1]
  return wrk.format(nil, "/api/v1/responses", nil, body)
end
`
}

const unitsMs: Record<string, number> = { us: 0.001, ms: 1, s: 1000 }

function parseWrk(stdout: string, durationSeconds: number): LoadRun {
  const total = Number(/(\d+) requests in/.exec(stdout)?.[1])
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0)
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout)
  const errors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0
  const p99 = /99%\s+([\d.]+)(us|ms|s)\b/.exec(stdout)
  if (!Number.isFinite(total) || !p99) throw new Error(`wrk's output was not understood:\n${stdout}`)
  const accepted = total - non2xx
  return { generator: 'wrk', accepted, perSecond: accepted / durationSeconds, p99Ms: Number(p99[1]) * unitsMs[p99[2]!]!, errors, non2xx }
}

async function withAutocannon({ url, bodies, connections, durationSeconds }: Load): Promise<LoadRun> {
  let i = 0
  const result = await autocannon({
    url: `${url}/api/v1/responses`,
    connections,
    duration: durationSeconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          body: `{"submissionId":"${randomUUID()}",${bodies[i++ % bodies.length]}`,
        }),
      },
    ],
  })
  return {
    generator: 'autocannon',
    accepted: result['2xx'],
    perSecond: result['2xx'] / durationSeconds,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  }
}
