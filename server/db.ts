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
