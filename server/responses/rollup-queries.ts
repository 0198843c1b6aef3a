import type { Tx } from '../db'

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

// Rows go in as parallel arrays through unnest: one statement and ten parameters, whatever the batch size.
// Each array carries its type's OID: postgres.js would otherwise send a boolean array as a single boolean.
const oid = { int4: 23, int2: 21, text: 25, date: 1082, bool: 16 } as const

const columnsOf = (tx: Tx, rows: RollupDelta[]) => ({
  unitIds: tx.array(rows.map((r) => r.unitId), oid.int4),
  days: tx.array(rows.map((r) => r.day), oid.date),
  counterIds: tx.array(rows.map((r) => r.counterId), oid.int4),
  surveyIds: tx.array(rows.map((r) => r.surveyId), oid.int4),
  fieldIds: tx.array(rows.map((r) => r.fieldId), oid.int4),
  keys: tx.array(rows.map((r) => r.questionKey), oid.text),
  values: tx.array(rows.map((r) => r.value), oid.int2),
  verified: tx.array(rows.map((r) => r.isVerified), oid.bool),
  excluded: tx.array(rows.map((r) => r.isExcluded), oid.bool),
  ns: tx.array(rows.map((r) => r.n), oid.int4),
})

export async function addToRollups(tx: Tx, rows: RollupDelta[]) {
  if (rows.length === 0) return
  const c = columnsOf(tx, rows)
  await tx`
    insert into rollups (unit_id, day, counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n)
    select * from unnest(
      ${c.unitIds}::int[], ${c.days}::date[], ${c.counterIds}::int[], ${c.surveyIds}::int[], ${c.fieldIds}::int[],
      ${c.keys}::text[], ${c.values}::int2[], ${c.verified}::bool[], ${c.excluded}::bool[], ${c.ns}::int[]
    )
    on conflict on constraint rollups_pkey do update set n = rollups.n + excluded.n
  `
}

export async function addToProcedureRollups(tx: Tx, rows: ProcedureRollupDelta[]) {
  if (rows.length === 0) return
  const c = columnsOf(tx, rows)
  await tx`
    insert into rollups_by_procedure
      (unit_id, day, counter_id, survey_id, field_id, procedure_code, question_key, value, is_verified, is_excluded, n)
    select * from unnest(
      ${c.unitIds}::int[], ${c.days}::date[], ${c.counterIds}::int[], ${c.surveyIds}::int[], ${c.fieldIds}::int[],
      ${tx.array(rows.map((r) => r.procedureCode), oid.text)}::text[],
      ${c.keys}::text[], ${c.values}::int2[], ${c.verified}::bool[], ${c.excluded}::bool[], ${c.ns}::int[]
    )
    on conflict on constraint rollups_by_procedure_pkey do update set n = rollups_by_procedure.n + excluded.n
  `
}

export async function addToHourRollups(tx: Tx, rows: HourRollupDelta[]) {
  if (rows.length === 0) return
  const c = columnsOf(tx, rows)
  await tx`
    insert into rollups_by_hour
      (unit_id, day, counter_id, survey_id, field_id, hour, question_key, value, is_verified, is_excluded, n)
    select * from unnest(
      ${c.unitIds}::int[], ${c.days}::date[], ${c.counterIds}::int[], ${c.surveyIds}::int[], ${c.fieldIds}::int[],
      ${tx.array(rows.map((r) => r.hour), oid.int2)}::int2[],
      ${c.keys}::text[], ${c.values}::int2[], ${c.verified}::bool[], ${c.excluded}::bool[], ${c.ns}::int[]
    )
    on conflict on constraint rollups_by_hour_pkey do update set n = rollups_by_hour.n + excluded.n
  `
}
