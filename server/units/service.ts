import type { CurrentUser } from '../../shared/auth-contract'
import type { Deps } from '../deps'
import { findSubtreeUnitIds } from './queries'

type ScopedUser = Pick<CurrentUser, 'unitId'>

/** The units a user may see on `onDate`: 'all' for a user bound to no unit (an admin), else the subtree. */
export async function listUnitIdsInScope(deps: Pick<Deps, 'sql'>, user: ScopedUser, onDate: string): Promise<number[] | 'all'> {
  if (user.unitId === null) return 'all'
  return findSubtreeUnitIds(deps.sql, user.unitId, onDate)
}

export async function isUnitWithinScope(deps: Pick<Deps, 'sql'>, user: ScopedUser, unitId: number, onDate: string) {
  const scope = await listUnitIdsInScope(deps, user, onDate)
  return scope === 'all' || scope.includes(unitId)
}
