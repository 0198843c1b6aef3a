import { baseProcedureCode } from '../../shared/procedure-code'
import { localTimeOf } from '../../shared/local-time'
import type { HourRollupDelta, ProcedureRollupDelta, RollupDelta, RollupDeltas } from './rollup-queries'
import type { NewResponseRow } from './queries'

/** The question key whose rows count responses rather than answers. */
export const responseCountKey = '*'

/**
 * Aggregates a batch in memory into one delta per rollup row, sorted by key: concurrent batches then lock
 * shared rows in the same order and cannot deadlock, and one hot row costs one update per batch.
 */
export function rollupDeltasOf(rows: NewResponseRow[], timeZone: string): RollupDeltas {
  const main = new Map<string, RollupDelta>()
  const byMonth = new Map<string, RollupDelta>()
  const byYear = new Map<string, RollupDelta>()
  const byProcedure = new Map<string, ProcedureRollupDelta>()
  const byHour = new Map<string, HourRollupDelta>()
  const add = <T extends RollupDelta>(into: Map<string, T>, key: string, make: () => T) => {
    const found = into.get(key)
    if (found) found.n += 1
    else into.set(key, make())
  }
  for (const row of rows) {
    const { date, hour } = localTimeOf(row.submittedAt, timeZone)
    const fieldId = row.fieldId ?? 0
    const procedureCode = row.procedureCode ? baseProcedureCode(row.procedureCode) : ''
    const month = `${date.slice(0, 8)}01`
    const base = `${row.unitId}|${date}|${row.counterId}|${row.surveyId}|${fieldId}`
    const monthBase = `${row.unitId}|${month}|${row.counterId}|${row.surveyId}|${fieldId}`
    const year = `${date.slice(0, 4)}-01-01`
    const yearBase = `${row.unitId}|${year}|${row.counterId}|${row.surveyId}|${fieldId}`
    const flags = `${row.isVerified ? 1 : 0}|${row.isExcluded ? 1 : 0}`
    for (const [questionKey, value] of countedValues(row)) {
      const delta = (): RollupDelta => ({
        unitId: row.unitId,
        day: date,
        counterId: row.counterId,
        surveyId: row.surveyId,
        fieldId,
        questionKey,
        value,
        isVerified: row.isVerified,
        isExcluded: row.isExcluded,
        n: 1,
      })
      const tail = `${questionKey}|${value}|${flags}`
      add(main, `${base}|${tail}`, delta)
      add(byMonth, `${monthBase}|${tail}`, () => ({ ...delta(), day: month }))
      add(byYear, `${yearBase}|${tail}`, () => ({ ...delta(), day: year }))
      add(byProcedure, `${base}|${procedureCode}|${tail}`, () => ({ ...delta(), procedureCode }))
      add(byHour, `${base}|${String(hour).padStart(2, '0')}|${tail}`, () => ({ ...delta(), hour }))
    }
  }
  const sorted = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v)
  return { main: sorted(main), byMonth: sorted(byMonth), byYear: sorted(byYear), byProcedure: sorted(byProcedure), byHour: sorted(byHour) }
}

function* countedValues(row: NewResponseRow): Generator<[string, number]> {
  yield [responseCountKey, 0]
  for (const [key, answer] of Object.entries(row.answers)) {
    if (typeof answer === 'number') yield [key, answer]
    else if (Array.isArray(answer)) for (const value of answer) yield [key, value]
  }
}
