import type { Tx } from '../db'

// Every statement here is idempotent: it inserts by natural key and returns the row's id either way.

export async function upsertUnit(tx: Tx, u: { code: string; name: string; level: string; parentId: number | null; validFrom: string }) {
  const [unit] = await tx<[{ id: number }]>`
    with inserted as (
      insert into units (code) values (${u.code})
      on conflict (code) do nothing
      returning id
    ), version as (
      insert into unit_versions (unit_id, name, level, parent_id, valid_from)
      select id, ${u.name}, ${u.level}, ${u.parentId}, ${u.validFrom} from inserted
    )
    select id from inserted
    union all
    select id from units where code = ${u.code}
  `
  return unit.id
}

export async function upsertField(tx: Tx, code: string, name: string) {
  const [field] = await tx<[{ id: number }]>`
    insert into fields (code, name) values (${code}, ${name})
    on conflict (code) do update set code = excluded.code
    returning id
  `
  return field.id
}

export async function upsertProcedure(tx: Tx, code: string, name: string, fieldId: number) {
  await tx`
    insert into procedures (code, name, field_id) values (${code}, ${name}, ${fieldId})
    on conflict (code) do nothing
  `
}

export async function upsertServicePoint(tx: Tx, unitId: number, name: string, kind: string) {
  const [point] = await tx<[{ id: number }]>`
    insert into service_points (unit_id, name, kind) values (${unitId}, ${name}, ${kind})
    on conflict (unit_id, name) do update set name = excluded.name
    returning id
  `
  return point.id
}

export async function upsertCounter(tx: Tx, servicePointId: number, name: string, fieldIds: number[]) {
  const [counter] = await tx<[{ id: number }]>`
    with counter as (
      insert into counters (service_point_id, name) values (${servicePointId}, ${name})
      on conflict (service_point_id, name) do update set name = excluded.name
      returning id
    ), served as (
      insert into counter_fields (counter_id, field_id)
      select counter.id, unnest(${fieldIds}::int[]) from counter
      on conflict do nothing
    )
    select id from counter
  `
  return counter.id
}

export async function insertCodeIfNone(tx: Tx, counterId: number, code: string) {
  await tx`
    insert into counter_codes (code, counter_id)
    select ${code}, ${counterId}
    where not exists (select 1 from counter_codes where counter_id = ${counterId} and revoked_at is null)
  `
}

export async function upsertPublishedSurvey(tx: Tx, s: { code: string; title: string; metric: string; definition: unknown }) {
  const [version] = await tx<[{ surveyId: number; versionId: number }]>`
    with survey as (
      insert into surveys (code, title, metric) values (${s.code}, ${s.title}, ${s.metric})
      on conflict (code) do update set code = excluded.code
      returning id
    ), inserted as (
      insert into survey_versions (survey_id, version, definition)
      select id, 1, ${tx.json(s.definition as never)} from survey
      on conflict (survey_id, version) do nothing
      returning id, survey_id
    )
    select survey_id, id as version_id from inserted
    union all
    select sv.survey_id, sv.id from survey_versions sv join survey on survey.id = sv.survey_id where sv.version = 1
  `
  return version
}

export async function assignSurvey(tx: Tx, counterId: number, surveyVersionId: number) {
  await tx`
    insert into survey_assignments (counter_id, survey_version_id) values (${counterId}, ${surveyVersionId})
    on conflict (counter_id) do nothing
  `
}

export async function upsertPlan(tx: Tx, p: { number: string; title: string; issuer: string; issuedOn: string; unitId: number }) {
  const [plan] = await tx<[{ id: number; isNew: boolean }]>`
    insert into plans (number, title, issuer, issued_on, unit_id)
    values (${p.number}, ${p.title}, ${p.issuer}, ${p.issuedOn}, ${p.unitId})
    on conflict (number, issuer) do update set number = excluded.number
    returning id, (xmax = 0) as is_new
  `
  return plan
}

export async function insertTarget(
  tx: Tx,
  t: { planId: number; unitId: number; metric: string; periodStart: string; periodEnd: string; value: number; fieldIds: number[] },
) {
  await tx`
    with target as (
      insert into targets (plan_id, unit_id, metric, period_start, period_end, value)
      values (${t.planId}, ${t.unitId}, ${t.metric}, ${t.periodStart}, ${t.periodEnd}, ${t.value})
      returning id
    )
    insert into target_fields (target_id, field_id)
    select target.id, unnest(${t.fieldIds}::int[]) from target
  `
}

export async function countDemoRows(tx: Tx) {
  const [counts] = await tx<[Record<string, number>]>`
    select
      (select count(*)::int from units) as units,
      (select count(*)::int from counters) as counters,
      (select count(*)::int from procedures) as procedures,
      (select count(*)::int from targets) as targets,
      (select count(*)::int from responses) as responses,
      (select coalesce(sum(n), 0)::int from rollups where question_key = '*') as rolled_up_responses
  `
  return counts
}
