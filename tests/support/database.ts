import { randomBytes } from 'node:crypto'
import { inject } from 'vitest'
import { createDb, type Db } from '../../server/db'
import { databaseUrlOf } from './global-setup'

export type TestDatabase = { sql: Db; url: string; drop: () => Promise<void> }

/** A fresh database cloned from the migrated template: each test file owns one. */
export async function createTestDatabase({ fromTemplate = true } = {}): Promise<TestDatabase> {
  const serverUrl = inject('databaseServerUrl')
  const name = `test_${randomBytes(6).toString('hex')}`
  const server = createDb(serverUrl, { max: 1 })
  await server.unsafe(`create database ${name}${fromTemplate ? ` template ${inject('templateDatabase')}` : ''}`)
  const url = databaseUrlOf(serverUrl, name)
  const sql = createDb(url, { max: 10 })
  return {
    sql,
    url,
    drop: async () => {
      await sql.end({ timeout: 5 })
      await server.unsafe(`drop database if exists ${name} with (force)`)
      await server.end()
    },
  }
}
