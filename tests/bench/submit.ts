import { createDb } from '../../server/db'
import { compactRollups } from '../../server/responses/rollup-queries'
import { startPlatform } from '../support/platform'
import { ratingBodies } from './bodies'
import { postRatings } from './load'
import { report } from './report'
import type { BenchServer } from './servers'

const connections = 200

async function measure(server: BenchServer, label: string, env: Record<string, string>, { quick }: { quick: boolean }) {
  const durationSeconds = quick ? 5 : 10
  const platform = await startPlatform({ port: 3117, env: { RATE_LIMIT: 'off', ...(await server.platformEnv()), ...env } })
  const sql = createDb(platform.databaseUrl, { max: 1 })
  try {
    const bodies = await ratingBodies(sql)
    // Start from a settled database: the demo data was just written, and autovacuum would otherwise pick
    // those tables up in the middle of the measurement. Then a short warm-up (pools, connections, plans) that
    // is not counted.
    await sql`vacuum analyze`
    await postRatings({ url: platform.url, bodies, connections, durationSeconds: quick ? 2 : 5 })
    await new Promise((done) => setTimeout(done, 2000))
    const [before] = await sql<[{ n: number }]>`select count(*)::int as n from responses`
    const run = await postRatings({ url: platform.url, bodies, connections, durationSeconds })
    // Requests still in flight when the load stops commit a moment later: count once the table is still.
    await new Promise((done) => setTimeout(done, 2000))
    const [after] = await sql<[{ n: number }]>`select count(*)::int as n from responses`
    // The writer compacts appended counts about once a second; move the last of them before counting.
    await compactRollups(sql)
    const [rolled] = await sql<[{ n: number }]>`select coalesce(sum(n), 0)::int as n from rollups where question_key = '*'`
    const on = { server: server.name }
    report(`submit_${label}_accepted_per_second`, run.perSecond, { ...on, connections, durationSeconds, generator: run.generator })
    report(`submit_${label}_p99_ms`, run.p99Ms, on)
    // Every 2xx is a stored row and a rolled-up count: nothing lost, nothing counted twice. Rows may exceed
    // the 2xx count by the requests whose answers arrived after the load generator stopped listening.
    report(`submit_${label}_stored_minus_accepted`, after.n - before.n - run.accepted, {
      ...on,
      errors: run.errors,
      non2xx: run.non2xx,
      inFlightAtStop: connections,
    })
    report(`submit_${label}_rollup_minus_rows`, rolled.n - after.n, on)
    return run
  } finally {
    await sql.end()
    await platform.stop()
  }
}

/**
 * Ratings per second at 200 connections through the group-commit writer, against the same server answering
 * with one INSERT per request (the baseline: a batch of one, 20 at once), on the given PostgreSQL.
 */
export async function benchSubmit(server: BenchServer, options: { quick: boolean }) {
  const grouped = await measure(server, 'group_commit', {}, options)
  const single = await measure(server, 'one_insert_per_request', { SUBMIT_BATCH_MAX: '1', SUBMIT_CONCURRENCY: '20' }, options)
  report('submit_group_commit_vs_one_insert_ratio', grouped.perSecond / single.perSecond, { server: server.name, budget: '>= 2' })
}
