import fc from 'fast-check'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NewResponseRow } from '../../server/responses/queries'
import { rollupDeltasOf } from '../../server/responses/rollup-deltas'
import { compactRollups } from '../../server/responses/rollup-queries'
import { storeBatch } from '../../server/responses/writer'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter } from '../support/factories'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db.drop())

const timeZone = 'Asia/Ho_Chi_Minh'

type Key = string
const tally = (entries: [Key, number][]) => {
  const map = new Map<Key, number>()
  for (const [key, n] of entries) map.set(key, (map.get(key) ?? 0) + n)
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1)))
}

/** The rollup tables of one counter, each as "key → n"; the unit tiers of the counter's unit (its only counter). */
async function storedRollups(counterId: number, unitId: number) {
  const common = `unit_id || '|' || counter_id || '|' || survey_id || '|' || field_id`
  const tail = `question_key || '|' || value || '|' || is_verified || '|' || is_excluded`
  const read = async (table: string, middle: string) =>
    tally(
      (
        await db.sql.unsafe<{ key: string; n: number }[]>(
          `select ${common} || '|' || ${middle} || '|' || ${tail} as key, n from ${table} where counter_id = $1`,
          [counterId],
        )
      ).map((r) => [r.key, r.n]),
    )
  const readUnitTier = async (table: string, time: string) =>
    tally(
      (
        await db.sql.unsafe<{ key: string; n: number }[]>(
          `select unit_id || '|' || survey_id || '|' || to_char(${time}, 'YYYY-MM-DD') || '|' || ${tail} as key, n
           from ${table} where unit_id = $1`,
          [unitId],
        )
      ).map((r) => [r.key, r.n]),
    )
  return {
    main: await read('rollups', `to_char(day, 'YYYY-MM-DD')`),
    byMonth: await read('rollups_by_month', `to_char(month, 'YYYY-MM-DD')`),
    byYear: await read('rollups_by_year', `to_char(year, 'YYYY-MM-DD')`),
    byUnitMonth: await readUnitTier('rollups_by_unit_month', 'month'),
    byUnitYear: await readUnitTier('rollups_by_unit_year', 'year'),
    byProcedure: await read('rollups_by_procedure', `to_char(day, 'YYYY-MM-DD') || '|' || procedure_code`),
    byHour: await read('rollups_by_hour', `to_char(day, 'YYYY-MM-DD') || '|' || hour`),
  }
}

/** What `rollupDeltasOf`, the flags service's mapping, says the same rows add. */
function expectedRollups(rows: NewResponseRow[]) {
  const deltas = rollupDeltasOf(rows, timeZone)
  type D = (typeof deltas.main)[number]
  const key = (d: D, middle: string) =>
    `${d.unitId}|${d.counterId}|${d.surveyId}|${d.fieldId}|${middle}|${d.questionKey}|${d.value}|${d.isVerified}|${d.isExcluded}`
  // The unit tiers: the month and year deltas summed over counter and field.
  const unitKey = (d: D) => `${d.unitId}|${d.surveyId}|${d.day}|${d.questionKey}|${d.value}|${d.isVerified}|${d.isExcluded}`
  return {
    main: tally(deltas.main.map((d) => [key(d, d.day), d.n])),
    byMonth: tally(deltas.byMonth.map((d) => [key(d, d.day), d.n])),
    byYear: tally(deltas.byYear.map((d) => [key(d, d.day), d.n])),
    byUnitMonth: tally(deltas.byMonth.map((d) => [unitKey(d), d.n])),
    byUnitYear: tally(deltas.byYear.map((d) => [unitKey(d), d.n])),
    byProcedure: tally(deltas.byProcedure.map((d) => [key(d, `${d.day}|${d.procedureCode}`), d.n])),
    byHour: tally(deltas.byHour.map((d) => [key(d, `${d.day}|${d.hour}`), d.n])),
  }
}

const procedureCodes = [null, '1.001234', '1.001234.H26', '2.000123.000.00.00.H26', '2.000123']
// Around local midnight, the hour and the end of a month, in Vietnam time (UTC+7).
const instants = fc.integer({ min: Date.parse('2025-07-31T16:30:00Z'), max: Date.parse('2025-08-01T01:30:00Z') })

describe('rollups written in SQL with each batch', () => {
  it('equal what rollupDeltasOf (the flags service) computes for the same rows, however batches and compactions interleave', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            at: instants,
            procedure: fc.constantFrom(...procedureCodes),
            fieldIndex: fc.constantFrom(-1, 0, 1),
            isVerified: fc.boolean(),
            isExcluded: fc.boolean(),
            overall: fc.integer({ min: 0, max: 5 }),
            reasons: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
            note: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 3 }),
        async (ratings, batchSize, compactEvery) => {
          const counter = await seedCounter(db.sql, { fieldCodes: ['dat-dai', 'xay-dung'] })
          const rows: NewResponseRow[] = ratings.map((r) => ({
            submissionId: randomUUID(),
            contentHash: Buffer.from('x'),
            surveyId: counter.surveyId,
            surveyVersionId: counter.versionId,
            counterId: counter.counterId,
            unitId: counter.unitId,
            fieldId: r.fieldIndex < 0 ? null : counter.fields[r.fieldIndex]!.id,
            procedureCode: r.procedure,
            channel: r.isVerified ? 'invitation' : 'qr',
            isVerified: r.isVerified,
            flagReasons: r.isExcluded ? ['too_fast'] : [],
            isExcluded: r.isExcluded,
            submittedAt: new Date(r.at),
            // A number, a multiple choice, and a text answer, which no rollup counts.
            answers: { overall: r.overall, reasons: r.reasons, ...(r.note === undefined ? {} : { note: r.note }) },
            comment: null,
          }))
          // Batches append counts; compactions (the writer's, a reader's) move them into the rollups in between.
          for (let i = 0, batch = 1; i < rows.length; i += batchSize, batch++) {
            await storeBatch(db.sql, rows.slice(i, i + batchSize), { timeZone })
            if (batch % compactEvery === 0) await compactRollups(db.sql)
          }
          await compactRollups(db.sql)
          expect(await storedRollups(counter.counterId, counter.unitId)).toEqual(expectedRollups(rows))
          const [left] = await db.sql<[{ n: number }]>`select count(*)::int as n from rollup_deltas`
          expect(left.n).toBe(0)
        },
      ),
      { numRuns: 25, seed: 20251128 },
    )
  })
})
