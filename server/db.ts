import postgres from 'postgres'

export type Db = postgres.Sql
export type Tx = postgres.TransactionSql

export type DbOptions = { max?: number }

/**
 * A postgres.js pool whose column names come back camelCased. Only column names: `postgres.camel` would
 * also rename keys inside json values, turning question keys such as `thai_do` into `thaiDo`.
 */
export function createDb(url: string, options: DbOptions = {}): Db {
  return postgres(url, {
    max: options.max ?? 10,
    transform: { column: { from: postgres.toCamel, to: postgres.fromCamel } },
    onnotice: () => {},
    connection: { application_name: 'sipas' },
  })
}
