import { createHash } from 'node:crypto'
import { resolve } from 'node:path'
import postgres from 'postgres'
import { createDb } from '../../server/db'
import { startEmbeddedPostgres } from '../../server/embedded-postgres'
import { migrate } from '../../server/migrate'
import { countedAnswers } from '../../server/responses/queries'
import { compactRollups } from '../../server/responses/rollup-queries'
import { freePort } from '../support/free-port'
import { startStockPostgres } from '../support/stock-postgres'
import { report } from './report'

/**
 * The analytics bench's data: a province-year of ratings generated into the real schema (responses, then their
 * counts through rollup_deltas and the compaction every rating goes through), kept under .data/bench/{server} and
 * generated again only when this generator changes (the database's name carries its fingerprint); migrations
 * added since are applied to the kept data, as to a deployment's. Full: 200 communes × 2 counters × 250 working days × 100 ratings = 10 million. Quick: 20 communes,
 * 1 million.
 */
export type Scale = { communes: number; perCounterDay: number }
export const fullScale: Scale = { communes: 200, perCounterDay: 100 }
export const quickScale: Scale = { communes: 20, perCounterDay: 100 }

// Bump when the generated data change shape: the kept databases are then made again.
const generatorVersion = 3
const countersPerCommune = 2
const timeZone = 'Asia/Ho_Chi_Minh'
export const benchYear = 2025
export const pooledFieldCodes = ['dat-dai', 'xay-dung', 'dau-tu']
const fields: { code: string; name: string; upTo: number }[] = [
  // A rating's field: the first whose cumulative share (per cent) is above its number in 0–99.
  { code: 'dat-dai', name: 'Đất đai', upTo: 25 },
  { code: 'xay-dung', name: 'Xây dựng', upTo: 35 },
  { code: 'dau-tu', name: 'Đầu tư', upTo: 40 },
  { code: 'ho-tich', name: 'Hộ tịch', upTo: 75 },
  { code: 'chung-thuc', name: 'Chứng thực', upTo: 100 },
]

export type KeptServer = { name: 'embedded' | 'stock'; url: (database: string) => string; stop: () => Promise<void> }

/** The cluster the kept data live in, started from .data/bench/{name}; it stays there after stop. */
export async function startKeptServer(name: 'embedded' | 'stock'): Promise<KeptServer> {
  const folder = resolve('.data/bench', name)
  if (name === 'embedded') {
    const pg = await startEmbeddedPostgres({ dataDir: folder, port: await freePort() })
    return { name, url: (database) => pg.url.replace(/\/postgres$/, `/${database}`), stop: () => pg.stop() }
  }
  const pg = await startStockPostgres({ keepIn: folder })
  return { name, url: (database) => pg.url.replace(/\/postgres$/, `/${database}`), stop: () => pg.stop() }
}

/**
 * Names the data: the scale and this generator's version. A migration added since does not make them again: it
 * is applied to the kept data as to a deployment's (keptDatabase migrates before answering).
 */
function databaseNameOf(scale: Scale) {
  const hash = createHash('sha256').update(`${generatorVersion}|${scale.communes}|${scale.perCounterDay}`)
  return `bench_${scale.communes}_${hash.digest('hex').slice(0, 12)}`
}

/**
 * The database holding `scale`'s data on `server`, generated first when missing. Older generations of the same
 * scale are dropped, so the folder keeps one of each.
 */
