import type { Db, Tx } from '../db'

export type RollupDelta = {
  unitId: number
  day: string
  counterId: number
  surveyId: number
  fieldId: number
  questionKey: string
  value: number
  isVerified: boolean
  isExcluded: boolean
  n: number
}
export type ProcedureRollupDelta = RollupDelta & { procedureCode: string }
export type HourRollupDelta = RollupDelta & { hour: number }

/**
 * A batch's deltas for the rollup tables; `byMonth` and `byYear` have the shape of `main` with `day` the first
 * day of its month or year, and the unit tiers (rollups_by_unit_month, _year) are those summed (unitTierOf).
 */
export type RollupDeltas = {
  main: RollupDelta[]
  byMonth: RollupDelta[]
  byYear: RollupDelta[]
  byProcedure: ProcedureRollupDelta[]
  byHour: HourRollupDelta[]
}

// Rows go in as parallel arrays through unnest: one statement and ten parameters, whatever the batch size.
// Each array carries its type's OID: postgres.js would otherwise send a boolean array as a single boolean.
export const oid = { int4: 23, int2: 21, text: 25, date: 1082, bool: 16 } as const

export const columnsOf = (tx: Tx, rows: RollupDelta[]) => ({
  unitIds: tx.array(
    rows.map((r) => r.unitId),
    oid.int4,
  ),
  days: tx.array(
    rows.map((r) => r.day),
    oid.date,
  ),
  counterIds: tx.array(
    rows.map((r) => r.counterId),
    oid.int4,
  ),
  surveyIds: tx.array(
    rows.map((r) => r.surveyId),
    oid.int4,
  ),
  fieldIds: tx.array(
    rows.map((r) => r.fieldId),
    oid.int4,
  ),
  keys: tx.array(
    rows.map((r) => r.questionKey),
    oid.text,
  ),
  values: tx.array(
    rows.map((r) => r.value),
    oid.int2,
  ),
  verified: tx.array(
    rows.map((r) => r.isVerified),
    oid.bool,
  ),
  excluded: tx.array(
    rows.map((r) => r.isExcluded),
    oid.bool,
  ),
  ns: tx.array(
    rows.map((r) => r.n),
    oid.int4,
  ),
})

/**
 * Month or year deltas (as `columnsOf` gives them) summed over counter and field, in key order: the rows of
 * rollups_by_unit_month or rollups_by_unit_year (unit_id, month or year, survey_id, question_key, value,
 * is_verified, is_excluded, n).
 */
export function unitTierOf(tx: Tx, c: ReturnType<typeof columnsOf>) {
  return tx`
    select unit_id, day, survey_id, question_key, value, is_verified, is_excluded, sum(n)::int
    from unnest(
      ${c.unitIds}::int[], ${c.days}::date[], ${c.surveyIds}::int[], ${c.keys}::text[], ${c.values}::int2[],
      ${c.verified}::bool[], ${c.excluded}::bool[], ${c.ns}::int[]
    ) as d(unit_id, day, survey_id, question_key, value, is_verified, is_excluded, n)
    group by 1, 2, 3, 4, 5, 6, 7
    order by 1, 2, 3, 4, 5, 6, 7
  `
}

/** Adds a batch's deltas to the seven rollup tables in one statement: one round trip per batch. */
export async function addToAllRollups(tx: Tx, deltas: RollupDeltas) {
  if (deltas.main.length === 0) return
  const m = columnsOf(tx, deltas.main)
  const mo = columnsOf(tx, deltas.byMonth)
  const y = columnsOf(tx, deltas.byYear)
  const p = columnsOf(tx, deltas.byProcedure)
  const h = columnsOf(tx, deltas.byHour)
  await tx`
    with main as (
      insert into rollups (unit_id, day, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n)
      select * from unnest(
        ${m.unitIds}::int[], ${m.days}::date[], ${m.counterIds}::int[], ${m.surveyIds}::int[], ${m.fieldIds}::int[],
        ${m.keys}::text[], ${m.values}::int2[], ${m.verified}::bool[], ${m.excluded}::bool[], ${m.ns}::int[]
      )
      on conflict on constraint rollups_pkey do update set n = rollups.n + excluded.n
    ), by_month as (
      insert into rollups_by_month (unit_id, month, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n)
      select * from unnest(
        ${mo.unitIds}::int[], ${mo.days}::date[], ${mo.counterIds}::int[], ${mo.surveyIds}::int[], ${mo.fieldIds}::int[],
        ${mo.keys}::text[], ${mo.values}::int2[], ${mo.verified}::bool[], ${mo.excluded}::bool[], ${mo.ns}::int[]
      )
      on conflict on constraint rollups_by_month_pkey do update set n = rollups_by_month.n + excluded.n
    ), by_year as (
      insert into rollups_by_year (unit_id, year, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n)
      select * from unnest(
        ${y.unitIds}::int[], ${y.days}::date[], ${y.counterIds}::int[], ${y.surveyIds}::int[], ${y.fieldIds}::int[],
        ${y.keys}::text[], ${y.values}::int2[], ${y.verified}::bool[], ${y.excluded}::bool[], ${y.ns}::int[]
      )
      on conflict on constraint rollups_by_year_pkey do update set n = rollups_by_year.n + excluded.n
    ), by_unit_month as (
      insert into rollups_by_unit_month (unit_id, month, survey_id, question_key, value, is_verified, is_excluded, n)
      ${unitTierOf(tx, mo)}
      on conflict on constraint rollups_by_unit_month_pkey do update set n = rollups_by_unit_month.n + excluded.n
    ), by_unit_year as (
      insert into rollups_by_unit_year (unit_id, year, survey_id, question_key, value, is_verified, is_excluded, n)
      ${unitTierOf(tx, y)}
      on conflict on constraint rollups_by_unit_year_pkey do update set n = rollups_by_unit_year.n + excluded.n
    ), by_procedure as (
      insert into rollups_by_procedure
        (unit_id, day, counter_id, survey_id, field_id, procedure_code, question_key, value, is_verified, is_excluded, n)
      select * from unnest(
        ${p.unitIds}::int[], ${p.days}::date[], ${p.counterIds}::int[], ${p.surveyIds}::int[], ${p.fieldIds}::int[],
        ${tx.array(
          deltas.byProcedure.map((r) => r.procedureCode),
          oid.text,
        )}::text[],
        ${p.keys}::text[], ${p.values}::int2[], ${p.verified}::bool[], ${p.excluded}::bool[], ${p.ns}::int[]
      )
      on conflict on constraint rollups_by_procedure_pkey do update set n = rollups_by_procedure.n + excluded.n
    )
    insert into rollups_by_hour
      (unit_id, day, counter_id, survey_id, field_id, hour, question_key, value, is_verified, is_excluded, n)
    select * from unnest(
      ${h.unitIds}::int[], ${h.days}::date[], ${h.counterIds}::int[], ${h.surveyIds}::int[], ${h.fieldIds}::int[],
      ${tx.array(
        deltas.byHour.map((r) => r.hour),
        oid.int2,
      )}::int2[],
      ${h.keys}::text[], ${h.values}::int2[], ${h.verified}::bool[], ${h.excluded}::bool[], ${h.ns}::int[]
    )
    on conflict on constraint rollups_by_hour_pkey do update set n = rollups_by_hour.n + excluded.n
  `
}

