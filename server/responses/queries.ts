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

/** Inserts the rows whose submission id is new; returns those inserted. */
export async function insertResponses(tx: Tx, rows: NewResponseRow[]) {
  const values = rows.map((r) => ({ ...r, answers: tx.json(r.answers) }))
  return tx<StoredReceipt[]>`
    insert into responses ${tx(values)}
    on conflict (submission_id) do nothing
    returning id, submission_id, content_hash, is_verified
  `
}

export async function findReceipts(tx: Tx, submissionIds: string[]) {
  return tx<StoredReceipt[]>`
    select id, submission_id, content_hash, is_verified
    from responses
    where submission_id = any(${submissionIds}::uuid[])
  `
}

/**
 * Ratings per counter since a moment, counted only up to `cap`: burst detection needs to know whether the
 * limit is passed, and a busy counter must not cost a scan of everything it received in the window.
 */
export async function countRecentByCounter(tx: Tx, counterIds: number[], since: Date, cap: number) {
  const rows = await tx<{ counterId: number; n: number }[]>`
    select c.counter_id, (
      select count(*)::int
      from (
        select 1
        from responses r
        where r.counter_id = c.counter_id
          and r.submitted_at > ${since}
        limit ${cap}
      ) recent
    ) as n
    from unnest(${counterIds}::int[]) as c (counter_id)
  `
  return new Map(rows.map((r) => [r.counterId, r.n]))
}
