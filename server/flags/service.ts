import type { CurrentUser } from '../../shared/auth-contract'
import { localTimeOf } from '../../shared/local-time'
import type { FlagsQuery } from '../../shared/stats-query'
import { recordAudit } from '../audit/service'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { addToRollups, compactRollups, rollupDeltasOf } from '../responses/service'
import { resolveReadScope } from '../stats/scope'
import { isInScope, scopeOf } from '../units/scope'
import {
  countFlagged,
  findFlaggedPage,
  lockResponse,
  subtractFromAllRollups,
  updateResponseExcluded,
} from './queries'

/** GET /api/v1/flags: how many ratings were flagged, per reason, and a page of them, newest first. */
export async function listFlags(deps: Deps, user: CurrentUser, query: FlagsQuery) {
  const { range, limit, offset } = query
  const { scope } = await resolveReadScope(deps, user, { unitId: query.unitId }, range)
  const filter = { scope, surveyId: query.surveyId ?? null, timeZone: deps.config.timeZone }
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

export type ExclusionResult = { id: string; excluded: boolean; changed: boolean }

/**
 * Sets a rating apart from the statistics (or restores it): its flag and its counts in all three rollups
 * move in one transaction, with an audit row. Asking for the state it already has changes nothing.
 */
export async function setResponseExcluded(deps: Deps, user: CurrentUser, id: string, isExcluded: boolean): Promise<ExclusionResult> {
  const timeZone = deps.config.timeZone
  return deps.sql.begin(async (tx) => {
    const row = await lockResponse(tx, id)
    const onDay = row && localTimeOf(row.submittedAt, timeZone).date
    if (!row || !isInScope(await scopeOf(deps, user, onDay), row.unitId)) {
      throw new AppError('not_found', 'Không tìm thấy phiếu này trong phạm vi của bạn.')
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
      details: { flagReasons: row.flagReasons },
    })
    return { id, excluded: isExcluded, changed: true }
  })
}
