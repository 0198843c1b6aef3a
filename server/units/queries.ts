import type { UnitHistory, UnitLevel, UnitOnDate, UnitVersion } from '../../shared/admin-contract'
import type { Db, Tx } from '../db'

/** The root and every unit under it on `onDate` (YYYY-MM-DD), following the parent links valid that day. */
export async function findSubtreeUnitIds(db: Db | Tx, rootUnitId: number, onDate: string) {
  const rows = await db<{ unitId: number }[]>`
    with recursive subtree (unit_id) as (
      select ${rootUnitId}::int
      union
      select v.unit_id
      from unit_versions v
      join subtree s on v.parent_id = s.unit_id
      where v.valid_from <= ${onDate}::date
      and (v.valid_to is null or v.valid_to > ${onDate}::date)
    )
    select unit_id
    from subtree
  `
  return rows.map((row) => row.unitId)
}

/** The tree as it stands on `onDate`: one row per unit with a version valid that day. */
export async function findUnitsOn(db: Db, onDate: string, unitIds: number[] | null) {
  return db<UnitOnDate[]>`
    select
      u.id,
      u.code,
      v.id as version_id,
      v.name,
      v.level,
      v.parent_id,
      v.valid_from::text as valid_from,
      v.valid_to::text as valid_to,
      coalesce((
        select array_agg(s.predecessor_id order by s.predecessor_id)
        from unit_successions s
        where s.successor_id = u.id
      ), '{}') as predecessor_ids
    from units u
    join unit_versions v on v.unit_id = u.id
    where v.valid_from <= ${onDate}::date
    and (v.valid_to is null or v.valid_to > ${onDate}::date)
    and (${unitIds}::int[] is null or u.id = any(${unitIds}::int[]))
    order by array_position(array['tinh', 'huyen', 'xa', 'co_quan'], v.level), v.name, u.id
  `
}

export async function findUnitHistory(db: Db, unitId: number) {
  const [row] = await db<[UnitHistory?]>`
    select
      u.id,
      u.code,
      (
        select json_agg(json_build_object(
          'id', v.id, 'name', v.name, 'level', v.level, 'parentId', v.parent_id,
          'validFrom', v.valid_from, 'validTo', v.valid_to
        ) order by v.valid_from)
        from unit_versions v
        where v.unit_id = u.id
      ) as versions,
      coalesce((select array_agg(predecessor_id order by predecessor_id) from unit_successions where successor_id = u.id), '{}') as predecessor_ids,
      coalesce((select array_agg(successor_id order by successor_id) from unit_successions where predecessor_id = u.id), '{}') as successor_ids
    from units u
    where u.id = ${unitId}
  `
  return row
}

export async function findUnitIdByCode(db: Db | Tx, code: string) {
  const [row] = await db<[{ id: number }?]>`
    select id
    from units
    where lower(code) = lower(${code})
  `
  return row?.id
}

export async function insertUnit(tx: Tx, u: { code: string; name: string; level: UnitLevel; parentId: number | null; validFrom: string }) {
  const [row] = await tx<[{ id: number }]>`
    with unit as (
      insert into units (code)
      values (${u.code})
      returning id
    ), version as (
      insert into unit_versions (unit_id, name, level, parent_id, valid_from)
      select id, ${u.name}, ${u.level}, ${u.parentId}, ${u.validFrom}::date
      from unit
    )
    select id
    from unit
  `
  return row.id
}

/** The unit's versions, latest last, locked until the transaction ends so two edits cannot interleave. */
export async function lockUnitVersions(tx: Tx, unitId: number) {
  return tx<UnitVersion[]>`
    select id, name, level, parent_id, valid_from::text as valid_from, valid_to::text as valid_to
    from unit_versions
    where unit_id = ${unitId}
    order by valid_from
    for update
  `
}

/** Whether the unit exists on `onDate` (has a version valid that day). */
export async function isUnitLiveOn(db: Db | Tx, unitId: number, onDate: string) {
  const [row] = await db<[{ isLive: boolean }]>`
    select exists (
      select 1
      from unit_versions
      where unit_id = ${unitId}
      and valid_from <= ${onDate}::date
      and (valid_to is null or valid_to > ${onDate}::date)
    ) as is_live
  `
  return row.isLive
}

export async function updateUnitVersionEnd(tx: Tx, versionId: number, validTo: string) {
  await tx`
    update unit_versions
    set valid_to = ${validTo}::date
    where id = ${versionId}
  `
}

export async function insertUnitVersion(
  tx: Tx,
  v: { unitId: number; name: string; level: UnitLevel; parentId: number | null; validFrom: string },
) {
  const [row] = await tx<[{ id: number }]>`
    insert into unit_versions (unit_id, name, level, parent_id, valid_from)
    values (${v.unitId}, ${v.name}, ${v.level}, ${v.parentId}, ${v.validFrom}::date)
    returning id
  `
  return row.id
}

/** Units still attached to `unitId` on or after `onDate`: a unit cannot close while it has any. */
export async function findChildrenFrom(db: Db | Tx, unitId: number, onDate: string) {
  return db<{ unitId: number; name: string }[]>`
    select distinct v.unit_id, v.name
    from unit_versions v
    where v.parent_id = ${unitId}
    and (v.valid_to is null or v.valid_to > ${onDate}::date)
    order by v.name
  `
}

export async function insertSuccession(tx: Tx, s: { predecessorId: number; successorId: number; effectiveOn: string }) {
  await tx`
    insert into unit_successions (predecessor_id, successor_id, effective_on)
    values (${s.predecessorId}, ${s.successorId}, ${s.effectiveOn}::date)
  `
}

export async function unitExists(db: Db | Tx, unitId: number) {
  const [row] = await db<[{ isFound: boolean }]>`
    select exists (select 1 from units where id = ${unitId}) as is_found
  `
  return row.isFound
}
