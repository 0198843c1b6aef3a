import type postgres from 'postgres'
import type { Db, Tx } from '../db'
import type { Answers } from '../../shared/answers'

export type NewResponseRow = {
  submissionId: string
  contentHash: Buffer
  surveyId: number
  surveyVersionId: number
  counterId: number
  unitId: number
  fieldId: number | null
  procedureCode: string | null
  channel: 'qr' | 'invitation' | 'online' | 'kiosk' | 'paper'
  isVerified: boolean
  flagReasons: string[]
  isExcluded: boolean
  submittedAt: Date
  answers: Answers
  comment: string | null
  /** The official the citizen chose as the one who served them; validated against the counter's list. */
  officialId?: number | null | undefined
}

/**
 * The rows (question_key, value) one rating counts in the rollups, given its answers column: '*' with 0 counts
 * the rating, a number answer its value, a multiple choice each option. Free text counts nothing.
 */
export const countedAnswers = (sql: Db | Tx, answers: postgres.Fragment) => sql`
  select '*'::text as question_key, 0::int2 as value
  union all
  select e.key, (e.value #>> '{}')::int2
  from jsonb_each(${answers}) e
  where jsonb_typeof(e.value) = 'number'
  union all
  select e.key, (o #>> '{}')::int2
  from jsonb_each(${answers}) e
  cross join jsonb_array_elements(case when jsonb_typeof(e.value) = 'array' then e.value else '[]' end) o
`

/**
 * How many of a counter's ratings since `since` are not set apart, counted up to `upTo` only: a busy counter costs
 * no scan of everything it received. Read over responses_kept_counter_time_idx (migration 0024), so a flood already
 * set apart is not walked again by every batch.
 */
export const keptSince = (sql: Db | Tx, counterId: postgres.Fragment, since: Date, upTo: number) => sql`
  select count(*)::int from (
    select 1 from responses x
    where x.counter_id = ${counterId} and x.submitted_at > ${since} and not x.is_excluded
    limit ${upTo}
  ) stored
`

export type StoredReceipt = { id: string; submissionId: string; contentHash: Buffer; isVerified: boolean }

/**
 * Ratings at one counter beyond `limit` within a window are flagged as a burst, at two scales: a short one
 * (a staff member's quick run of top ratings) and an hour (a steady script). Only ratings not already set
 * apart count, so a rival's flagged flood does not get the honest ratings after it flagged too.
 */
export type BurstRule = { limit: number; since: Date; hourLimit: number; hourSince: Date }

/**
 * The counter's local day, against the dossiers the one-stop system says it handled that day (when it
 * says so): verified ratings beyond the dossiers returned, or ratings beyond the dossiers received and
 * returned, are flagged `busy_day`.
 */
export type DayRule = { day: string; dayStart: Date }

// Without a rule: nothing stored counts (no rating is newer than this) and no position passes the limit.
const never = new Date('9999-12-31T00:00:00Z')
const neverBurst: BurstRule = { limit: 2_147_483_646, since: never, hourLimit: 2_147_483_646, hourSince: never }
const noDay: DayRule = { day: '9999-12-31', dayStart: never }

/**
 * Stores a batch in one statement: inserts the rows whose submission id is new, flags those that push their
 * counter past the burst or day rules, and appends their counts to `rollup_deltas` (see `compactRollups`).
 * Returns the id and submission id of each inserted row. Run alone it is its own transaction: one round trip
 * per batch, where begin, insert, rollups and commit took four, each waiting its turn on a busy event loop.
 *
 * - Burst positions count the counter's stored ratings not set apart in each window (`keptSince`, up to limit + 1),
 *   then the batch's rows not set apart, in order.
 * - A row given `invitationId` spends that invitation in the same statement (only `is_used` is kept: no
 *   time, no link to the rating); a row whose invitation was spent meanwhile is not inserted.
 * - Rollups (migration 0005): the local day, month and hour in `timeZone`; question key '*' counts the
 *   rating; a number answer counts its value, a multiple choice each option; field 0 and procedure '' mean
 *   none; a procedure counts under its national code (its first 8 characters, docs/domain.md §6). The same
 *   mapping as `rollupDeltasOf`, which the flags service uses to move a rating between kept and excluded:
 *   tests/server/rollups-sql.test.ts holds the two equal.
 * - Counts are appended, not added in place: no batch waits on another's rollup rows.
 * - The batch travels as one jsonb parameter: the statement text is the same whatever the batch size.
 */
