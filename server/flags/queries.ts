import type { Db, Tx } from '../db'
import type { NewResponseRow } from '../responses/queries'
import { columnsOf, oid, type RollupDelta, type RollupDeltas } from '../responses/rollup-queries'
import { scopeCtes, type UnitScope } from '../stats/scope-queries'

/** `ownUnitId`: the reader's own unit, left out (only a supervising level sees a unit's flags); null for an admin. */
export type FlagFilter = { scope: UnitScope; surveyId: number | null; timeZone: string; ownUnitId: number | null }

// The flags panel reads responses (not rollups): it lists single ratings. "Flagged" means an integrity
// signal was raised or an analyst set the rating apart; a restored rating stays listed, not excluded.
const flaggedIn = (db: Db, f: FlagFilter) => db`
  with recursive ${scopeCtes(db, f.scope)},
  flagged as (
    select r.id, r.submitted_at, r.counter_id, r.unit_id, r.flag_reasons, r.is_excluded
    from responses r
    join scope s on s.unit_id = r.unit_id
      and r.submitted_at >= (s.valid_from::timestamp at time zone ${f.timeZone})
      and r.submitted_at < (s.valid_to::timestamp at time zone ${f.timeZone})
    where (cardinality(r.flag_reasons) > 0 or r.is_excluded)
      ${f.ownUnitId === null ? db`` : db`and r.unit_id <> ${f.ownUnitId}::int`}
      ${f.surveyId === null ? db`` : db`and r.survey_id = ${f.surveyId}::int`}
  )
`

export type FlagSummary = { total: number; excluded: number; byReason: Record<string, number> }

export async function countFlagged(db: Db, f: FlagFilter) {
  const [row] = await db<[FlagSummary]>`
    ${flaggedIn(db, f)}
    select
      (select count(*)::int from flagged) as total,
      (select count(*)::int from flagged where is_excluded) as excluded,
      coalesce((
        select json_object_agg(reason, n order by reason)
        from (
          select reason, count(*)::int as n
          from flagged, unnest(flag_reasons) as reason
          group by reason
        ) by_reason
      ), '{}') as by_reason
  `
  return row
}

/** How many ratings are set apart, per reason (a rating may have several): what every report states. */
export async function countSetApartByReason(db: Db, f: FlagFilter) {
  const [row] = await db<[{ total: number; byReason: Record<string, number> }]>`
    ${flaggedIn(db, f)}
    select
      (select count(*)::int from flagged where is_excluded) as total,
      coalesce((
        select json_object_agg(reason, n order by reason)
        from (
          select reason, count(*)::int as n
          from flagged, unnest(flag_reasons) as reason
          where is_excluded
          group by reason
        ) by_reason
      ), '{}') as by_reason
  `
  return row
}

export type FlaggedRow = {
  id: string
  submittedAt: Date
  counterId: number
  counterName: string
  unitId: number
  flagReasons: string[]
  isExcluded: boolean
}

export async function findFlaggedPage(db: Db, f: FlagFilter & { limit: number; offset: number }) {
  return db<FlaggedRow[]>`
    ${flaggedIn(db, f)}
    select g.id, g.submitted_at, g.counter_id, c.name as counter_name, g.unit_id, g.flag_reasons, g.is_excluded
    from flagged g
    join counters c on c.id = g.counter_id
    order by g.submitted_at desc, g.id
    limit ${f.limit}
    offset ${f.offset}
  `
}

/** The response, locked until the transaction ends, so two analysts' clicks apply one after the other. */
export async function lockResponse(tx: Tx, id: string) {
  const [row] = await tx<[(NewResponseRow & { id: string })?]>`
    select *
    from responses
    where id = ${id}
    for update
  `
  return row
}

export async function updateResponseExcluded(tx: Tx, id: string, isExcluded: boolean) {
  await tx`
    update responses
    set is_excluded = ${isExcluded}
    where id = ${id}
  `
}

/** Adds a flag reason and sets the rating apart (a rule that saw it only later, such as a repeating device). */
export async function addFlagAndSetApart(tx: Tx, id: string, reason: string) {
  await tx`
    update responses
    set flag_reasons = case when ${reason} = any(flag_reasons) then flag_reasons else flag_reasons || ${reason}::text end,
      is_excluded = true
    where id = ${id}
  `
}

type ExtraKey = { column: 'procedure_code' | 'hour'; values: (string | number)[]; type: 'text' | 'int2' }

