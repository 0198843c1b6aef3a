import type { Db } from '../db'

export type ServedSurvey = {
  counterId: number
  counterName: string
  counterCode: string
  servicePointName: string
  unitId: number
  unitCode: string
  unitName: string
  surveyId: number
  surveyVersionId: number
  definition: unknown
  fields: { id: number; code: string; name: string }[]
}

/** The live code's counter with its unit (as named on `onDate`), fields and assigned survey version. */
export async function findServedSurveyByCode(db: Db, code: string, onDate: string) {
  const [row] = await db<[ServedSurvey?]>`
    select
      c.id as counter_id,
      c.name as counter_name,
      cc.code as counter_code,
      sp.name as service_point_name,
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
      ), '[]') as fields
    from counter_codes cc
    join counters c on c.id = cc.counter_id and c.is_active
    join service_points sp on sp.id = c.service_point_id and sp.is_active
    join units u on u.id = sp.unit_id
    join unit_versions uv on uv.unit_id = u.id
      and uv.valid_from <= ${onDate}
      and (uv.valid_to is null or uv.valid_to > ${onDate})
    join survey_assignments sa on sa.counter_id = c.id
    join survey_versions sv on sv.id = sa.survey_version_id
    where cc.code = ${code}
      and cc.revoked_at is null
  `
  return row
}

export async function insertCounterCode(db: Db, counterId: number, code: string) {
  await db`insert into counter_codes (code, counter_id) values (${code}, ${counterId})`
}
