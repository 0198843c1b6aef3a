import { createApp } from '../../server/app'
import { createDb } from '../../server/db'
import { createLogger } from '../../server/logger'
import type postgres from 'postgres'
import { readFileSync } from 'node:fs'
import { testConfig, testSecretKey } from '../support/app'
import { freePort } from '../support/free-port'
import { startPlatform } from '../support/platform'
import { seedUser } from '../support/factories'
import { signIn } from '../support/sign-in'
import { report } from './report'
import { benchYear, fullScale, type KeptServer, keptDatabase, pooledFieldCodes, quickScale } from './analytics-data'

async function timeMs(work: () => Promise<unknown>, runs = 5) {
  await work()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await work()
    times.push(performance.now() - start)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!
}

/**
 * Stats and the CSV export on the kept data of analytics-data.ts (10 million ratings; quick: 1 million), through
 * the real endpoints. Stats: the dashboard's whole query set, as admin-web's dashboard sends it (one request to
 * /api/v1/stats/dashboard: the overall answer, by month, field, unit and counter, the items and the pooled đất đai
 * + xây dựng + đầu tư card), for the province-year and for one commune-year; beside it, the same answers computed by GROUP
 * BY over the raw responses, once. Export: the CSV of a date range of about a million ratings, with the
 * process's peak RSS.
 */
export async function benchAnalytics(server: KeptServer, { quick }: { quick: boolean }) {
  const scale = quick ? quickScale : fullScale
  const { url } = await keptDatabase(server, scale)
  const sql = createDb(url, { max: 10 })
  const on = { server: server.name, quick }
  try {
    const [size] = await sql<[{ ratings: number; rollupRows: number }]>`
      select (select count(*) from responses)::int as ratings, (select count(*) from rollups)::int as "rollupRows"
    `
    report('analytics_ratings', size.ratings, { ...on, rollupRows: size.rollupRows })
    const app = createApp({ sql, config: testConfig(), logger: createLogger('silent') })
    const cookie = await signIn(app, await seedUser(sql, { role: 'admin' }))
    const [survey] = await sql<[{ id: number }]>`select id from surveys where code = 'BENCH'`
    const [province] = await sql<[{ id: number }]>`select id from units where code = 'BENCH'`
    const [commune] = await sql<[{ id: number }]>`select id from units where code = 'BENCH-1'`
    await ensurePlan(sql, province.id)
    const stats = async (params: string) => {
      const res = await app.request(`/api/v1/stats?surveyId=${survey.id}&period=nam&year=${benchYear}&mode=calendar&${params}`, {
        headers: { cookie },
      })
      if (res.status !== 200) throw new Error(`stats answered ${res.status}: ${await res.text()}`)
      await res.arrayBuffer()
    }
    // What admin-web's dashboard asks for its figures: one request (the overall answer, by month, field, unit and
    // counter, the items, and the pooled đất đai + xây dựng + đầu tư card of the province's target).
    const dashboard = async (unitId: number) => {
      const res = await app.request(
        `/api/v1/stats/dashboard?surveyId=${survey.id}&period=nam&year=${benchYear}&mode=calendar&unitId=${unitId}`,
        { headers: { cookie } },
      )
      if (res.status !== 200) throw new Error(`dashboard answered ${res.status}: ${await res.text()}`)
      const answer = (await res.json()) as { fieldCards: unknown[] }
      if (answer.fieldCards.length !== 1) throw new Error('the pooled-field card is missing: is the target there?')
    }
    for (const [label, unitId, budget] of [
      ['province_year', province.id, 50],
      ['one_unit_year', commune.id, 10],
    ] as const) {
      const ms = await timeMs(() => dashboard(unitId))
      const rawMs = await timeRaw(sql, unitId)
      report(`stats_dashboard_${label}_ms`, ms, { ...on, budget, requests: 1 })
      report(`stats_dashboard_${label}_raw_group_by_ms`, rawMs, { ...on, note: 'the same answers by GROUP BY over responses' })
      report(`stats_dashboard_${label}_speedup`, rawMs / ms, { ...on, budget: 100 })
    }
    report('stats_province_year_overall_ms', await timeMs(() => stats(`unitId=${province.id}`)), on)
    report('stats_province_year_by_unit_ms', await timeMs(() => stats(`unitId=${province.id}&groupBy=unit`)), on)

    await benchExport(url, cookie, survey.id, on)
  } finally {
    await sql.end()
  }
}

/**
 * The CSV export through the real endpoint of a server process of its own (server/main.ts, as `npm start` runs
 * it, on the same database), read over HTTP as fast as it comes; that process's resident memory sampled
 * throughout. Then one working day of the province (a tenth of that at the quick scale), timed whole: an export
 * that takes few of the rows must not cost what reading them all costs.
 */
