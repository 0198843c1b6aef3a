import postgres from 'postgres'
import { startPlatform } from '../support/platform'
import { postRatings } from './load'
import { report } from './report'

const durationSeconds = 10
const warmUpSeconds = 5
const connections = 200

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
    // Start from a settled database: the demo data was just written, and autovacuum would otherwise pick
    // those tables up in the middle of the measurement. Then a short warm-up (JIT, pools, connections) that
    // is not counted.
    await sql`vacuum analyze`
    await postRatings({ url: platform.url, codes, connections, durationSeconds: warmUpSeconds })
    await new Promise((done) => setTimeout(done, 2000))
    const [before] = await sql<[{ n: number }]>`select count(*)::int as n from responses`
    const run = await postRatings({ url: platform.url, codes, connections, durationSeconds })
    // Requests still in flight when the load stops commit a moment later: count once the table is still.
    await new Promise((done) => setTimeout(done, 2000))
    const [after] = await sql<[{ n: number }]>`select count(*)::int as n from responses`
    const [rolled] = await sql<[{ n: number }]>`select coalesce(sum(n), 0)::int as n from rollups where question_key = '*'`
    report(`submit_${label}_accepted_per_second`, run.perSecond, { connections, durationSeconds, generator: run.generator })
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
