import type { Db } from '../db'

/** The unit's name and its parent's on a date, for the report's heading. */
export async function findUnitHeading(db: Db, unitId: number, onDate: string) {
  const [row] = await db<[{ name: string; level: string; parentName: string | null }?]>`
    select v.name, v.level, p.name as parent_name
    from unit_versions v
    left join unit_versions p on p.unit_id = v.parent_id
      and p.valid_from <= ${onDate}::date
      and (p.valid_to is null or p.valid_to > ${onDate}::date)
    where v.unit_id = ${unitId}
      and v.valid_from <= ${onDate}::date
      and (v.valid_to is null or v.valid_to > ${onDate}::date)
  `
  return row
}