export async function insertResponses(
  sql: Db | Tx,
  rows: (NewResponseRow & { id: string; invitationId?: number | undefined })[],
  timeZone: string,
  burst = neverBurst,
  dayRule = noDay,
) {
  const batch = rows.map((r, position) => ({
    position,
    id: r.id,
    submission_id: r.submissionId,
    content_hash: r.contentHash.toString('hex'),
    survey_id: r.surveyId,
    survey_version_id: r.surveyVersionId,
    counter_id: r.counterId,
    unit_id: r.unitId,
    field_id: r.fieldId,
    procedure_code: r.procedureCode,
    channel: r.channel,
    is_verified: r.isVerified,
    flag_reasons: r.flagReasons,
    is_excluded: r.isExcluded,
    submitted_at: r.submittedAt,
    answers: r.answers,
    comment: r.comment,
    invitation_id: r.invitationId ?? null,
    official_id: r.officialId ?? null,
  }))
  return sql<{ id: string; submissionId: string }[]>`
    with input as (
      select r.*,
        count(*) filter (where not r.is_excluded) over (partition by r.counter_id order by r.position) as nth,
        count(*) filter (where not r.is_excluded and r.is_verified) over (partition by r.counter_id order by r.position) as nth_verified
      from jsonb_to_recordset(${JSON.stringify(batch)}::text::jsonb) as r (
        position int, id uuid, submission_id uuid, content_hash text, survey_id int, survey_version_id int,
        counter_id int, unit_id int, field_id int, procedure_code text, channel text, is_verified boolean,
        flag_reasons text[], is_excluded boolean, submitted_at timestamptz, answers jsonb, comment text, invitation_id int,
        official_id int
      )
    ), spent as (
      update invitations v set is_used = true
      from input i
      where v.id = i.invitation_id and not v.is_used and v.expires_at > i.submitted_at
        and not exists (select 1 from responses x where x.submission_id = i.submission_id)
      -- One row per invitation even when the batch holds several ratings of it: that row's rating is the one.
      returning v.id, i.submission_id
    ), recent as materialized (
      select c.counter_id, d.received, d.returned,
        (${keptSince(sql, sql`c.counter_id`, burst.since, burst.limit + 1)}) as n,
        (${keptSince(sql, sql`c.counter_id`, burst.hourSince, burst.hourLimit + 1)}) as hour_n,
        case when d.returned is null then 0 else (
          select count(*)::int from responses x
          where x.counter_id = c.counter_id and x.submitted_at >= ${dayRule.dayStart} and not x.is_excluded
        ) end as day_n,
        case when d.returned is null then 0 else (
          select count(*)::int from responses x
          where x.counter_id = c.counter_id and x.submitted_at >= ${dayRule.dayStart} and not x.is_excluded and x.is_verified
        ) end as day_verified_n
      from (select distinct counter_id from input) c
      cross join lateral (
        select sum(dc.received)::int as received, sum(dc.returned)::int as returned
        from dossier_counts dc
        where dc.counter_id = c.counter_id and dc.day = ${dayRule.day}::date
      ) d
    ), judged as (
      select input.*,
        not input.is_excluded and (recent.n + input.nth > ${burst.limit} or recent.hour_n + input.nth > ${burst.hourLimit}) as is_burst,
        not input.is_excluded and recent.returned is not null and (
          case when input.is_verified then recent.day_verified_n + input.nth_verified > recent.returned
          else recent.day_n + input.nth > recent.received + recent.returned end
        ) as is_busy_day
      from input join recent using (counter_id)
      where input.invitation_id is null or (input.invitation_id, input.submission_id) in (select id, submission_id from spent)
    ), marked as (
      select judged.*,
        flag_reasons
          || case when is_burst then '{burst}'::text[] else '{}' end
          || case when is_busy_day then '{busy_day}'::text[] else '{}' end as reasons
      from judged
    ), inserted as (
      insert into responses (
        id, submission_id, content_hash, survey_id, survey_version_id, counter_id, unit_id, field_id, procedure_code,
        channel, is_verified, flag_reasons, is_excluded, submitted_at, answers, comment, official_id
      )
      select
        id, submission_id, decode(content_hash, 'hex'), survey_id, survey_version_id, counter_id, unit_id, field_id,
        procedure_code, channel, is_verified, reasons, is_excluded or is_burst or is_busy_day, submitted_at, answers, comment,
        official_id
      from marked
      order by position
      on conflict (submission_id) do nothing
      returning id, submission_id, unit_id, counter_id, survey_id, field_id, procedure_code, is_verified, is_excluded,
        submitted_at, answers
    ), counted as (
      select
        i.unit_id, i.submitted_at at time zone ${timeZone} as local_time, i.counter_id, i.survey_id,
        coalesce(i.field_id, 0) as field_id, coalesce(left(i.procedure_code, 8), '') as procedure_code,
        v.question_key, v.value, i.is_verified, i.is_excluded
      from inserted i
      cross join lateral (${countedAnswers(sql, sql`i.answers`)}) v
    ), deltas as (
      insert into rollup_deltas
        (unit_id, day, hour, counter_id, survey_id, field_id, procedure_code, question_key, value, is_verified, is_excluded, n)
      select unit_id, local_time::date, extract(hour from local_time)::int2, counter_id, survey_id, field_id, procedure_code,
        question_key, value, is_verified, is_excluded, count(*)
      from counted
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    )
    select id, submission_id from inserted
  `
}

export async function findReceipts(tx: Db | Tx, submissionIds: string[]) {
  return tx<StoredReceipt[]>`
    select id, submission_id, content_hash, is_verified
    from responses
    where submission_id = any(${submissionIds}::uuid[])
  `
}

/** Keeps a follow-up code's hash for a rating with a comment; a replay finds it kept already. */
export async function insertFollowUpCode(db: Db, codeHash: Buffer, responseId: string) {
  await db`
    insert into follow_up_codes (code_hash, response_id) values (${codeHash}, ${responseId})
    on conflict do nothing
  `
}

/** The rating a follow-up code was given for, if any. */
export async function findResponseIdByFollowUp(db: Db, codeHash: Buffer) {
  const [row] = await db<{ responseId: string }[]>`select response_id from follow_up_codes where code_hash = ${codeHash}`
  return row?.responseId
}
