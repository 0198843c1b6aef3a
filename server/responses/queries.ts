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
  channel: 'qr' | 'invitation' | 'kiosk' | 'paper'
  isVerified: boolean
  flagReasons: string[]
  isExcluded: boolean
  submittedAt: Date
  answers: Answers
  comment: string | null
}

export type StoredReceipt = { id: string; submissionId: string; contentHash: Buffer; isVerified: boolean }

/** Ratings at one counter beyond `limit` since `since` are flagged as a burst (docs/domain.md §8). */
export type BurstRule = { limit: number; since: Date }

// Without a rule: nothing stored counts (no rating is newer than this) and no position passes the limit.
const neverBurst: BurstRule = { limit: 2_147_483_646, since: new Date('9999-12-31T00:00:00Z') }

/**
 * Stores a batch in one statement: inserts the rows whose submission id is new, flags those that push their
 * counter past the burst rule, and appends their counts to `rollup_deltas` (see `compactRollups`). Returns the id and
 * submission id of each inserted row. Run alone it is its own transaction: one round trip per batch, where
 * begin, insert, rollups and commit took four, each waiting its turn on a busy event loop (bench: submit).
 *
 * - Burst positions count the counter's stored ratings in the window (only up to limit + 1: a busy counter
 *   costs no scan of everything it received), then the batch's rows in order, replays included.
 * - Rollups (migration 0005): the local day, month and hour in `timeZone`; question key '*' counts the
 *   rating; a number answer counts its value, a multiple choice each option; field 0 and procedure '' mean
 *   none; a procedure counts under its national code (its first 8 characters, docs/domain.md §6). The same
 *   mapping as `rollupDeltasOf`, which the flags service uses to move a rating between kept and excluded:
 *   tests/server/rollups-sql.test.ts holds the two equal.
 * - Counts are appended, not added in place: no batch waits on another's rollup rows.
 * - The batch travels as one jsonb parameter: the statement text is the same whatever the batch size.
 */
export async function insertResponses(sql: Db | Tx, rows: (NewResponseRow & { id: string })[], timeZone: string, burst = neverBurst) {
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
  }))
  return sql<{ id: string; submissionId: string }[]>`
    with input as (
      select r.*, row_number() over (partition by r.counter_id order by r.position) as nth
      from jsonb_to_recordset(${JSON.stringify(batch)}::text::jsonb) as r (
        position int, id uuid, submission_id uuid, content_hash text, survey_id int, survey_version_id int,
        counter_id int, unit_id int, field_id int, procedure_code text, channel text, is_verified boolean,
        flag_reasons text[], is_excluded boolean, submitted_at timestamptz, answers jsonb, comment text
      )
    ), recent as materialized (
      select c.counter_id, (
        select count(*)::int
        from (
          select 1 from responses x
          where x.counter_id = c.counter_id and x.submitted_at > ${burst.since}
          limit ${burst.limit + 1}
        ) stored
      ) as n
      from (select distinct counter_id from input) c
    ), marked as (
      select input.*, recent.n + input.nth > ${burst.limit} as is_burst
      from input join recent using (counter_id)
    ), inserted as (
      insert into responses (
        id, submission_id, content_hash, survey_id, survey_version_id, counter_id, unit_id, field_id, procedure_code,
        channel, is_verified, flag_reasons, is_excluded, submitted_at, answers, comment
      )
      select
        id, submission_id, decode(content_hash, 'hex'), survey_id, survey_version_id, counter_id, unit_id, field_id,
        procedure_code, channel, is_verified,
        case when is_burst then flag_reasons || '{burst}'::text[] else flag_reasons end,
        is_excluded or is_burst, submitted_at, answers, comment
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
      cross join lateral (
        select '*'::text as question_key, 0::int2 as value
        union all
        select e.key, (e.value #>> '{}')::int2
        from jsonb_each(i.answers) e
        where jsonb_typeof(e.value) = 'number'
        union all
        select e.key, (o #>> '{}')::int2
        from jsonb_each(i.answers) e
        cross join jsonb_array_elements(case when jsonb_typeof(e.value) = 'array' then e.value else '[]' end) o
      ) v
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
