import type { CurrentUser } from '../../shared/auth-contract'
import { localTimeOf } from '../../shared/local-time'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { findSubtreeUnitIds } from './queries'

/** The unit ids a user may act on, or null for all of them (an admin). */
export type UnitScope = number[] | null

export const todayOf = (deps: Pick<Deps, 'clock' | 'config'>) => localTimeOf(deps.clock(), deps.config.timeZone).date

/**
 * An admin acts on every unit, bound to one or not; a manager or analyst on their unit's subtree as the tree
 * stands on `onDate` (today by default).
 */
export async function scopeOf(deps: Pick<Deps, 'sql' | 'clock' | 'config'>, user: CurrentUser, onDate = todayOf(deps)): Promise<UnitScope> {
  if (user.role === 'admin') return null
  if (user.unitId === null) return []
  return findSubtreeUnitIds(deps.sql, user.unitId, onDate)
}

export const isInScope = (scope: UnitScope, unitId: number) => scope === null || scope.includes(unitId)

/** Refuses a request that names a unit outside the user's subtree: 403, never its data. */
export async function requireUnitInScope(deps: Pick<Deps, 'sql' | 'clock' | 'config'>, user: CurrentUser, unitId: number) {
  if (!isInScope(await scopeOf(deps, user), unitId)) {
    throw new AppError('forbidden', 'Đơn vị này nằm ngoài phạm vi quản lý của bạn.')
  }
}

/** The subtree of `unitId` today, which must lie in the user's scope (else 403). */
export async function subtreeInScope(deps: Pick<Deps, 'sql' | 'clock' | 'config'>, user: CurrentUser, unitId: number) {
  await requireUnitInScope(deps, user, unitId)
  return findSubtreeUnitIds(deps.sql, unitId, todayOf(deps))
}

/** The units a list covers: the subtree of `unitId` when given (it must be in scope), else the user's scope. */
export async function listScopeOf(
  deps: Pick<Deps, 'sql' | 'clock' | 'config'>,
  user: CurrentUser,
  unitId: number | undefined,
): Promise<UnitScope> {
  return unitId === undefined ? scopeOf(deps, user) : subtreeInScope(deps, user, unitId)
}
