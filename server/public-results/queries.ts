import type { Db } from '../db'

export type PublicUnitRow = { id: number; code: string; name: string }

/**
 * A unit by its code, else by its id written in digits, named as it was on `onDate` (its latest earlier name
 * when it did not exist that day).
 */
export async function findUnitByKey(db: Db, key: string, onDate: string) {
  const [row] = await db<[PublicUnitRow?]>`
    select u.id, u.code, v.name
    from units u
    join lateral (
      select name
      from unit_versions
      where unit_id = u.id
      order by valid_from <= ${onDate}::date desc, valid_from desc
      limit 1
    ) v on true
    where u.code = ${key} or u.id::text = ${key}
    order by u.code = ${key} desc
    limit 1
  `
  return row
}

/** The unit and every unit above it on `onDate`, nearest first. */
export async function findAncestry(db: Db, unitId: number, onDate: string) {
  const rows = await db<{ unitId: number }[]>`
    with recursive chain (unit_id, depth) as (
      select ${unitId}::int, 0
      union all
      select v.parent_id, c.depth + 1
      from chain c
      join unit_versions v on v.unit_id = c.unit_id
      where v.parent_id is not null
      and v.valid_from <= ${onDate}::date
      and (v.valid_to is null or v.valid_to > ${onDate}::date)
      and c.depth < 16
    )
    select unit_id
    from chain
    order by depth
  `
  return rows.map((row) => row.unitId)
}

/** Whether any unit had `unitId` as its parent on some day of [from, to]. */
export async function hasSubunits(db: Db, unitId: number, range: { from: string; to: string }) {
  const [row] = await db<[{ isFound: boolean }]>`
    select exists (
      select 1
      from unit_versions
      where parent_id = ${unitId}::int
      and valid_from <= ${range.to}::date
      and (valid_to is null or valid_to > ${range.from}::date)
    ) as is_found
  `
  return row.isFound
}
