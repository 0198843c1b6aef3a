import type { SurveyMetric, SurveySummary } from '../../shared/admin-contract'
import type { Db, Tx } from '../db'

/** A survey as GET /api/v1/surveys answers it, but for its last change, still a Date here. */
export type SurveyRow = Omit<SurveySummary, 'updatedAt'> & { updatedAt: Date }

const versionsOf = (db: Db) => db`
  coalesce((
    select json_agg(json_build_object('id', v.id, 'version', v.version, 'publishedAt', v.published_at, 'publishedBy', v.published_by) order by v.version)
    from survey_versions v
    where v.survey_id = s.id
  ), '[]') as versions
`

export async function findSurveys(db: Db) {
  return db<SurveyRow[]>`
    select s.id, s.code, s.title, s.metric, s.draft is not null as has_draft, s.updated_at, ${versionsOf(db)}
    from surveys s
    order by s.code
  `
}

export async function findSurvey(db: Db, surveyId: number) {
  const [row] = await db<[(SurveyRow & { draft: unknown })?]>`
    select s.id, s.code, s.title, s.metric, s.draft is not null as has_draft, s.updated_at, s.draft, ${versionsOf(db)}
    from surveys s
    where s.id = ${surveyId}
  `
  return row
}

export async function findSurveyVersion(db: Db | Tx, surveyId: number, versionId: number) {
  const [row] = await db<
    [{ id: number; surveyId: number; version: number; definition: unknown; publishedAt: Date; publishedBy: number | null }?]
  >`
    select id, survey_id, version, definition, published_at, published_by
    from survey_versions
    where id = ${versionId}
    and survey_id = ${surveyId}
  `
  return row
}

/** A published version by id alone, with its survey. */
export async function findVersionById(db: Db, versionId: number) {
  const [row] = await db<[{ id: number; surveyId: number; version: number }?]>`
    select id, survey_id, version
    from survey_versions
    where id = ${versionId}
  `
  return row
}

export async function surveyCodeExists(db: Db, code: string) {
  const [row] = await db<[{ isFound: boolean }]>`
    select exists (select 1 from surveys where lower(code) = lower(${code})) as is_found
  `
  return row.isFound
}

export async function insertSurvey(tx: Tx, s: { code: string; title: string; metric: SurveyMetric }) {
  const [row] = await tx<[{ id: number }]>`
    insert into surveys (code, title, metric)
    values (${s.code}, ${s.title}, ${s.metric})
    returning id
  `
  return row.id
}

/** The survey row locked until the transaction ends, so two publications cannot take the same number. */
export async function lockSurvey(tx: Tx, surveyId: number) {
  const [row] = await tx<[{ id: number; draft: unknown }?]>`
    select id, draft
    from surveys
    where id = ${surveyId}
    for update
  `
  return row
}

/** Sets the draft, or clears it with null. */
export async function updateSurveyDraft(tx: Tx, surveyId: number, draft: unknown, at: Date) {
  await tx`
    update surveys
    set draft = ${draft === null ? null : tx.json(draft as never)}, updated_at = ${at}
    where id = ${surveyId}
  `
}

export async function findVersionDefinitions(tx: Tx, surveyId: number) {
  return tx<{ version: number; definition: unknown }[]>`
    select version, definition
    from survey_versions
    where survey_id = ${surveyId}
    order by version
  `
}

export async function insertSurveyVersion(tx: Tx, v: { surveyId: number; definition: unknown; publishedBy: number; at: Date }) {
  const [row] = await tx<[{ id: number; version: number; publishedAt: Date }]>`
    insert into survey_versions (survey_id, version, definition, published_at, published_by)
    select ${v.surveyId}, coalesce(max(version), 0) + 1, ${tx.json(v.definition as never)}, ${v.at}, ${v.publishedBy}
    from survey_versions
    where survey_id = ${v.surveyId}
    returning id, version, published_at
  `
  return row
}

export async function findCounterUnits(db: Db, counterIds: number[]) {
  return db<{ id: number; unitId: number }[]>`
    select c.id, sp.unit_id
    from counters c
    join service_points sp on sp.id = c.service_point_id
    where c.id = any(${counterIds}::int[])
  `
}

export async function findCountersOfUnits(db: Db, unitIds: number[]) {
  return db<{ id: number; unitId: number }[]>`
    select c.id, sp.unit_id
    from counters c
    join service_points sp on sp.id = c.service_point_id
    where sp.unit_id = any(${unitIds}::int[])
    order by c.id
  `
}

/** Points the counters at a survey version; answers each counter's version before. */
export async function upsertAssignments(tx: Tx, counterIds: number[], versionId: number, at: Date) {
  return tx<{ counterId: number; previousVersionId: number | null }[]>`
    with previous as (
      select counter_id, survey_version_id
      from survey_assignments
      where counter_id = any(${counterIds}::int[])
    ), assigned as (
      insert into survey_assignments (counter_id, survey_version_id, assigned_at)
      select unnest(${counterIds}::int[]), ${versionId}, ${at}
      on conflict (counter_id) do update
      set survey_version_id = excluded.survey_version_id, assigned_at = excluded.assigned_at
      returning counter_id
    )
    select a.counter_id, p.survey_version_id as previous_version_id
    from assigned a
    left join previous p on p.counter_id = a.counter_id
    order by a.counter_id
  `
}

export async function findLatestDefinition(db: Db, surveyId: number) {
  const [row] = await db<[{ definition: unknown }?]>`
    select definition
    from survey_versions
    where survey_id = ${surveyId}
    order by version desc
    limit 1
  `
  return row?.definition
}
