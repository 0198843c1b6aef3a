import type { CurrentUser } from '../../shared/auth-contract'
import type { AnomaliesAnswer, Exclusion, FlagsAnswer } from '../../shared/flags-contract'
import { localTimeOf } from '../../shared/local-time'
import type { FlagsQuery } from '../../shared/stats-query'
import { recordAudit } from '../audit/service'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import {
  addToRollups,
  compactRollups,
  lockResponse,
  rollupDeltasOf,
  subtractFromAllRollups,
  updateResponseExcluded,
} from '../responses/service'
import { resolveReadScope } from '../stats/scope'
import { isInScope, scopeOf } from '../units/scope'
import { countFlagged, findCounterAnomalies, findFlaggedPage } from './queries'

/** GET /api/v1/flags: how many ratings were flagged, per reason, and a page of them, newest first. */
export async function listFlags(deps: Deps, user: CurrentUser, query: FlagsQuery): Promise<FlagsAnswer> {
  const { range, limit, offset } = query
  const { units } = await resolveReadScope(deps, user, { unitId: query.unitId }, range)
  if (user.role !== 'admin' && query.unitId === user.unitId) throw notSupervising()
  const filter = {
    units,
    surveyId: query.surveyId ?? null,
    timeZone: deps.config.timeZone,
    ownUnitId: user.role === 'admin' ? null : user.unitId,
  }
  const [summary, rows] = await Promise.all([countFlagged(deps.sql, filter), findFlaggedPage(deps.sql, { ...filter, limit, offset })])
  return {
    from: range.from,
    to: range.to,
    total: summary.total,
    excluded: summary.excluded,
    counts: summary.byReason,
    items: rows.map((r) => ({
      id: r.id,
      submittedAt: r.submittedAt.toISOString(),
      counter: { id: r.counterId, name: r.counterName },
      unitId: r.unitId,
      reasons: r.flagReasons,
      excluded: r.isExcluded,
    })),
    limit,
    offset,
  }
}

/** A counter-day is an anomaly at this many kept ratings or more, with a headline variance at most this. */
export const anomalyRule = { minRatings: 30, maxVariance: 0.05 }

/**
 * GET /api/v1/flags/anomalies: counter-days with many ratings of near-zero variance, for the supervising
 * level (as the flags panel: the reader's own unit is left out; a unit asking about itself gets 403).
 */
export async function listAnomalies(deps: Deps, user: CurrentUser, query: FlagsQuery): Promise<AnomaliesAnswer> {
  const { range } = query
  const { units } = await resolveReadScope(deps, user, { unitId: query.unitId }, range)
  if (user.role !== 'admin' && query.unitId === user.unitId) throw notSupervising()
  const ownUnitId = user.role === 'admin' ? null : user.unitId
  const rows = await findCounterAnomalies(deps.sql, {
    units,
    surveyId: query.surveyId ?? null,
    timeZone: deps.config.timeZone,
    ownUnitId,
    ...anomalyRule,
  })
  return {
    from: range.from,
    to: range.to,
    rule: anomalyRule,
    items: rows.map((r) => ({
      counter: { id: r.counterId, name: r.counterName },
      unitId: r.unitId,
      day: r.day,
      ratings: r.n,
      mean: r.mean,
      variance: r.variance,
    })),
  }
}

const notSupervising = () =>
  new AppError('forbidden', 'Chỉ cấp trên của đơn vị (hoặc quản trị viên) mới xem, loại hoặc khôi phục phiếu bị gắn cờ của đơn vị.')

/**
 * Sets a flagged rating apart from the statistics (or restores it): its flag and its counts in all four
 * rollups move in one transaction, with an audit row that keeps the reason given. Only a supervising level
 * may (a user whose unit strictly contains the rating's unit, or an admin): a unit never curates its own
 * ratings. Only a flagged rating can be set apart. Asking for the state it already has changes nothing.
 */
export async function setResponseExcluded(
  deps: Deps,
  user: CurrentUser,
  id: string,
  isExcluded: boolean,
  reason: string,
): Promise<Exclusion> {
  const timeZone = deps.config.timeZone
  return deps.sql.begin(async (tx) => {
    const row = await lockResponse(tx, id)
    const onDay = row && localTimeOf(row.submittedAt, timeZone).date
    if (!row || !isInScope(await scopeOf(deps, user, onDay), row.unitId)) {
      throw new AppError('not_found', 'Không tìm thấy phiếu này trong phạm vi của bạn.')
    }
    if (user.role !== 'admin' && row.unitId === user.unitId) throw notSupervising()
    if (isExcluded && row.flagReasons.length === 0) {
      throw new AppError('conflict', 'Chỉ loại được phiếu đã bị gắn cờ bất thường.')
    }
    if (row.isExcluded === isExcluded) return { id, excluded: isExcluded, changed: false }
    const before = rollupDeltasOf([row], timeZone)
    const after = rollupDeltasOf([{ ...row, isExcluded }], timeZone)
    // The rating's own counts may still wait in rollup_deltas: move them in before taking them out.
    await compactRollups(tx)
    await subtractFromAllRollups(tx, before)
    await addToRollups(tx, after)
    await updateResponseExcluded(tx, id, isExcluded)
    await recordAudit(tx, user, {
      action: isExcluded ? 'exclude' : 'restore',
      entity: 'response',
      entityId: id,
      unitId: row.unitId,
      details: { reason, flagReasons: row.flagReasons },
    })
    return { id, excluded: isExcluded, changed: true }
  })
}

// For reports, which state how many ratings were set apart and why.
export { countSetApartByReason } from './queries'
