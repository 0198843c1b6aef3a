import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Db } from './db'

export const migrationsDir = join(import.meta.dirname, 'migrations')

// Any constant works; it only has to be the same in every process that migrates this database.
const migrationLockKey = 7_260_517

/** Applies the numbered .sql files not yet applied, in order, each in its own transaction. */
export async function migrate(db: Db, dir = migrationsDir): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => /^\d{4}-[a-z0-9-]+\.sql$/.test(name)).sort()
  const reserved = await db.reserve()
  try {
    await reserved`select pg_advisory_lock(${migrationLockKey})`
    await reserved`
      create table if not exists schema_migrations (
        name text primary key,
        applied_at timestamptz not null default now()
      )
    `
    const done = new Set((await reserved<{ name: string }[]>`select name from schema_migrations`).map((r) => r.name))
    const applied: string[] = []
    for (const name of files) {
      if (done.has(name)) continue
      const text = await readFile(join(dir, name), 'utf8')
      await reserved`begin`
      try {
        await reserved.unsafe(text)
        await reserved`insert into schema_migrations (name) values (${name})`
        await reserved`commit`
      } catch (error) {
        await reserved`rollback`
        throw new Error(`migration ${name} failed: ${(error as Error).message}`, { cause: error })
      }
      applied.push(name)
    }
    return applied
  } finally {
    await reserved`select pg_advisory_unlock(${migrationLockKey})`.catch(() => {})
    reserved.release()
  }
}
