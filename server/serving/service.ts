import { SurveyDefinition } from '../../shared/survey-definition'
import type { Deps } from '../deps'
import type { ServedCache } from '../served-cache'
import { todayOf } from '../units/scope'
import { isSignedCounterCode } from './codes'
import { findServedSurvey, type ServedSurveyRow } from './queries'

// Counters mint the codes this feature checks.
export { mintCounterCode } from './codes'

/** A counter as a citizen meets it: unit, fields, procedures and the parsed questionnaire it serves. */
export type ServedSurvey = Omit<ServedSurveyRow, 'definition'> & { definition: SurveyDefinition }

export const servedCacheTtlMs = 10_000

declare module '../deps' {
  interface Deps {
    /** What each code serves, for a few seconds; cleared by `servedSurveysChanged` after any change to it. */
    servedSurveys: ServedCache<ServedSurvey>
  }
}

async function load(deps: Deps, by: { code: string } | { counterId: number }, date: string) {
  const row = await findServedSurvey(deps.sql, by, date)
  return row && { ...row, definition: SurveyDefinition.parse(row.definition) }
}

/** The survey a QR code serves today, or undefined for a forged, unknown or revoked code. */
export async function findSurveyByCode(deps: Deps, code: string): Promise<ServedSurvey | undefined> {
  const date = todayOf(deps)
  const key = `code:${code}:${date}`
  const nowMs = deps.clock().getTime()
  // Only codes whose signature was checked are cached: a hit needs no second check (bench: submit path).
  const hit = deps.servedSurveys.peek(key, nowMs)
  if (hit) return hit.value
  if (!isSignedCounterCode(deps.config.secretKey, code)) return undefined
  return deps.servedSurveys.get(key, nowMs, () => load(deps, { code }, date))
}

export async function findSurveyByCounter(deps: Deps, counterId: number): Promise<ServedSurvey | undefined> {
  const date = todayOf(deps)
  return deps.servedSurveys.get(`counter:${counterId}:${date}`, deps.clock().getTime(), () => load(deps, { counterId }, date))
}
