import postgres from 'postgres'

export type Db = postgres.Sql
export type Tx = postgres.TransactionSql

export type DbOptions = {
  max?: number
  /**
   * Plan each prepared statement once and reuse the plan. For the rating writer's pool: its statements are
   * the same on every batch, and re-planning them for each batch's parameters was a tenth of PostgreSQL's
   * time per rating (bench: submit path). Not for analytics, whose parameters (periods, units) change plans.
   */
  genericPlans?: boolean
  /** Server-side limits on each statement and on a transaction left idle; none when not given. */
  timeouts?: { statementMs: number; idleInTransactionMs: number }
  /** Shown in pg_stat_activity; `sipas` unless given (each server process names itself, see main.ts). */
  applicationName?: string
}

/**
 * For the pools that serve requests: no query of a request runs longer than this, and a transaction a
 * request left open (a crashed handler, a stalled client) is ended by PostgreSQL. Exports raise their own
 * statement limit (EXPORT_MAX_SECONDS).
 */
export const requestPoolTimeouts = { statementMs: 30_000, idleInTransactionMs: 60_000 }

/**
 * A postgres.js pool whose column names come back camelCased. Only column names: `postgres.camel` would
 * also rename keys inside json values, turning question keys such as `thai_do` into `thaiDo`.
 */
export function createDb(url: string, options: DbOptions = {}): Db {
  return postgres(url, {
    max: options.max ?? 10,
    transform: { column: { from: postgres.toCamel, to: postgres.fromCamel } },
    onnotice: () => {},
    // JIT off: a stock PostgreSQL compiles any statement whose estimated cost passes jit_above_cost (100,000),
    // and the writer's batch statement and the stats queries pass it on their estimates alone. Compiling took
    // about 2 s per statement where the statement itself runs in milliseconds: 2 s per rating on a stock
    // server. The embedded server is built without LLVM, which is why only operators' servers were slow.
    connection: {
      application_name: options.applicationName ?? 'sipas',
      jit: 'off',
      ...(options.genericPlans ? { plan_cache_mode: 'force_generic_plan' } : {}),
      ...(options.timeouts
        ? { statement_timeout: options.timeouts.statementMs, idle_in_transaction_session_timeout: options.timeouts.idleInTransactionMs }
        : {}),
    },
  })
}

/**
 * Where an analytics answer was read and how complete it is. `asOf` is the moment up to which every committed
 * write is included: the request's own time (the app's clock) when read from the primary or from a replica that
 * has caught up, else the commit time of the last transaction the replica has replayed.
 */
export type Freshness = { source: 'primary' | 'replica'; isBehind: boolean; asOf: string }

/** How long a read waits for the replica to replay what the primary had committed when the read began. */
export const replicaWaitMs = 1000
const pollMs = 25

/**
 * The pool analytics read from, chosen after the caller's writes on the primary (a compaction) committed:
 * the replica (DATABASE_READ_URL) once it has replayed the primary's WAL up to now, waiting up to
 * `waitMs`. A replica further behind is still read, the lag said in the answer rather than moved onto the
 * primary: a paused or slow replica must not bring the analysts' load back to the server that takes ratings.
 */
export async function readerAfterWrites(
  primary: Db,
  replica: Db,
  now: Date,
  waitMs = replicaWaitMs,
): Promise<{ sql: Db; freshness: Freshness }> {
  const complete = (sql: Db, source: Freshness['source']) => ({ sql, freshness: { source, isBehind: false, asOf: now.toISOString() } })
  if (replica === primary) return complete(primary, 'primary')
  const [at] = await primary<[{ lsn: string }]>`select pg_current_wal_lsn()::text as lsn`
  const deadline = performance.now() + waitMs
  for (;;) {
    // A replica promoted to primary has no replay position: it holds everything it will ever hold.
    const [state] = await replica<[{ isCaughtUp: boolean | null; replayedAt: Date | null }]>`
      select pg_last_wal_replay_lsn() >= ${at.lsn}::pg_lsn as is_caught_up, pg_last_xact_replay_timestamp() as replayed_at
    `
    if (state.isCaughtUp !== false) return complete(replica, 'replica')
    if (performance.now() >= deadline) {
      const asOf = (state.replayedAt ?? new Date(0)).toISOString()
      return { sql: replica, freshness: { source: 'replica', isBehind: true, asOf } }
    }
    await new Promise((done) => setTimeout(done, pollMs))
  }
}
