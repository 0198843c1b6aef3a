import { randomUUID } from 'node:crypto'
import autocannon from 'autocannon'
import postgres from 'postgres'
import { startPlatform } from '../support/platform'
import { report } from './report'

const durationSeconds = 10
const connections = 200

type Run = { accepted: number; perSecond: number; p99Ms: number; errors: number; non2xx: number }

/** Posts unique ratings at the demo's counters for a bounded time, from 200 connections on 127.0.0.1. */
async function load(url: string, codes: string[]): Promise<Run> {
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
          body: JSON.stringify({ counterCode: codes[i++ % codes.length], submissionId: randomUUID(), answers: { overall: 3 } }),
        }),
      },
    ],
  })
  return {
    accepted: result['2xx'],
    perSecond: result['2xx'] / durationSeconds,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  }
}

async function measure(label: string, env: Record<string, string>) {
  const platform = await startPlatform({ port: 3117, env: { RATE_LIMIT: 'off', ...env } })
  const sql = postgres(platform.databaseUrl, { max: 1 })
  try {
    const codes = (await sql<{ code: string }[]>`
      select cc.code from counter_codes cc
      join survey_assignments sa on sa.counter_id = cc.counter_id
      join survey_versions sv on sv.id = sa.survey_version_id
      join surveys s on s.id = sv.survey_id
      where cc.revoked_at is null and s.code = 'COUNTER-3L'
    `).map((r) => r.code)
    const [before] = await sql<[{ n: number }]>`select count(*)::int as n from responses`
    const run = await load(platform.url, codes)
    // Requests still in flight when the load stops commit a moment later: count once the table is still.
    await new Promise((done) => setTimeout(done, 2000))
    const [after] = await sql<[{ n: number }]>`select count(*)::int as n from responses`
    const [rolled] = await sql<[{ n: number }]>`select coalesce(sum(n), 0)::int as n from rollups where question_key = '*'`
    report(`submit_${label}_accepted_per_second`, run.perSecond, { connections, durationSeconds })
    report(`submit_${label}_p99_ms`, run.p99Ms)
    // Every 2xx is a stored row and a rolled-up count: nothing lost, nothing counted twice. Rows may exceed
    // the 2xx count by the requests whose answers arrived after the load generator stopped listening.
    report(`submit_${label}_stored_minus_accepted`, after.n - before.n - run.accepted, { errors: run.errors, non2xx: run.non2xx, inFlightAtStop: connections })
    report(`submit_${label}_rollup_minus_rows`, rolled.n - after.n)
    return run
  } finally {
    await sql.end()
    await platform.stop()
  }
}

export async function benchSubmit() {
  const grouped = await measure('group_commit', {})
  const single = await measure('one_insert_per_request', { SUBMIT_BATCH_MAX: '1', SUBMIT_CONCURRENCY: '20' })
  report('submit_group_commit_vs_one_insert_ratio', grouped.perSecond / single.perSecond, { budget: '>= 2' })
}