export async function benchExport(databaseUrl: string, cookie: string, surveyId: number, on: Record<string, unknown>) {
  const platform = await startPlatform({ port: await freePort(), env: { DATABASE_URL: databaseUrl, SECRET_KEY: testSecretKey } })
  try {
    const download = async (range: { from: string; to: string }) => {
      const res = await fetch(`${platform.url}/api/v1/exports/responses.csv?surveyId=${surveyId}&from=${range.from}&to=${range.to}`, {
        headers: { cookie },
      })
      if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`)
      let newlines = 0
      const reader = res.body!.getReader()
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        const bytes = chunk.value
        for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) newlines++
      }
      return newlines - 1
    }
    const rssMb = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${platform.pid}/status`, 'utf8'))![1]) / 1024
    const idleRss = rssMb()
    let peakRss = idleRss
    const watch = setInterval(() => (peakRss = Math.max(peakRss, rssMb())), 20)
    const start = performance.now()
    const rows = await download(exportRange)
    const seconds = (performance.now() - start) / 1000
    clearInterval(watch)
    report('export_csv_rows_per_second', rows / seconds, { ...on, budget: 300_000, rows })
    report('export_csv_server_peak_rss_mb', peakRss, { ...on, budget: 150, idle: Math.round(idleRss) })
    const dayStart = performance.now()
    const dayRows = await download(exportDay)
    report('export_csv_one_day_ms', performance.now() - dayStart, { ...on, rows: dayRows })
  } finally {
    await platform.stop()
  }
}

// About a million ratings at the full scale (25 working days of 40,000), a tenth of that at the quick one.
const exportRange = { from: `${benchYear}-03-01`, to: `${benchYear}-04-04` }
// A Monday: 40,000 ratings at the full scale.
const exportDay = { from: `${benchYear}-03-03`, to: `${benchYear}-03-03` }

/**
 * The dashboard's answers for a unit-year straight from the responses (kept ones, the scope's communes), timed
 * once: what every read would cost without the rollups.
 */
async function timeRaw(sql: ReturnType<typeof createDb>, unitId: number) {
  const start = performance.now()
  const scoped = sql`
    select r.* from responses r
    where r.unit_id in (select id from units u where u.id = ${unitId} or u.id in (select unit_id from unit_versions where parent_id = ${unitId}))
      and r.submitted_at >= ${`${benchYear}-01-01`}::timestamp at time zone 'Asia/Ho_Chi_Minh'
      and r.submitted_at < ${`${benchYear + 1}-01-01`}::timestamp at time zone 'Asia/Ho_Chi_Minh'
      and not r.is_excluded
  `
  const answers = (group: postgres.Fragment, where = sql``) => sql`
    select ${group} as grp, e.key, e.value::text, count(*)
    from (${scoped}) r cross join lateral jsonb_each(r.answers) e
    where true ${where}
    group by 1, 2, 3
  `
  await sql`${answers(sql`0`)}`
  await Promise.all([
    sql`${answers(sql`date_trunc('month', r.submitted_at at time zone 'Asia/Ho_Chi_Minh')`)}`,
    sql`${answers(sql`r.field_id`)}`,
    sql`${answers(sql`r.unit_id`)}`,
    sql`${answers(sql`r.counter_id`)}`,
  ])
  await Promise.all([
    sql`${answers(sql`0`, sql`and r.field_id in (select id from fields where code in ${sql(pooledFieldCodes)})`)}`,
    sql`${answers(sql`e.key`)}`,
  ])
  return performance.now() - start
}

/**
 * The province's plan, as the reform plans set it: 96% satisfied overall, 87% for đất đai + xây dựng + đầu tư
 * pooled (the dashboard's pooled card comes from this target). Added once to the kept data, like a migration.
 */
async function ensurePlan(sql: ReturnType<typeof createDb>, provinceId: number) {
  await sql.begin(async (tx) => {
    const [existing] = await tx`select 1 from plans where number = 'BENCH/KH-UBND'`
    if (existing) return
    const [plan] = await tx<[{ id: number }]>`
      insert into plans (number, title, issuer, issued_on, unit_id)
      values ('BENCH/KH-UBND', ${`Kế hoạch cải cách hành chính năm ${benchYear}`}, 'UBND tỉnh Thử', ${`${benchYear}-01-01`}, ${provinceId})
      returning id
    `
    const target = (value: number) => tx<[{ id: number }]>`
      insert into targets (plan_id, unit_id, metric, period_start, period_end, value)
      values (${plan.id}, ${provinceId}, 'tthc', ${`${benchYear}-01-01`}, ${`${benchYear}-12-31`}, ${value})
      returning id
    `
    await target(0.96)
    const [pooled] = await target(0.87)
    await tx`insert into target_fields (target_id, field_id) select ${pooled.id}, id from fields where code in ${tx(pooledFieldCodes)}`
  })
}
