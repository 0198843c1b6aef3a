import type { Db } from '../db'

/** The root and every unit under it on `onDate` (YYYY-MM-DD), following the parent links valid that day. */
export async function findSubtreeUnitIds(db: Db, rootUnitId: number, onDate: string) {
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