/** Subtracts deltas from one rollup table whose key is the common one, plus at most one extra column. */
async function subtractFrom(tx: Tx, table: string, time: 'day' | 'month', rows: RollupDelta[], extra?: ExtraKey) {
  if (rows.length === 0) return
  const c = columnsOf(tx, rows)
  const extraArray = extra ? tx`${tx.array(extra.values, oid[extra.type])}::${tx.unsafe(extra.type)}[],` : tx``
  const extraName = extra ? tx`${tx(extra.column)},` : tx``
  const extraMatch = extra ? tx`and r.${tx(extra.column)} = d.${tx(extra.column)}` : tx``
  const result = await tx`
    update ${tx(table)} r
    set n = r.n - d.n
    from unnest(
      ${c.unitIds}::int[], ${c.days}::date[], ${c.counterIds}::int[], ${c.surveyIds}::int[], ${c.fieldIds}::int[],
      ${extraArray}
      ${c.keys}::text[], ${c.values}::int2[], ${c.verified}::bool[], ${c.excluded}::bool[], ${c.ns}::int[]
    ) as d(unit_id, ${tx(time)}, counter_id, survey_id, field_id, ${extraName} question_key, value, is_verified, is_excluded, n)
    where r.unit_id = d.unit_id and r.${tx(time)} = d.${tx(time)} and r.counter_id = d.counter_id
      and r.survey_id = d.survey_id and r.field_id = d.field_id ${extraMatch}
      and r.question_key = d.question_key and r.value = d.value
      and r.is_verified = d.is_verified and r.is_excluded = d.is_excluded
  `
  if (result.count !== rows.length) throw new Error(`${table}: ${result.count} of ${rows.length} rollup rows found to subtract from`)
}

/**
 * Takes one response's counts out of all four rollup tables. Counts leave their rows by an update, not by
 * adding negative deltas: a row with n < 0 would break the table's check before ON CONFLICT could merge it.
 * The rows exist, as the response was counted in them.
 */
export async function subtractFromAllRollups(tx: Tx, deltas: RollupDeltas) {
  await subtractFrom(tx, 'rollups', 'day', deltas.main)
  await subtractFrom(tx, 'rollups_by_month', 'month', deltas.byMonth)
  await subtractFrom(tx, 'rollups_by_procedure', 'day', deltas.byProcedure, {
    column: 'procedure_code',
    values: deltas.byProcedure.map((r) => r.procedureCode),
    type: 'text',
  })
  await subtractFrom(tx, 'rollups_by_hour', 'day', deltas.byHour, { column: 'hour', values: deltas.byHour.map((r) => r.hour), type: 'int2' })
}

export type CounterAnomaly = { counterId: number; counterName: string; unitId: number; day: string; n: number; mean: number; variance: number }

/**
 * Counter-days whose kept ratings are many and all but identical (at least `minRatings` headline answers with
 * a variance of at most `maxVariance`): a pattern no waiting room produces, raised to the supervising level.
 * Read from the day rollups of each survey's headline question; the reader's own unit left out.
 */
export async function findCounterAnomalies(db: Db, f: FlagFilter & { minRatings: number; maxVariance: number }) {
  return db<CounterAnomaly[]>`
    with recursive ${scopeCtes(db, f.scope)},
    headlines as (
      select distinct on (survey_id) survey_id, definition->>'headline' as question_key
      from survey_versions
      order by survey_id, version desc
    ),
    days as (
      select r.counter_id, r.unit_id, r.day, sum(r.n)::int as n, sum(r.n * r.value)::float8 / sum(r.n) as mean,
        sum(r.n * r.value * r.value)::float8 / sum(r.n) - (sum(r.n * r.value)::float8 / sum(r.n)) ^ 2 as variance
      from rollups r
      join scope s on s.unit_id = r.unit_id and r.day >= s.valid_from and r.day < s.valid_to
      join headlines h on h.survey_id = r.survey_id and h.question_key = r.question_key
      where not r.is_excluded and r.value > 0 and r.n > 0
        ${f.ownUnitId === null ? db`` : db`and r.unit_id <> ${f.ownUnitId}::int`}
        ${f.surveyId === null ? db`` : db`and r.survey_id = ${f.surveyId}::int`}
      group by r.counter_id, r.unit_id, r.day
    )
    select d.counter_id, c.name as counter_name, d.unit_id, d.day::text as day, d.n, round(d.mean::numeric, 3)::float8 as mean,
      round(greatest(d.variance, 0)::numeric, 4)::float8 as variance
    from days d
    join counters c on c.id = d.counter_id
    where d.n >= ${f.minRatings} and d.variance <= ${f.maxVariance}
    order by d.day desc, d.counter_id
  `
}
