import type { CurrentUser } from '../../shared/auth-contract'
import { qrSvgOf } from '../counters/service'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { surveyUrlOf } from '../service-points/service'
import { subtreeInScope, todayOf } from '../units/scope'
import { findPosterCounters, findUnitName } from './queries'

export type Poster = { unitName: string; servicePointName: string; counterName: string; surveyUrl: string; shortUrl: string; qrSvg: string }

/** What the poster sheet of a unit subtree prints: one entry per live counter, with its QR code as SVG. */
export async function getPosterSheet(deps: Deps, user: CurrentUser, unitId: number) {
  const unitIds = await subtreeInScope(deps, user, unitId)
  const today = todayOf(deps)
  const unitName = await findUnitName(deps.sql, unitId, today)
  if (unitName === undefined) throw new AppError('not_found', 'Không tìm thấy đơn vị.')
  const counters = await findPosterCounters(deps.sql, unitIds, today)
  const posters: Poster[] = await Promise.all(
    counters.map(async (counter) => {
      const surveyUrl = surveyUrlOf(deps, counter.code)
      return {
        unitName: counter.unitName,
        servicePointName: counter.servicePointName,
        counterName: counter.counterName,
        surveyUrl,
        shortUrl: surveyUrl.replace(/^https?:\/\//, ''),
        qrSvg: await qrSvgOf(surveyUrl),
      }
    }),
  )
  return { unitName, posters }
}
