import type { Tx } from '../db'
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

export type InsertedRow = { id: string; submissionId: string; flagReasons: string[]; isExcluded: boolean }

/** Ratings at one counter beyond `limit` since `since` are flagged as a burst (DOMAIN.md §8). */
export type BurstRule = { limit: number; since: Date }

/**
 * Inserts the rows whose submission id is new, flagging those that push their counter past the burst rule,
 * and returns what was inserted with its final flags. Burst positions count the counter's stored ratings in
 * the window (only up to limit + 1: a busy counter costs no scan of everything it received) and then the
 * batch's rows in order, replays included.
 *
 * One statement and one round trip per batch. The batch travels as one jsonb parameter, so the statement
 * text is the same whatever the batch size and PostgreSQL plans it once per connection (bench: submit path).
 */
export async function insertResponses(tx: Tx, rows: (NewResponseRow & { id: string })[], burst?: BurstRule) {
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
  const limit = burst?.limit ?? 2_147_483_646
  return tx<InsertedRow[]>`
    with input as (
      select r.*, row_number() over (partition by r.counter_id order by r.position) as nth
      from jsonb_to_recordset(${JSON.stringify(batch)}::text::jsonb) as r (
        position int, id uuid, submission_id uuid, content_hash text, survey_id int, survey_version_id int,
        counter_id int, unit_id int, field_id int, procedure_code text, channel text, is_verified boolean,
        flag_reasons text[], is_excluded boolean, submitted_at timestamptz, answers jsonb, comment text
      )
    ), recent as (
      select c.counter_id, (
        select count(*)::int
        from (
          select 1 from responses x
          where x.counter_id = c.counter_id and x.submitted_at > ${burst?.since ?? new Date()}
          limit ${burst ? burst.limit + 1 : 0}
        ) stored
      ) as n
      from (select distinct counter_id from input) c
    ), marked as (
      select input.*, recent.n + input.nth > ${limit} as is_burst
      from input join recent using (counter_id)
    )
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
    returning id, submission_id, flag_reasons, is_excluded
  `
}

export async function findReceipts(tx: Tx, submissionIds: string[]) {
  return tx<StoredReceipt[]>`
    select id, submission_id, content_hash, is_verified
    from responses
    where submission_id = any(${submissionIds}::uuid[])
  `
}
