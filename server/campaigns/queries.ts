import type { Db, Tx } from '../db'

export type CampaignRow = {
  id: number
  unitId: number
  name: string
  surveyId: number
  surveyVersionId: number
  surveyTitle: string
  definition: unknown
  periodStart: string
  periodEnd: string
  enumeratorIds: number[]
  samples: { counterId: number; counterName: string; unitName: string; sampleSize: number; entered: number }[]
  demographics: { enabled: boolean; ethnicity: boolean }
}

export async function insertCampaign(
  tx: Tx,
  c: {
    unitId: number
    name: string
    surveyVersionId: number
    periodStart: string
    periodEnd: string
    samples: { counterId: number; sampleSize: number }[]
    enumeratorIds: number[]
    demographics: { enabled: boolean; ethnicity: boolean }
  },
) {
  const [row] = await tx<[{ id: number }]>`
    with campaign as (
      insert into campaigns (unit_id, name, survey_version_id, period_start, period_end, collects_demographics, collects_ethnicity)
      values (
        ${c.unitId}, ${c.name}, ${c.surveyVersionId}, ${c.periodStart}::date, ${c.periodEnd}::date,
        ${c.demographics.enabled}, ${c.demographics.ethnicity}
      )
      returning id
    ), samples as (
      insert into campaign_samples (campaign_id, counter_id, sample_size)
      select campaign.id, s.counter_id, s.sample_size
      from campaign, unnest(${c.samples.map((s) => s.counterId)}::int[], ${c.samples.map((s) => s.sampleSize)}::int[]) as s (counter_id, sample_size)
    ), enumerators as (
      insert into campaign_enumerators (campaign_id, user_id)
      select campaign.id, unnest(${c.enumeratorIds}::int[])
      from campaign
    )
    select id
    from campaign
  `
  return row.id
}

const campaignColumns = (db: Db) => db`
  c.id,
  c.unit_id,
  c.name,
  sv.survey_id,
  c.survey_version_id,
  s.title as survey_title,
  sv.definition,
  c.period_start::text as period_start,
  c.period_end::text as period_end,
  json_build_object('enabled', c.collects_demographics, 'ethnicity', c.collects_ethnicity) as demographics,
  coalesce((select array_agg(user_id order by user_id) from campaign_enumerators where campaign_id = c.id), '{}') as enumerator_ids,
  coalesce((
    select json_agg(json_build_object(
      'counterId', cs.counter_id,
      'counterName', co.name,
      'unitName', unit.name,
      'sampleSize', cs.sample_size,
      'entered', (select count(*)::int from campaign_forms f where f.campaign_id = c.id and f.response_id in (
        select r.id from responses r where r.counter_id = cs.counter_id
      ))
    ) order by unit.name, co.name, co.id)
    from campaign_samples cs
    join counters co on co.id = cs.counter_id
    join service_points sp on sp.id = co.service_point_id
    cross join lateral (
      select uv.name
      from unit_versions uv
      where uv.unit_id = sp.unit_id
      order by uv.valid_from desc
      limit 1
    ) unit
    where cs.campaign_id = c.id
  ), '[]') as samples
`

export async function findCampaign(db: Db, id: number) {
  const [row] = await db<[CampaignRow?]>`
    select ${campaignColumns(db)}
    from campaigns c
    join survey_versions sv on sv.id = c.survey_version_id
    join surveys s on s.id = sv.survey_id
    where c.id = ${id}
  `
  return row
}

/** Campaigns of the given units (null: all), and those the user types forms for. */
export async function findCampaigns(db: Db, unitIds: number[] | null, userId: number) {
  return db<CampaignRow[]>`
    select ${campaignColumns(db)}
    from campaigns c
    join survey_versions sv on sv.id = c.survey_version_id
    join surveys s on s.id = sv.survey_id
    where ${unitIds}::int[] is null
      or c.unit_id = any(${unitIds}::int[])
      or exists (select 1 from campaign_enumerators e where e.campaign_id = c.id and e.user_id = ${userId})
    order by c.period_start desc, c.id desc
  `
}

/** The unit of each given counter, for the scope check of a new campaign's samples. */
export async function findCounterUnits(db: Db, counterIds: number[]) {
  return db<{ counterId: number; unitId: number }[]>`
    select c.id as counter_id, sp.unit_id
    from counters c
    join service_points sp on sp.id = c.service_point_id
    where c.id = any(${counterIds}::int[])
  `
}

export async function surveyVersionExists(db: Db, id: number) {
  const [row] = await db<[{ isFound: boolean }]>`select exists (select 1 from survey_versions where id = ${id}) as is_found`
  return row.isFound
}

export async function insertCampaignForms(tx: Tx, campaignId: number, responseIds: string[]) {
  await tx`
    insert into campaign_forms (campaign_id, response_id)
    select ${campaignId}, unnest(${responseIds}::uuid[])
    on conflict do nothing
  `
}

export type DemographicsRow = {
  responseId: string
  gender: number | null
  ageBand: number | null
  education: number | null
  occupation: number | null
  ethnicity: number | null
}

/**
 * Keeps the bands of each given form (a form typed again keeps the bands it was first stored with) and answers
 * the stored bands of every given form, for the caller to tell a replay from a conflict.
 */
export async function insertFormDemographics(tx: Tx, campaignId: number, rows: DemographicsRow[]) {
  const column = <K extends keyof DemographicsRow>(key: K) => rows.map((r) => r[key])
  await tx`
    insert into campaign_form_demographics (response_id, campaign_id, gender, age_band, education, occupation, ethnicity)
    select d.response_id, ${campaignId}, d.gender, d.age_band, d.education, d.occupation, d.ethnicity
    from unnest(
      ${column('responseId')}::uuid[], ${column('gender')}::int2[], ${column('ageBand')}::int2[],
      ${column('education')}::int2[], ${column('occupation')}::int2[], ${column('ethnicity')}::int2[]
    ) as d (response_id, gender, age_band, education, occupation, ethnicity)
    on conflict (response_id) do nothing
  `
  return tx<DemographicsRow[]>`
    select response_id, gender, age_band, education, occupation, ethnicity
    from campaign_form_demographics
    where response_id = any(${column('responseId')}::uuid[])
  `
}

/** Counts of a campaign's forms per band of each dimension (null: not given), and its forms in all. */
export async function countDemographics(db: Db, campaignId: number) {
  const [forms] = await db<[{ n: number }]>`select count(*)::int as n from campaign_forms where campaign_id = ${campaignId}`
  const rows = await db<{ dimension: string; value: number | null; n: number }[]>`
    select x.dimension, x.value, count(*)::int as n
    from campaign_forms f
    left join campaign_form_demographics d on d.response_id = f.response_id
    cross join lateral (values
      ('gioi_tinh', d.gender), ('do_tuoi', d.age_band), ('hoc_van', d.education), ('nghe_nghiep', d.occupation),
      ('dan_toc', d.ethnicity)
    ) as x (dimension, value)
    where f.campaign_id = ${campaignId}
    group by 1, 2
  `
  return { forms: forms.n, rows }
}
