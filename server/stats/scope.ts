import type { CurrentUser } from '../../shared/auth-contract'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { findCounterUnitId } from './queries'
import { findScopeIntervals, isUnitInScope, type UnitScope } from './scope-queries'

export type ReadScope = {
  scope: UnitScope
  /** The unit whose targets (and its ancestors') apply to the whole selection; null for "every unit". */
  unitId: number | null
  counterId: number | null
}

/**
 * What a user may read over a period: an admin every unit, anyone else their unit's subtree, day by day. A
 * unit or counter outside it answers 404, as one that does not exist: its existence is not revealed either.
 */
export async function resolveReadScope(
  deps: Pick<Deps, 'sql'>,
  user: CurrentUser,
  { unitId, counterId }: { unitId?: number | undefined; counterId?: number | undefined },
  range: { from: string; to: string },
): Promise<ReadScope> {
  const rootUnitId = user.role === 'admin' ? null : user.unitId
  const focusUnitId = unitId ?? user.unitId
  const scope: UnitScope = { rootUnitId, focusUnitId, ...range }
  if (unitId !== undefined && !(await isUnitInScope(deps.sql, { ...scope, focusUnitId: null }, unitId))) {
    throw new AppError('not_found', 'Không tìm thấy đơn vị này trong phạm vi của bạn.')
  }
  if (counterId === undefined) return { scope, unitId: focusUnitId, counterId: null }
  const counterUnitId = await findCounterUnitId(deps.sql, counterId)
  if (counterUnitId === undefined || !(await isUnitInScope(deps.sql, scope, counterUnitId))) {
    throw new AppError('not_found', 'Không tìm thấy quầy này trong phạm vi của bạn.')
  }
  return { scope, unitId: counterUnitId, counterId }
}

/** The units of a read scope with the dates each belonged to it, for a query that filters raw rows (exports). */
export const scopeIntervalsOf = (deps: Pick<Deps, 'sql'>, scope: UnitScope) => findScopeIntervals(deps.sql, scope)
