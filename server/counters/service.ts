import { localTimeOf } from '../../shared/local-time'
import type { Deps } from '../deps'
import { isSignedCounterCode } from './codes'
import { findServedSurvey, type ServedSurvey } from './queries'

export type { ServedSurvey }

const today = (deps: Deps) => localTimeOf(deps.clock(), deps.config.timeZone).date

/** The survey a QR code serves today, or undefined for a forged, unknown or revoked code. */
export async function findSurveyByCode(deps: Deps, code: string): Promise<ServedSurvey | undefined> {
  if (!isSignedCounterCode(deps.config.secretKey, code)) return undefined
  return findServedSurvey(deps.sql, { code }, today(deps))
}

export async function findSurveyByCounter(deps: Deps, counterId: number): Promise<ServedSurvey | undefined> {
  return findServedSurvey(deps.sql, { counterId }, today(deps))
}
