import type { Tx } from '../db'
import type { NewResponseRow } from './queries'
import { columnsOf, oid, type RollupDelta, type RollupDeltas, unitTierOf } from './rollup-queries'

// Moving one stored rating between kept and set apart: its row and its counts in the seven rollup tables.

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
async function subtractFrom(tx: Tx, table: string, time: 'day' | 'month' | 'year', rows: RollupDelta[], extra?: ExtraKey) {
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

/** Subtracts month or year deltas, summed over counter and field, from rollups_by_unit_month or _year. */
async function subtractFromUnitTier(tx: Tx, table: 'rollups_by_unit_month' | 'rollups_by_unit_year', rows: RollupDelta[]) {
  if (rows.length === 0) return
  const time = table === 'rollups_by_unit_month' ? 'month' : 'year'
  const [result] = await tx<[{ expected: number; found: number }]>`
    with d (unit_id, day, survey_id, question_key, value, is_verified, is_excluded, n) as (${unitTierOf(tx, columnsOf(tx, rows))}),
    changed as (
      update ${tx(table)} r
      set n = r.n - d.n
      from d
      where r.unit_id = d.unit_id and r.${tx(time)} = d.day and r.survey_id = d.survey_id
        and r.question_key = d.question_key and r.value = d.value
        and r.is_verified = d.is_verified and r.is_excluded = d.is_excluded
      returning 1
    )
    select (select count(*) from d)::int as expected, (select count(*) from changed)::int as found
  `
  if (result.found !== result.expected)
    throw new Error(`${table}: ${result.found} of ${result.expected} rollup rows found to subtract from`)
}

/**
 * Takes one response's counts out of all seven rollup tables. Counts leave their rows by an update, not by
 * adding negative deltas: a row with n < 0 would break the table's check before ON CONFLICT could merge it.
 * The rows exist, as the response was counted in them.
 */
export async function subtractFromAllRollups(tx: Tx, deltas: RollupDeltas) {
  await subtractFrom(tx, 'rollups', 'day', deltas.main)
  await subtractFrom(tx, 'rollups_by_month', 'month', deltas.byMonth)
  await subtractFrom(tx, 'rollups_by_year', 'year', deltas.byYear)
  await subtractFromUnitTier(tx, 'rollups_by_unit_month', deltas.byMonth)
  await subtractFromUnitTier(tx, 'rollups_by_unit_year', deltas.byYear)
  await subtractFrom(tx, 'rollups_by_procedure', 'day', deltas.byProcedure, {
    column: 'procedure_code',
    values: deltas.byProcedure.map((r) => r.procedureCode),
    type: 'text',
  })
  await subtractFrom(tx, 'rollups_by_hour', 'day', deltas.byHour, {
    column: 'hour',
    values: deltas.byHour.map((r) => r.hour),
    type: 'int2',
  })
}
