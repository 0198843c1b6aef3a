import type { Db, Tx } from '../db'
import { findReceipts, insertResponses, type NewResponseRow, type StoredReceipt } from './queries'
import { localTimeOf } from '../../shared/local-time'
import { compactRollups } from './rollup-queries'
import { uuidV7 } from './response-id'

export type StoreOutcome =
  | { kind: 'created' | 'replayed'; id: string; isVerified: boolean }
  | { kind: 'conflict' }
  /** The row's invitation was already spent (or expired) when the statement ran: nothing stored. */
  | { kind: 'spent' }

/** A row to store; a verified one names the invitation it spends. */
export type RowToStore = NewResponseRow & { invitationId?: number | undefined }

type Waiting = { row: RowToStore; resolve: (outcome: StoreOutcome) => void; reject: (error: unknown) => void }

declare module '../deps' {
  interface Deps {
    writer: ResponseWriter
  }
}

export type ResponseWriter = {
  store: (row: RowToStore) => Promise<StoreOutcome>
  /** Resolves once nothing is queued or being written, and what was written is compacted into the rollups. */
  drain: () => Promise<void>
}

/**
 * The burst rule's two scales (a window and an hour, at one counter); given, the day rule against the
 * dossier counts applies too. Without it (the demo load, some tests) no rule of the statement applies.
 */
export type BatchOptions = { timeZone: string; burst?: { limit: number; windowMs: number; hourLimit?: number | undefined } }
type Options = BatchOptions & {
  maxBatch?: number
  maxInFlight?: number
  /** How long appended counts may wait before the writer compacts them into the rollups (readers compact first). */
  compactEveryMs?: number
  onCompactError?: (error: unknown) => void
}

/**
 * Group commit: submissions that arrive while a transaction is being written wait and go together in the
 * next one, so one commit (durable, synchronous_commit on) serves many ratings. Under light load every
 * rating gets its own transaction at once; nothing waits on a timer. Each promise resolves after commit.
 */
export function createResponseWriter(
  db: Db,
  { maxBatch = 128, maxInFlight = 1, compactEveryMs = 1000, onCompactError = () => {}, ...batchOptions }: Options,
): ResponseWriter {
  const queue: Waiting[] = []
  const idle: (() => void)[] = []
  let inFlight = 0

  // Batches append their counts to rollup_deltas; one compaction at a time moves them into the rollups, at
  // most compactEveryMs after a batch wrote them. A failed compaction (a deadlock with an exclusion, the
  // database gone) leaves the deltas in place for the next one.
  let compacting: Promise<void> | undefined
  let timer: NodeJS.Timeout | undefined
  const compact = (): Promise<void> => {
    clearTimeout(timer)
    timer = undefined
    compacting ??= compactRollups(db)
      .then(() => {}, onCompactError)
      .finally(() => {
        compacting = undefined
      })
    return compacting
  }
  const compactSoon = () => {
    if (timer) return
    timer = setTimeout(compact, compactEveryMs)
    timer.unref()
  }

  const pump = () => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, maxBatch)
      inFlight += 1
      writeBatch(batch).finally(() => {
        inFlight -= 1
        pump()
        if (inFlight === 0 && queue.length === 0) for (const done of idle.splice(0)) done()
      })
    }
  }

  const writeBatch = async (batch: Waiting[]) => {
    try {
      const outcomes = await storeBatch(
        db,
        batch.map((w) => w.row),
        batchOptions,
      )
      compactSoon()
      for (const [i, w] of batch.entries()) w.resolve(outcomes[i]!)
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error)
      // One bad row must not fail its neighbours: write each alone.
      await Promise.all(batch.map((w) => writeBatch([w])))
    }
  }

  return {
    store: (row) =>
      new Promise<StoreOutcome>((resolve, reject) => {
        queue.push({ row, resolve, reject })
        pump()
      }),
    drain: async () => {
      if (inFlight > 0 || queue.length > 0) await new Promise<void>((done) => idle.push(done))
      await compacting
      await compact()
    },
  }
}

/**
 * Stores a batch and says, for each row in order, what became of it. Given the pool, the batch is one
 * statement and so its own transaction (committed, durably, before this resolves); given a transaction, it
 * joins it (an invitation spent with its rating, the demo load).
 */
export async function storeBatch(sql: Db | Tx, rows: RowToStore[], { timeZone, burst }: BatchOptions) {
  const firstById = new Map<string, RowToStore>()
  for (const row of rows) if (!firstById.has(row.submissionId)) firstById.set(row.submissionId, row)
  const receipts = new Map<string, StoredReceipt>()
  // Sorted, so concurrent batches meet on the unique index in the same order. A replay's row is refused by
  // the unique index and its receipt read afterwards: one round trip fewer for the common case.
  const candidates = [...firstById.values()]
    .sort((a, b) => (a.submissionId < b.submissionId ? -1 : 1))
    .map((r) => ({ ...r, id: uuidV7(r.submittedAt.getTime()) }))
  const earliest = Math.min(...candidates.map((r) => r.submittedAt.getTime()))
  // Windows reach back from the batch's earliest rating: a batch spans milliseconds, so this only errs
  // towards counting a rating or two more.
  const rule = burst && {
    limit: burst.limit,
    since: new Date(earliest - burst.windowMs),
    hourLimit: burst.hourLimit ?? 2_147_483_646,
    hourSince: new Date(earliest - 3_600_000),
  }
  const local = burst && localTimeOf(new Date(earliest), timeZone)
  // Local midnight: the minute's start less the local hours and minutes (a zone without a jump that day).
  const dayRule = local
    ? { day: local.date, dayStart: new Date(Math.floor(earliest / 60_000) * 60_000 - (local.hour * 60 + local.minute) * 60_000) }
    : undefined
  const inserted = candidates.length > 0 ? await insertResponses(sql, candidates, timeZone, rule, dayRule) : []
  for (const r of inserted) {
    const row = firstById.get(r.submissionId)!
    receipts.set(r.submissionId, { id: r.id, submissionId: r.submissionId, contentHash: row.contentHash, isVerified: row.isVerified })
  }
  const earlier = candidates.filter((r) => !receipts.has(r.submissionId)).map((r) => r.submissionId)
  if (earlier.length > 0) for (const r of await findReceipts(sql, earlier)) receipts.set(r.submissionId, r)
  const insertedIds = new Set(inserted.map((r) => r.submissionId))

  const seenInBatch = new Set<string>()
  return rows.map((row): StoreOutcome => {
    const receipt = receipts.get(row.submissionId)
    if (!receipt) return { kind: 'spent' }
    const isFirstCreation = insertedIds.has(row.submissionId) && !seenInBatch.has(row.submissionId)
    seenInBatch.add(row.submissionId)
    if (!receipt.contentHash.equals(row.contentHash)) return { kind: 'conflict' }
    return { kind: isFirstCreation ? 'created' : 'replayed', id: receipt.id, isVerified: receipt.isVerified }
  })
}
