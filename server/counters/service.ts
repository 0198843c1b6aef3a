import { localTimeOf } from '../../shared/local-time'
import type { Deps } from '../deps'
import { isSignedCounterCode } from './codes'
import { findServedSurveyByCode, type ServedSurvey } from './queries'

export type { ServedSurvey }

/** The survey a QR code serves today, or undefined for a forged, unknown or revoked code. */
export async function findServedSurvey(deps: Deps, code: string): Promise<ServedSurvey | undefined> {
  if (!isSignedCounterCode(deps.config.secretKey, code)) return undefined
  const today = localTimeOf(deps.clock(), deps.config.timeZone).date
  return findServedSurveyByCode(deps.sql, code, today)
}