/**
 * Moves every committed row of `rollup_deltas` into the seven rollup tables, summed per rollup row, in one
 * statement (its own transaction unless given one). Upserts go in key order, so two compactions (the
 * writer's and a reader's) lock shared rollup rows in the same order; a delta row is moved by exactly one of
 * them, since a delete skips rows another transaction deleted first. Returns how many delta rows it moved.
 */
export async function compactRollups(sql: Db | Tx) {
  const [row] = await sql<[{ moved: number }]>`
    with moved as (
      delete from rollup_deltas
      returning unit_id, day, hour, counter_id, survey_id, field_id, procedure_code, question_key, value, is_verified,
        is_excluded, n
    ), main as (
      insert into rollups (unit_id, day, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n)
      select unit_id, day, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, sum(n)
      from moved
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9
      order by 1, 2, 3, 4, 5, 6, 7, 8, 9
      on conflict on constraint rollups_pkey do update set n = rollups.n + excluded.n
    ), by_month as (
      insert into rollups_by_month (unit_id, month, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n)
      select unit_id, date_trunc('month', day)::date, counter_id, survey_id, field_id, question_key, value, is_verified,
        is_excluded, sum(n)
      from moved
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9
      order by 1, 2, 3, 4, 5, 6, 7, 8, 9
      on conflict on constraint rollups_by_month_pkey do update set n = rollups_by_month.n + excluded.n
    ), by_year as (
      insert into rollups_by_year (unit_id, year, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n)
      select unit_id, date_trunc('year', day)::date, counter_id, survey_id, field_id, question_key, value, is_verified,
        is_excluded, sum(n)
      from moved
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9
      order by 1, 2, 3, 4, 5, 6, 7, 8, 9
      on conflict on constraint rollups_by_year_pkey do update set n = rollups_by_year.n + excluded.n
    ), by_unit_month as (
      insert into rollups_by_unit_month (unit_id, month, survey_id, question_key, value, is_verified, is_excluded, n)
      select unit_id, date_trunc('month', day)::date, survey_id, question_key, value, is_verified, is_excluded, sum(n)
      from moved
      group by 1, 2, 3, 4, 5, 6, 7
      order by 1, 2, 3, 4, 5, 6, 7
      on conflict on constraint rollups_by_unit_month_pkey do update set n = rollups_by_unit_month.n + excluded.n
    ), by_unit_year as (
      insert into rollups_by_unit_year (unit_id, year, survey_id, question_key, value, is_verified, is_excluded, n)
      select unit_id, date_trunc('year', day)::date, survey_id, question_key, value, is_verified, is_excluded, sum(n)
      from moved
      group by 1, 2, 3, 4, 5, 6, 7
      order by 1, 2, 3, 4, 5, 6, 7
      on conflict on constraint rollups_by_unit_year_pkey do update set n = rollups_by_unit_year.n + excluded.n
    ), by_procedure as (
      insert into rollups_by_procedure
        (unit_id, day, counter_id, survey_id, field_id, procedure_code, question_key, value, is_verified, is_excluded, n)
      select unit_id, day, counter_id, survey_id, field_id, procedure_code, question_key, value, is_verified, is_excluded,
        sum(n)
      from moved
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
      order by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
      on conflict on constraint rollups_by_procedure_pkey do update set n = rollups_by_procedure.n + excluded.n
    ), by_hour as (
      insert into rollups_by_hour
        (unit_id, day, counter_id, survey_id, field_id, hour, question_key, value, is_verified, is_excluded, n)
      select unit_id, day, counter_id, survey_id, field_id, hour, question_key, value, is_verified, is_excluded, sum(n)
      from moved
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
      order by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
      on conflict on constraint rollups_by_hour_pkey do update set n = rollups_by_hour.n + excluded.n
    )
    select count(*)::int as moved from moved
  `
  return row.moved
}
