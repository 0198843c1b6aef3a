import { readdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../server/db'
import { migrate, migrationsDir } from '../../server/migrate'
import { createTestDatabase, type TestDatabase } from '../support/database'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase({ fromTemplate: false })
})
afterAll(() => db.drop())

describe('migrate', () => {
  it('applies every numbered file once, even when two processes migrate at the same moment', async () => {
    const files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort()
    const other = createDb(db.url, { max: 1 })
    const [a, b] = await Promise.all([migrate(db.sql), migrate(other)])
    await other.end()
    expect([...a!, ...b!].sort()).toEqual(files)
    const applied = await db.sql<{ name: string }[]>`select name from schema_migrations order by name`
    expect(applied.map((r) => r.name)).toEqual(files)
    expect(await migrate(db.sql)).toEqual([])
  })

  it('keeps a published survey version immutable', async () => {
    const [version] = await db.sql<[{ id: number }]>`
      with s as (insert into surveys (code, title) values ('IMM', 'x') returning id)
      insert into survey_versions (survey_id, version, definition) select id, 1, '{}' from s returning id
    `
    await expect(db.sql`update survey_versions set definition = '{"x":1}' where id = ${version.id}`).rejects.toThrow(/immutable/)
    await expect(db.sql`delete from survey_versions where id = ${version.id}`).rejects.toThrow(/immutable/)
  })

  it('rejects a procedure code outside the national format', async () => {
    const [field] = await db.sql<[{ id: number }]>`insert into fields (code, name) values ('f-proc', 'F') returning id`
    await expect(db.sql`insert into procedures (code, name, field_id) values ('1.00119', 'x', ${field.id})`).rejects.toThrow(/check/)
    await db.sql`insert into procedures (code, name, field_id) values ('1.008377.000.00.00.H13', 'x', ${field.id})`
    const [row] = await db.sql<[{ baseCode: string }]>`select base_code from procedures where code = '1.008377.000.00.00.H13'`
    expect(row.baseCode).toBe('1.008377')
  })
})
