import type { Db } from '../db'

export type PosterCounterRow = { counterId: number; code: string; counterName: string; servicePointName: string; unitName: string }

/** Live counters (active, at an active service point, with a live code) of the given units, named as on `onDate`. */
export async function findPosterCounters(db: Db, unitIds: number[], onDate: string) {
  return db<PosterCounterRow[]>`
    select c.id as counter_id, cc.code, c.name as counter_name, sp.name as service_point_name, uv.name as unit_name
    from counters c
    join service_points sp on sp.id = c.service_point_id
    join counter_codes cc on cc.counter_id = c.id and cc.revoked_at is null
    join unit_versions uv on uv.unit_id = sp.unit_id
      and uv.valid_from <= ${onDate}::date
      and (uv.valid_to is null or uv.valid_to > ${onDate}::date)
    where sp.unit_id = any(${unitIds}::int[])
    and c.is_active
    and sp.is_active
    order by uv.name, sp.name, c.name, c.id
  `
}

export async function findUnitName(db: Db, unitId: number, onDate: string) {
  const [row] = await db<[{ name: string }?]>`
    select name
    from unit_versions
    where unit_id = ${unitId}
    and valid_from <= ${onDate}::date
    and (valid_to is null or valid_to > ${onDate}::date)
  `
  return row?.name
}
