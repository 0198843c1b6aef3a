import type { Db, Tx } from '../db'
import { countedAnswers } from '../responses/queries'

export type OfficialRow = { id: number; counterId: number; displayName: string; userId: number | null; unitId: number }

const officialColumns = (db: Db | Tx) => db`o.id, o.counter_id, o.display_name, o.user_id, sp.unit_id`

/** The officials serving a counter now (removed ones are kept for the ratings that name them). */
export async function findOfficials(db: Db, counterId: number) {
  return db<OfficialRow[]>`
    select ${officialColumns(db)}
    from counter_officials o
    join counters c on c.id = o.counter_id
    join service_points sp on sp.id = c.service_point_id
    where o.counter_id = ${counterId} and o.removed_at is null
    order by o.display_name, o.id
  `
}

export async function findOfficial(db: Db | Tx, id: number) {
  const [row] = await db<[(OfficialRow & { isRemoved: boolean })?]>`
    select ${officialColumns(db)}, o.removed_at is not null as is_removed
    from counter_officials o
    join counters c on c.id = o.counter_id
    join service_points sp on sp.id = c.service_point_id
    where o.id = ${id}
  `
  return row
}

export async function insertOfficial(tx: Tx, o: { counterId: number; displayName: string; userId: number | null }) {
  const [row] = await tx<[{ id: number }]>`
    insert into counter_officials (counter_id, display_name, user_id)
    values (${o.counterId}, ${o.displayName}, ${o.userId})
    returning id
  `
  return row.id
}

export async function markOfficialRemoved(tx: Tx, id: number, at: Date) {
  await tx`update counter_officials set removed_at = ${at} where id = ${id} and removed_at is null`
}

export type OfficialCountRow = {
  officialId: number
  displayName: string
  counterId: number
  counterName: string
  unitId: number
  surveyId: number
  questionKey: string
  value: number
  n: number
}

/**
 * Answer counts of the kept ratings naming an official, per official, questionnaire, question and value, over
 * local days `from`..`to`: question key '*' counts the ratings, a number answer its value, a multiple choice
 * each option (the rollups' mapping). Only officials of `unitIds` (null: all) whose unit is not `ownUnitId`
 * and whose account is not `readerId`: a unit's own officials and the reader themself are never listed.
 * Read from the ratings themselves (the rollups carry no official), through the partial index of those
 * naming one.
 */
export async function countOfficialAnswers(
  db: Db,
  f: { from: string; to: string; timeZone: string; unitIds: number[] | null; ownUnitId: number | null; readerId: number },
) {
  return db<OfficialCountRow[]>`
    select
      o.id as official_id, o.display_name, c.id as counter_id, c.name as counter_name, sp.unit_id, r.survey_id,
      v.question_key, v.value, count(*)::int as n
    from responses r
    join counter_officials o on o.id = r.official_id
    join counters c on c.id = o.counter_id
    join service_points sp on sp.id = c.service_point_id
    cross join lateral (${countedAnswers(db, db`r.answers`)}) v
    where r.official_id is not null
      and not r.is_excluded
      and r.submitted_at >= (${f.from}::date::timestamp at time zone ${f.timeZone})
      and r.submitted_at < ((${f.to}::date + 1)::timestamp at time zone ${f.timeZone})
      and (${f.unitIds}::int[] is null or sp.unit_id = any(${f.unitIds}::int[]))
      and (${f.ownUnitId}::int is null or sp.unit_id <> ${f.ownUnitId}::int)
      and o.user_id is distinct from ${f.readerId}
    group by o.id, o.display_name, c.id, c.name, sp.unit_id, r.survey_id, v.question_key, v.value
    order by o.display_name, o.id, r.survey_id
  `
}
