import type { StatsFreshness } from '../shared/stats-contract'
import type { Db } from './db'

/**
 * Where an analytics answer was read and how complete it is. `asOf` is the moment up to which every committed
 * write is included: the request's own time when read from the primary or from a replica that has caught up,
 * else the commit time of the last transaction the replica has replayed.
 */
export type Freshness = StatsFreshness

/** How long a read waits for the replica to replay what the primary had committed when the read began. */
export const replicaWaitMs = 1000
const pollMs = 25

/**
 * The pool analytics read from, chosen after the caller's writes on the primary (a compaction) committed:
 * the replica (DATABASE_READ_URL) once it has replayed the primary's WAL up to now, waiting up to
 * `waitMs`. A replica further behind is still read, the lag said in the answer rather than moved onto the
 * primary: a paused or slow replica must not bring the analysts' load back to the server that takes ratings.
 */
export async function readerAfterWrites(primary: Db, replica: Db, waitMs = replicaWaitMs): Promise<{ sql: Db; freshness: Freshness }> {
  const [at] = await primary<[{ lsn: string; now: Date }]>`select pg_current_wal_lsn()::text as lsn, now() as now`
  if (replica === primary) return { sql: primary, freshness: { source: 'primary', isBehind: false, asOf: at.now.toISOString() } }
  const deadline = performance.now() + waitMs
  for (;;) {
    // A replica promoted to primary has no replay position: it holds everything it will ever hold.
    const [state] = await replica<[{ isCaughtUp: boolean | null; replayedAt: Date | null }]>`
      select pg_last_wal_replay_lsn() >= ${at.lsn}::pg_lsn as is_caught_up, pg_last_xact_replay_timestamp() as replayed_at
    `
    if (state.isCaughtUp !== false) return { sql: replica, freshness: { source: 'replica', isBehind: false, asOf: at.now.toISOString() } }
    if (performance.now() >= deadline) {
      const asOf = (state.replayedAt ?? new Date(0)).toISOString()
      return { sql: replica, freshness: { source: 'replica', isBehind: true, asOf } }
    }
    await new Promise((done) => setTimeout(done, pollMs))
  }
}

declare module './deps' {
  interface Deps {
    /** Stats, exports and reports read here: the replica of DATABASE_READ_URL, else the primary (`sql`). */
    readSql: Db
  }
}
