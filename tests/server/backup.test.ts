import { randomUUID } from 'node:crypto'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backupDatabase, restoreBackup } from '../../server/backup'
import { createDb } from '../../server/db'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter, seedUser } from '../support/factories'
import { rowCounts } from '../support/fuzz'
import { databaseUrlOf } from '../support/global-setup'
import { signIn } from '../support/sign-in'
import { compactRollups } from '../../server/responses/service'

let db: TestDatabase
let dir: string
const restoredName = `restored_${randomUUID().replaceAll('-', '').slice(0, 12)}`
const server = createDb(inject('databaseServerUrl'), { max: 1 })

beforeAll(async () => {
  db = await createTestDatabase()
  dir = await mkdtemp(join(tmpdir(), 'sipas-backups-'))
})
afterAll(async () => {
  await server.unsafe(`drop database if exists ${restoredName} with (force)`)
  await server.end()
  await db.drop()
  await rm(dir, { recursive: true, force: true })
})

describe('npm run backup', () => {
  it('dumps the database, keeps the newest N, and a restore into a fresh database gives the same stats', async () => {
    const clock = () => new Date('2025-10-01T03:00:00Z')
    const { app } = testApp(db.sql, { clock, env: { RATE_LIMIT: 'off' } })
    const counter = await seedCounter(db.sql)
    for (let i = 0; i < 40; i++) {
      const res = await app.request('/api/v1/responses', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          counterCode: counter.code,
          submissionId: randomUUID(),
          answers: { overall: 1 + (i % 3), thai_do: i % 4 },
          comment: `Góp ý số ${i}`,
        }),
      })
      expect(res.status).toBe(201)
    }
    const admin = await seedUser(db.sql)
    // The running writer compacts its appended counts a moment later; settle them now, so that the dump and
    // the live database are compared in the same state whatever the timing.
    await compactRollups(db.sql)

    const at = (second: number) => new Date(Date.UTC(2025, 9, 1, 1, 0, second))
    for (const second of [1, 2, 3]) await backupDatabase({ url: db.url, dir, keep: 2, now: at(second) })
    expect((await readdir(dir)).sort()).toEqual(['sipas-20251001-010002.dump', 'sipas-20251001-010003.dump'])
    const latest = join(dir, 'sipas-20251001-010003.dump')
    expect((await stat(latest)).size).toBeGreaterThan(1000)

    await server.unsafe(`create database ${restoredName}`)
    const restoredUrl = databaseUrlOf(inject('databaseServerUrl'), restoredName)
    await restoreBackup(latest, restoredUrl)
    const restored = createDb(restoredUrl, { max: 2 })
    try {
      expect(await rowCounts(restored)).toEqual(await rowCounts(db.sql))
      const statsOf = async (target: ReturnType<typeof testApp>['app']) => {
        const cookie = await signIn(target, admin)
        const res = await target.request(`/api/v1/stats?surveyId=${counter.surveyId}&from=2025-10-01&to=2025-10-31`, {
          headers: { cookie },
        })
        expect(res.status).toBe(200)
        return res.json()
      }
      const before = await statsOf(app)
      expect(before.overall.responses + before.overall.excluded).toBe(40)
      expect(await statsOf(testApp(restored, { clock }).app)).toEqual(before)
    } finally {
      await restored.end()
    }
  }, 60_000)

  it('fails clearly and leaves no partial file when the database cannot be reached', async () => {
    const url = databaseUrlOf(inject('databaseServerUrl'), 'no_such_database')
    await expect(backupDatabase({ url, dir, keep: 2 })).rejects.toThrow(/pg_dump failed/)
    expect((await readdir(dir)).filter((name) => name.endsWith('.partial'))).toEqual([])
  })
})
