import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NewResponseRow } from '../../server/responses/queries'
import { compactRollups } from '../../server/responses/rollup-queries'
import { createResponseWriter } from '../../server/responses/writer'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter } from '../support/factories'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db.drop())

const timeZone = 'Asia/Ho_Chi_Minh'

async function rowMaker() {
  const counter = await seedCounter(db.sql)
  return (overrides: Partial<NewResponseRow> = {}): NewResponseRow => ({
    submissionId: randomUUID(),
    contentHash: Buffer.from('same'),
    surveyId: counter.surveyId,
    surveyVersionId: counter.versionId,
    counterId: counter.counterId,
    unitId: counter.unitId,
    fieldId: null,
    procedureCode: null,
    channel: 'qr',
    isVerified: false,
    flagReasons: [],
    isExcluded: false,
    submittedAt: new Date('2025-08-12T03:00:00Z'),
    answers: { overall: 3 },
    comment: null,
    ...overrides,
  })
}

const countOf = async (counterId: number) => {
  await compactRollups(db.sql)
  const [row] = await db.sql<[{ rows: number; rolled: number }]>`
    select
      (select count(*)::int from responses where counter_id = ${counterId}) as rows,
      (select coalesce(sum(n), 0)::int from rollups where counter_id = ${counterId} and question_key = '*') as rolled
  `
  return row
}

describe('the response writer (group commit)', () => {
  it('stores the good ratings of a batch that holds a bad one, and fails only the bad one', async () => {
    const row = await rowMaker()
    const writer = createResponseWriter(db.sql, { timeZone, maxBatch: 50 })
    const good = Array.from({ length: 9 }, () => row())
    // A counter that does not exist: the batch's statement fails as a whole, then each rating goes alone.
    const bad = row({ counterId: 2_000_000_000 })
    const settled = await Promise.allSettled([...good.slice(0, 4), bad, ...good.slice(4)].map((r) => writer.store(r)))
    expect(settled.map((s) => s.status)).toEqual([...Array(4).fill('fulfilled'), 'rejected', ...Array(5).fill('fulfilled')])
    expect(await countOf(good[0]!.counterId)).toEqual({ rows: 9, rolled: 9 })
    await writer.drain()
  })

  it('answers a replay in a later batch with the stored id, and other content under the same id as a conflict', async () => {
    const row = await rowMaker()
    const writer = createResponseWriter(db.sql, { timeZone })
    const first = row()
    const created = await writer.store(first)
    expect(created.kind).toBe('created')
    const [replayed, conflict] = await Promise.all([
      writer.store({ ...first }),
      writer.store({ ...first, contentHash: Buffer.from('other'), answers: { overall: 1 } }),
    ])
    expect(replayed).toEqual({ kind: 'replayed', id: (created as { id: string }).id, isVerified: false })
    expect(conflict).toEqual({ kind: 'conflict' })
    expect(await countOf(first.counterId)).toEqual({ rows: 1, rolled: 1 })
    await writer.drain()
  })

  it('writes many concurrent ratings in far fewer statements than ratings', async () => {
    const row = await rowMaker()
    let statements = 0
    // The writer's pool, counting the statements it runs: a query runs when awaited, a fragment never is.
    const counted = new Proxy(db.sql, {
      apply(target, self, args) {
        const query = Reflect.apply(target, self, args) as Promise<unknown>
        const run = query.then.bind(query)
        // biome-ignore lint/suspicious/noThenProperty: postgres.js runs a query when it is awaited, which is what is counted
        query.then = ((...handlers: Parameters<typeof run>) => {
          statements += 1
          return run(...handlers)
        }) as typeof query.then
        return query
      },
    })
    const writer = createResponseWriter(counted, { timeZone })
    const outcomes = await Promise.all(Array.from({ length: 200 }, () => writer.store(row())))
    expect(outcomes.every((o) => o.kind === 'created')).toBe(true)
    expect(await countOf(row().counterId)).toEqual({ rows: 200, rolled: 200 })
    // The first rating goes alone; the rest wait for it and go in batches of at most 128.
    expect(statements).toBeGreaterThanOrEqual(3)
    expect(statements).toBeLessThanOrEqual(5)
    await writer.drain()
  })

  it('moves its appended counts into the rollups by itself, soon after a batch, and on drain', async () => {
    const row = await rowMaker()
    const counterId = row().counterId
    const pending = async () => {
      const [r] = await db.sql<[{ n: number }]>`select count(*)::int as n from rollup_deltas where counter_id = ${counterId}`
      return r.n
    }
    const rolled = async () => {
      const [r] = await db.sql<[{ n: number }]>`
        select coalesce(sum(n), 0)::int as n from rollups where counter_id = ${counterId} and question_key = '*'
      `
      return r.n
    }
    const soon = createResponseWriter(db.sql, { timeZone, compactEveryMs: 20 })
    await Promise.all(Array.from({ length: 10 }, () => soon.store(row({ contentHash: Buffer.from('soon') }))))
    // Nobody compacts here but the writer's own timer.
    await expect.poll(pending, { timeout: 10_000, interval: 50 }).toBe(0)
    expect(await rolled()).toBe(10)

    const later = createResponseWriter(db.sql, { timeZone, compactEveryMs: 3_600_000 })
    await Promise.all(Array.from({ length: 5 }, () => later.store(row({ contentHash: Buffer.from('later') }))))
    expect(await pending()).toBeGreaterThan(0)
    await later.drain()
    expect(await pending()).toBe(0)
    expect(await rolled()).toBe(15)
  })
})
