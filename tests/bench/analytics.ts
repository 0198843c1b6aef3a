import { createApp } from '../../server/app'
import { createDb } from '../../server/db'
import { createLogger } from '../../server/logger'
import { migrate } from '../../server/migrate'
import { testConfig } from '../support/app'
import { seedUser } from '../support/factories'
import { signIn } from '../support/sign-in'
import { report } from './report'
import type { BenchServer } from './servers'

const countersPerCommune = 2

/**
 * A province-year at scale, made in SQL: 200 communes × 2 counters × 250 working days, rollup rows at the
 * density real counters produce (about 20 ratings a counter-day over 2 fields × 4 questions), and
 * 300,000 response rows for the export. Stats read rollups only, so the rollups stand for the ratings.
 */
export async function seed(
  sql: ReturnType<typeof createDb>,
  { communes, exportRows, perCounterDay }: { communes: number; exportRows: number; perCounterDay: number },
) {
  await sql`
    with province as (insert into units (code) values ('BENCH') returning id),
    pv as (insert into unit_versions (unit_id, name, level, valid_from) select id, 'Tỉnh Thử', 'tinh', '2000-01-01' from province),
    communes as (
      insert into units (code) select 'BENCH-' || g from generate_series(1, ${communes}) g returning id
    ),
    cv as (
      insert into unit_versions (unit_id, name, level, parent_id, valid_from)
      select c.id, 'Xã ' || c.id, 'xa', (select id from province), '2000-01-01' from communes c
    ),
    points as (
      insert into service_points (unit_id, name) select id, 'Một cửa ' || id from communes returning id, unit_id
    )
    insert into counters (service_point_id, name)
    select p.id, 'Quầy ' || g from points p, generate_series(1, ${countersPerCommune}) g
  `
  await sql`
    insert into fields (code, name) values ('dat-dai', 'Đất đai'), ('ho-tich', 'Hộ tịch');
    insert into surveys (code, title) values ('BENCH', 'Phiếu thử');
  `.simple()
  await sql`
    insert into survey_versions (survey_id, version, definition)
    select id, 1, ${sql.json({
      title: 'Phiếu thử',
      headline: 'overall',
      aspects: [],
      questions: ['overall', 'thuan_tien', 'thai_do', 'dung_hen'].map((key) => ({
        key,
        type: 'scale',
        scale: 'satisfaction-3',
        label: key,
        required: key === 'overall',
        allowNotApplicable: key !== 'overall',
      })),
    } as never)}
    from surveys where code = 'BENCH'
  `
  await sql`
    insert into rollups (unit_id, day, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n)
    select sp.unit_id, d::date, c.id, s.id, f.id, q.key, v.value, false, false,
           case when q.key = '*' then ${perCounterDay / 2} else ${perCounterDay / 20} * case v.value when 1 then 1 when 2 then 4 else 5 end end
    from counters c
    join service_points sp on sp.id = c.service_point_id
    cross join (select id from surveys where code = 'BENCH') s
    cross join fields f
    cross join generate_series('2025-01-01'::date, '2025-12-31'::date, '1 day') d
    cross join (values ('*'), ('overall'), ('thuan_tien'), ('thai_do'), ('dung_hen')) q (key)
    cross join (values (1), (2), (3)) v (value)
    where extract(isodow from d) < 6 and (q.key <> '*' or v.value = 1)
  `
  await sql`
    insert into responses (submission_id, content_hash, survey_id, survey_version_id, counter_id, unit_id, field_id,
                           channel, submitted_at, answers, comment)
    select gen_random_uuid(), '\\x00', sv.survey_id, sv.id, c.id, sp.unit_id, f.id, 'qr',
           '2025-01-02 08:00+07'::timestamptz + (g % 300) * interval '1 day' + (g % 480) * interval '1 minute',
           jsonb_build_object('overall', 1 + g % 3, 'thai_do', 1 + g % 3),
           case when g % 50 = 0 then 'Góp ý số ' || g end
    from generate_series(1, ${exportRows}) g
    join counters c on c.id = 1 + g % ${communes * countersPerCommune}
    join service_points sp on sp.id = c.service_point_id
    cross join (select v.id, v.survey_id from survey_versions v join surveys s on s.id = v.survey_id where s.code = 'BENCH') sv
    cross join (select id from fields where code = 'ho-tich') f
  `
  await sql`
    insert into rollups_by_month (unit_id, month, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n)
    select unit_id, date_trunc('month', day)::date, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, sum(n)
    from rollups
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9
  `
  await sql`
    insert into rollups_by_year (unit_id, year, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n)
    select unit_id, date_trunc('year', month)::date, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, sum(n)
    from rollups_by_month
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9
  `
  const [rows] = await sql<[{ rollups: number; ratings: number }]>`
    select count(*)::int as rollups, coalesce(sum(n) filter (where question_key = '*'), 0)::int as ratings from rollups
  `
  await sql`analyze`
  return rows
}

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
 * Stats and the CSV export on the given PostgreSQL. Full: a province-year of 10 million ratings (100 a
 * counter-day at 200 communes × 2 counters) and 300,000 exported rows, the budgets' scale. Quick: a quarter
 * of the province (50 communes, 2.6 million ratings) and 50,000 exported rows, to see a change's direction in
 * seconds; its figures are not the budgets' figures.
 */
export async function benchAnalytics(server: BenchServer, { quick }: { quick: boolean }) {
  const database = await server.database()
  const sql = createDb(database.url, { max: 10 })
  const on = { server: server.name }
  try {
    await migrate(sql)
    const scale = await seed(sql, { communes: quick ? 50 : 200, exportRows: quick ? 50_000 : 300_000, perCounterDay: 100 })
    report('analytics_rollup_rows', scale.rollups, { ...on, ratingsRepresented: scale.ratings })
    const app = createApp({ sql, config: testConfig(), logger: createLogger('silent') })
    const cookie = await signIn(app, await seedUser(sql, { role: 'admin' }))
    const [province] = await sql<[{ id: number }]>`select id from units where code = 'BENCH'`
    const [commune] = await sql<[{ id: number }]>`select id from units where code = 'BENCH-1'`
    const stats = async (params: string) => {
      const res = await app.request(`/api/v1/stats?period=nam&year=2025&mode=calendar&${params}`, { headers: { cookie } })
      if (res.status !== 200) throw new Error(`stats answered ${res.status}: ${await res.text()}`)
      await res.arrayBuffer()
    }
    report('stats_province_year_ms', await timeMs(() => stats(`unitId=${province.id}`)), { ...on, budget: 50 })
    report('stats_province_year_by_unit_ms', await timeMs(() => stats(`unitId=${province.id}&groupBy=unit`)), { ...on, budget: 50 })
    report('stats_one_unit_year_ms', await timeMs(() => stats(`unitId=${commune.id}`)), { ...on, budget: 10 })

    const rssBefore = process.memoryUsage().rss
    let peakRss = rssBefore
    const watch = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20)
    const start = performance.now()
    const res = await app.request('/api/v1/exports/responses.csv?period=nam&year=2025&mode=calendar', { headers: { cookie } })
    let newlines = 0
    const reader = res.body!.getReader()
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      for (const byte of chunk.value) if (byte === 10) newlines++
    }
    const seconds = (performance.now() - start) / 1000
    clearInterval(watch)
    report('export_csv_rows_per_second', (newlines - 1) / seconds, { ...on, budget: 300_000, rows: newlines - 1 })
    report('export_csv_rss_growth_mb', (peakRss - rssBefore) / 1e6, { ...on, note: 'server and reader share this process' })
  } finally {
    await sql.end()
    await database.drop()
  }
}
