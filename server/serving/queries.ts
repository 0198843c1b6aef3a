import type { Db } from '../db'
import type { ServicePointKind } from '../../shared/admin-contract'
import type { OpeningHours } from '../../shared/opening-hours'

export type ServedSurveyRow = {
  counterId: number
  counterName: string
  servicePointName: string
  servicePointKind: ServicePointKind
  openingHours: OpeningHours
  unitId: number
  unitCode: string
  unitName: string
  surveyId: number
  surveyVersionId: number
  definition: unknown
  fields: { id: number; code: string; name: string }[]
  procedures: { code: string; name: string; fieldCode: string }[]
  /** The officials serving the counter, as citizens see them; a rating may name one (never required). */
  officials: { id: number; displayName: string }[]
}

/**
 * A live counter with its unit (as named on `onDate`), fields, their procedures and its assigned survey
 * version, found by its live QR code or by its id (for invitations).
 */
export async function findServedSurvey(db: Db, by: { code: string } | { counterId: number }, onDate: string) {
  const [row] = await db<[ServedSurveyRow?]>`
    select
      c.id as counter_id,
      c.name as counter_name,
      sp.name as service_point_name,
      sp.kind as service_point_kind,
      sp.opening_hours,
      u.id as unit_id,
      u.code as unit_code,
      uv.name as unit_name,
      sv.survey_id,
      sv.id as survey_version_id,
      sv.definition,
      coalesce((
        select json_agg(json_build_object('id', f.id, 'code', f.code, 'name', f.name) order by f.name)
        from counter_fields cf
        join fields f on f.id = cf.field_id
        where cf.counter_id = c.id
      ), '[]') as fields,
      coalesce((
        select json_agg(json_build_object('code', p.code, 'name', p.name, 'fieldCode', f.code) order by p.name)
        from counter_fields cf
        join fields f on f.id = cf.field_id
        join procedures p on p.field_id = cf.field_id
        where cf.counter_id = c.id
      ), '[]') as procedures,
      coalesce((
        select json_agg(json_build_object('id', o.id, 'displayName', o.display_name) order by o.display_name, o.id)
        from counter_officials o
        where o.counter_id = c.id and o.removed_at is null
      ), '[]') as officials
    from counters c
    join service_points sp on sp.id = c.service_point_id and sp.is_active
    join units u on u.id = sp.unit_id
    join unit_versions uv on uv.unit_id = u.id
      and uv.valid_from <= ${onDate}
      and (uv.valid_to is null or uv.valid_to > ${onDate})
    join survey_assignments sa on sa.counter_id = c.id
    join survey_versions sv on sv.id = sa.survey_version_id
    where c.is_active
      and ${
        'code' in by
          ? db`c.id = (select counter_id from counter_codes where code = ${by.code} and revoked_at is null)`
          : db`c.id = ${by.counterId}`
      }
  `
  return row
}
