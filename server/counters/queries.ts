import type { CounterDetail } from '../../shared/admin-contract'
import type { Db, Tx } from '../db'

/** A counter as the admin API answers it, less the URL made from its code. */
export type CounterRow = Omit<CounterDetail, 'surveyUrl'>

const counterColumns = (db: Db | Tx) => db`
  c.id,
  (select code from counter_codes where counter_id = c.id and revoked_at is null) as code,
  c.name,
  sp.unit_id,
  sp.id as service_point_id,
  sp.name as service_point_name,
  c.is_active,
  coalesce((select array_agg(field_id order by field_id) from counter_fields where counter_id = c.id), '{}') as field_ids,
  (select survey_version_id from survey_assignments where counter_id = c.id) as survey_version_id
`

/** Counters of the given units (null: all); inactive ones, or those of an inactive service point, only when asked. */
export async function findCounters(db: Db, { unitIds, includeInactive }: { unitIds: number[] | null; includeInactive: boolean }) {
  return db<CounterRow[]>`
    select ${counterColumns(db)}
    from counters c
    join service_points sp on sp.id = c.service_point_id
    where (${unitIds}::int[] is null or sp.unit_id = any(${unitIds}::int[]))
    and (${includeInactive} or (c.is_active and sp.is_active))
    order by sp.unit_id, sp.name, c.name, c.id
  `
}

export async function findCounter(db: Db | Tx, counterId: number) {
  const [row] = await db<[CounterRow?]>`
    select ${counterColumns(db)}
    from counters c
    join service_points sp on sp.id = c.service_point_id
    where c.id = ${counterId}
  `
  return row
}

export async function surveyVersionExists(db: Db, versionId: number) {
  const [row] = await db<[{ isFound: boolean }]>`
    select exists (select 1 from survey_versions where id = ${versionId}) as is_found
  `
  return row.isFound
}

/** A counter with its first live code, its fields and, when given, the survey version it serves. */
export async function insertCounter(
  tx: Tx,
  c: { servicePointId: number; name: string; code: string; fieldIds: number[]; surveyVersionId: number | null },
) {
  const [row] = await tx<[{ id: number }]>`
    with counter as (
      insert into counters (service_point_id, name)
      values (${c.servicePointId}, ${c.name})
      returning id
    ), coded as (
      insert into counter_codes (code, counter_id)
      select ${c.code}, id
      from counter
    ), served as (
      insert into counter_fields (counter_id, field_id)
      select counter.id, unnest(${c.fieldIds}::int[])
      from counter
    ), assigned as (
      insert into survey_assignments (counter_id, survey_version_id)
      select id, ${c.surveyVersionId}::int
      from counter
      where ${c.surveyVersionId}::int is not null
    )
    select id
    from counter
  `
  return row.id
}

export async function lockCounter(tx: Tx, counterId: number) {
  const [row] = await tx<[{ id: number }?]>`
    select id
    from counters
    where id = ${counterId}
    for update
  `
  return row
}

export async function updateCounter(tx: Tx, counterId: number, changes: { name?: string | undefined; isActive?: boolean | undefined }) {
  const columns = (['name', 'isActive'] as const).filter((key) => changes[key] !== undefined)
  await tx`
    update counters
    set ${tx(changes, columns)}
    where id = ${counterId}
  `
}

/** Makes the counter serve exactly `fieldIds`. */
export async function replaceCounterFields(tx: Tx, counterId: number, fieldIds: number[]) {
  await tx`
    with removed as (
      delete from counter_fields
      where counter_id = ${counterId}
      and field_id <> all(${fieldIds}::int[])
    )
    insert into counter_fields (counter_id, field_id)
    select ${counterId}, unnest(${fieldIds}::int[])
    on conflict do nothing
  `
}

/** Revokes the counter's live code; answers it (undefined when there was none). */
export async function revokeCounterCode(tx: Tx, counterId: number, at: Date) {
  const [row] = await tx<[{ code: string }?]>`
    update counter_codes
    set revoked_at = ${at}
    where counter_id = ${counterId}
    and revoked_at is null
    returning code
  `
  return row?.code
}

export async function insertCounterCode(tx: Tx, counterId: number, code: string, at: Date) {
  await tx`
    insert into counter_codes (code, counter_id, issued_at)
    values (${code}, ${counterId}, ${at})
  `
}
