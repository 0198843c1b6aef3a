import type { ServicePointChange, ServicePointKind } from '../../shared/admin-contract'
import type { Db, Tx } from '../db'

export type ServicePointRow = {
  id: number
  unitId: number
  name: string
  kind: ServicePointKind
  address: string | null
  isActive: boolean
  counters: {
    id: number
    code: string
    name: string
    isActive: boolean
    fieldIds: number[]
    surveyVersionId: number | null
  }[]
}

/** Service points of the given units (null: all), each with its counters and their live codes. */
export async function findServicePoints(db: Db, unitIds: number[] | null) {
  return db<ServicePointRow[]>`
    select
      sp.id,
      sp.unit_id,
      sp.name,
      sp.kind,
      sp.address,
      sp.is_active,
      coalesce((
        select json_agg(json_build_object(
          'id', c.id,
          'code', (select code from counter_codes where counter_id = c.id and revoked_at is null),
          'name', c.name,
          'isActive', c.is_active,
          'fieldIds', coalesce((select json_agg(field_id order by field_id) from counter_fields where counter_id = c.id), '[]'),
          'surveyVersionId', (select survey_version_id from survey_assignments where counter_id = c.id)
        ) order by c.name, c.id)
        from counters c
        where c.service_point_id = sp.id
      ), '[]') as counters
    from service_points sp
    where (${unitIds}::int[] is null or sp.unit_id = any(${unitIds}::int[]))
    order by sp.unit_id, sp.name, sp.id
  `
}

export async function findServicePoint(db: Db | Tx, id: number) {
  const [row] = await db<[{ id: number; unitId: number; name: string; isActive: boolean }?]>`
    select id, unit_id, name, is_active
    from service_points
    where id = ${id}
  `
  return row
}

export async function insertServicePoint(tx: Tx, p: { unitId: number; name: string; kind: string; address: string | null }) {
  const [row] = await tx<[{ id: number }]>`
    insert into service_points (unit_id, name, kind, address)
    values (${p.unitId}, ${p.name}, ${p.kind}, ${p.address})
    returning id
  `
  return row.id
}

export async function updateServicePoint(tx: Tx, id: number, changes: ServicePointChange) {
  const columns = (['name', 'address', 'isActive'] as const).filter((key) => changes[key] !== undefined)
  await tx`
    update service_points
    set ${tx(changes, columns)}
    where id = ${id}
  `
}