export async function keptDatabase(server: KeptServer, scale: Scale): Promise<{ url: string; generatedSeconds?: number }> {
  const name = databaseNameOf(scale)
  const admin = postgres(server.url('postgres'), { max: 1, onnotice: () => {} })
  try {
    const [ready] = await admin`select 1 from pg_database where datname = ${`${name}_ready`}`
    const stale = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${`bench\\_${scale.communes}\\_%`} and datname <> ${`${name}_ready`}
    `
    for (const { datname } of stale) await admin.unsafe(`drop database "${datname}" with (force)`)
    if (ready) {
      const kept = createDb(server.url(`${name}_ready`), { max: 1 })
      await migrate(kept).finally(() => kept.end())
      return { url: server.url(`${name}_ready`) }
    }
    await admin.unsafe(`create database "${name}"`)
  } finally {
    await admin.end()
  }
  const started = performance.now()
  const sql = createDb(server.url(name), { max: 1 })
  try {
    await migrate(sql)
    await generateBenchData(sql, scale)
  } finally {
    await sql.end()
  }
  // Renamed only once complete: an interrupted generation is never taken for a finished one.
  const renamer = postgres(server.url('postgres'), { max: 1, onnotice: () => {} })
  await renamer.unsafe(`alter database "${name}" rename to "${name}_ready"`)
  await renamer.end()
  const generatedSeconds = (performance.now() - started) / 1000
  report('analytics_generated_seconds', generatedSeconds, { server: server.name, ...scale })
  return { url: server.url(`${name}_ready`), generatedSeconds }
}

/** Generates `scale`'s province-year into a migrated, empty database (as its superuser). */
export async function generateBenchData(sql: ReturnType<typeof createDb>, { communes, perCounterDay }: Scale) {
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
  for (const { code, name } of fields) await sql`insert into fields (code, name) values (${code}, ${name})`
  await sql`insert into surveys (code, title) values ('BENCH', 'Phiếu thử')`
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
  // The secondary indexes are built once after the load rather than kept up row by row (the primary key stays:
  // other tables refer to it, and time-ordered ids append to it cheaply).
  const indexes = await sql<{ name: string; definition: string; constraint: string | null; constraintDefinition: string | null }[]>`
    select i.relname as name, pg_get_indexdef(i.oid) as definition, c.conname as constraint,
      pg_get_constraintdef(c.oid) as constraint_definition
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    left join pg_constraint c on c.conindid = x.indexrelid
    where x.indrelid = 'responses'::regclass and not x.indisprimary
  `
  for (const index of indexes) {
    if (index.constraint) await sql`alter table responses drop constraint ${sql(index.constraint)}`
    else await sql`drop index ${sql(index.name)}`
  }
  let step = performance.now()
  const lap = (what: string) => {
    const now = performance.now()
    console.error(`  generated ${what} in ${((now - step) / 1000).toFixed(1)} s`)
    step = now
  }
  // Month by month, so each statement's sort and hash fit in memory. Rows are made valid by construction, so
  // the foreign-key triggers are skipped while generating (superuser only: the bench's own clusters).
  for (let month = 1; month <= 12; month++) {
    const first = `${benchYear}-${String(month).padStart(2, '0')}-01`
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`
      // A month's sorts and hashes in memory rather than in temporary files.
      await tx`set local work_mem = '1GB'`
      await tx`
        with days as (
          select d::date as day
          from generate_series(${first}::date, (${first}::date + interval '1 month' - interval '1 day')::date, '1 day') d
          where extract(isodow from d) < 6
        ), made as (
          select
            c.id as counter_id, sp.unit_id, days.day, g,
            -- A stable pseudo-random number per rating, for its time, field and answers.
            abs(hashtext(c.id || '|' || days.day || '|' || g)) as h,
            -- The random bits of its id, from what makes the rating unique: two ratings whose 31-bit hashes
            -- collide on the same day would otherwise share an id (a 10-million generation met one).
            md5(c.id || '|' || days.day || '|' || g) as unique_bits
          from counters c
          join service_points sp on sp.id = c.service_point_id
          cross join days
          cross join generate_series(1, ${perCounterDay}) g
        ), rated as (
          select made.*,
            (day + time '07:30' + (h % 34200) * interval '1 second') at time zone ${timeZone} as submitted_at,
            case
              ${sql.unsafe(fields.map((b) => `when h % 100 < ${b.upTo} then '${b.code}'`).join(' '))}
            end as field_code,
            h % 1000 as permille
          from made
        )
        insert into responses (id, submission_id, content_hash, survey_id, survey_version_id, counter_id, unit_id, field_id,
                               procedure_code, channel, is_verified, flag_reasons, is_excluded, submitted_at, answers, comment)
        select
          -- Time-ordered ids, as the writer's UUIDv7 are: the millisecond first, then random bits.
          (lpad(to_hex((extract(epoch from r.submitted_at) * 1000)::bigint), 12, '0') || '7' || substr(r.unique_bits, 1, 3)
            || '8' || substr(r.unique_bits, 4, 15))::uuid,
          gen_random_uuid(), '\\x00', sv.survey_id, sv.id, r.counter_id, r.unit_id, f.id,
          -- Most ratings name one of a few dozen procedures of their field, as a commune's counter sees.
          case when r.permille < 800 then '1.00' || lpad((f.id * 100 + r.h % 40)::text, 4, '0') end,
          case when r.permille < 100 then 'invitation' else 'qr' end,
          r.permille < 100,
          case when r.permille >= 990 then '{too_fast}'::text[] else '{}' end,
          r.permille >= 997,
          r.submitted_at,
          jsonb_strip_nulls(jsonb_build_object(
            'overall', case when r.h % 23 = 0 then 1 when r.h % 5 = 0 then 2 else 3 end,
            'thuan_tien', case when r.h % 11 = 0 then null when r.h % 19 = 0 then 1 when r.h % 3 = 0 then 2 else 3 end,
            'thai_do', case when r.h % 13 = 0 then 0 when r.h % 29 = 0 then 1 when r.h % 4 = 0 then 2 else 3 end,
            'dung_hen', case when r.h % 17 = 0 then null when r.h % 31 = 0 then 1 when r.h % 6 = 0 then 2 else 3 end
          )),
          case when r.permille % 50 = 7 then 'Góp ý số ' || r.g || ': cán bộ hướng dẫn tận tình, nên thêm ghế chờ.' end
        from rated r
        cross join (select v.id, v.survey_id from survey_versions v join surveys s on s.id = v.survey_id where s.code = 'BENCH') sv
        join fields f on f.code = r.field_code
      `
      lap(`responses of ${first}`)
      // The counts every rating appends, by the writer's own mapping (server/responses/queries.ts
      // insertResponses: local day and hour, field 0 and procedure '' for none, '*' counting the rating).
      await tx`
        insert into rollup_deltas
          (unit_id, day, hour, counter_id, survey_id, field_id, procedure_code, question_key, value, is_verified, is_excluded, n)
        select unit_id, local_time::date, extract(hour from local_time)::int2, counter_id, survey_id, field_id, procedure_code,
          question_key, value, is_verified, is_excluded, count(*)
        from (
          select
            i.unit_id, i.submitted_at at time zone ${timeZone} as local_time, i.counter_id, i.survey_id,
            coalesce(i.field_id, 0) as field_id, coalesce(left(i.procedure_code, 8), '') as procedure_code,
            v.question_key, v.value, i.is_verified, i.is_excluded
          from responses i
          cross join lateral (${countedAnswers(tx, tx`i.answers`)}) v
          where i.submitted_at >= ${first}::timestamp at time zone ${timeZone}
            and i.submitted_at < (${first}::date + interval '1 month')::timestamp at time zone ${timeZone}
        ) counted
        group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
      `
      // The compaction every rating's counts go through, a month at a time.
      await compactRollups(tx)
      lap(`counts and rollups of ${first}`)
    })
  }
  await sql.begin(async (tx) => {
    await tx`set local maintenance_work_mem = '1GB'`
    for (const index of indexes) {
      if (index.constraint) await tx`alter table responses add constraint ${tx(index.constraint)} ${tx.unsafe(index.constraintDefinition!)}`
      else await tx.unsafe(index.definition)
    }
  })
  lap('indexes')
  await sql`vacuum analyze`
}
