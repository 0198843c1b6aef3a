import type { Db, Tx } from '../db'
import type { NewResponseRow } from '../responses/queries'
import { columnsOf, oid, type HourRollupDelta, type ProcedureRollupDelta, type RollupDelta } from '../responses/rollup-queries'
import { scopeCtes, type UnitScope } from '../stats/scope-queries'

export type FlagFilter = { scope: UnitScope; surveyId: number | null; timeZone: string }

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

function requireAll(updated: number, expected: number, table: string) {
  if (updated !== expected) throw new Error(`${table}: ${updated} of ${expected} rollup rows found to subtract from`)
}

// Counts leave their rows by an update, not by adding negative deltas: a row with n < 0 would break the
// table's check before ON CONFLICT could merge it. The rows exist, as the response was counted in them.
export async function subtractFromRollups(tx: Tx, rows: RollupDelta[]) {
  if (rows.length === 0) return
  const c = columnsOf(tx, rows)
  const result = await tx`
    update rollups r
    set n = r.n - d.n
    from unnest(
      ${c.unitIds}::int[], ${c.days}::date[], ${c.counterIds}::int[], ${c.surveyIds}::int[], ${c.fieldIds}::int[],
      ${c.keys}::text[], ${c.values}::int2[], ${c.verified}::bool[], ${c.excluded}::bool[], ${c.ns}::int[]
    ) as d(unit_id, day, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n)
    where r.unit_id = d.unit_id and r.day = d.day and r.counter_id = d.counter_id and r.survey_id = d.survey_id
      and r.field_id = d.field_id and r.question_key = d.question_key and r.value = d.value
      and r.is_verified = d.is_verified and r.is_excluded = d.is_excluded
  `
  requireAll(result.count, rows.length, 'rollups')
}

/** The same for the month grain: `day` holds the first of the month. */
export async function subtractFromMonthRollups(tx: Tx, rows: RollupDelta[]) {
  if (rows.length === 0) return
  const c = columnsOf(tx, rows)
  const result = await tx`
    update rollups_by_month r
    set n = r.n - d.n
    from unnest(
      ${c.unitIds}::int[], ${c.days}::date[], ${c.counterIds}::int[], ${c.surveyIds}::int[], ${c.fieldIds}::int[],
      ${c.keys}::text[], ${c.values}::int2[], ${c.verified}::bool[], ${c.excluded}::bool[], ${c.ns}::int[]
    ) as d(unit_id, month, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n)
    where r.unit_id = d.unit_id and r.month = d.month and r.counter_id = d.counter_id and r.survey_id = d.survey_id
      and r.field_id = d.field_id and r.question_key = d.question_key and r.value = d.value
      and r.is_verified = d.is_verified and r.is_excluded = d.is_excluded
  `
  requireAll(result.count, rows.length, 'rollups_by_month')
}

export async function subtractFromProcedureRollups(tx: Tx, rows: ProcedureRollupDelta[]) {
  if (rows.length === 0) return
  const c = columnsOf(tx, rows)
  const result = await tx`
    update rollups_by_procedure r
    set n = r.n - d.n
    from unnest(
      ${c.unitIds}::int[], ${c.days}::date[], ${c.counterIds}::int[], ${c.surveyIds}::int[], ${c.fieldIds}::int[],
      ${tx.array(rows.map((r) => r.procedureCode), oid.text)}::text[],
      ${c.keys}::text[], ${c.values}::int2[], ${c.verified}::bool[], ${c.excluded}::bool[], ${c.ns}::int[]
    ) as d(unit_id, day, counter_id, survey_id, field_id, procedure_code, question_key, value, is_verified, is_excluded, n)
    where r.unit_id = d.unit_id and r.day = d.day and r.counter_id = d.counter_id and r.survey_id = d.survey_id
      and r.field_id = d.field_id and r.procedure_code = d.procedure_code and r.question_key = d.question_key
      and r.value = d.value and r.is_verified = d.is_verified and r.is_excluded = d.is_excluded
  `
  requireAll(result.count, rows.length, 'rollups_by_procedure')
}

export async function subtractFromHourRollups(tx: Tx, rows: HourRollupDelta[]) {
  if (rows.length === 0) return
  const c = columnsOf(tx, rows)
  const result = await tx`
    update rollups_by_hour r
    set n = r.n - d.n
    from unnest(
      ${c.unitIds}::int[], ${c.days}::date[], ${c.counterIds}::int[], ${c.surveyIds}::int[], ${c.fieldIds}::int[],
      ${tx.array(rows.map((r) => r.hour), oid.int2)}::int2[],
      ${c.keys}::text[], ${c.values}::int2[], ${c.verified}::bool[], ${c.excluded}::bool[], ${c.ns}::int[]
    ) as d(unit_id, day, counter_id, survey_id, field_id, hour, question_key, value, is_verified, is_excluded, n)
    where r.unit_id = d.unit_id and r.day = d.day and r.counter_id = d.counter_id and r.survey_id = d.survey_id
      and r.field_id = d.field_id and r.hour = d.hour and r.question_key = d.question_key
      and r.value = d.value and r.is_verified = d.is_verified and r.is_excluded = d.is_excluded
  `
  requireAll(result.count, rows.length, 'rollups_by_hour')
}
