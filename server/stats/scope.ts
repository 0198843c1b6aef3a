import type { CurrentUser } from '../../shared/auth-contract'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { findCounterUnitId } from './queries'
import { findScopeTree, type ResolvedUnit, type ScopeUnit, type UnitScope } from './scope-queries'

export type ReadScope = {
  scope: UnitScope
  /** The scope's units, day-exact, each with its branch under the focus unit: what stats and exports read. */
  units: ResolvedUnit[]
  /** The unit whose targets (and its ancestors') apply to the whole selection; null for "every unit". */
  unitId: number | null
  counterId: number | null
}

/**
 * What a user may read over a period: an admin every unit, anyone else their unit's subtree, day by day. A
 * unit or counter outside it answers 404, as one that does not exist: its existence is not revealed either.
 * The tree is walked once, in one statement; the focus, the branches and the checks are worked out from it here.
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
  const [tree, counterUnitId] = await Promise.all([
    findScopeTree(deps.sql, scope),
    counterId === undefined ? undefined : findCounterUnitId(deps.sql, counterId),
  ])
  if (unitId !== undefined && !tree.some((u) => u.unitId === unitId)) {
    throw new AppError('not_found', 'Không tìm thấy đơn vị này trong phạm vi của bạn.')
  }
  const units = focusedUnits(tree, focusUnitId)
  if (counterId === undefined) return { scope, units, unitId: focusUnitId, counterId: null }
  if (counterUnitId === undefined || !units.some((u) => u.unitId === counterUnitId)) {
    throw new AppError('not_found', 'Không tìm thấy quầy này trong phạm vi của bạn.')
  }
  return { scope, units, unitId: counterUnitId, counterId }
}

/**
 * The rows of the tree under `focus` (all of them without one), each with its branch: the child of the focus it
 * lies under, the focus itself for the focus's own rows, the top-level unit without a focus.
 */
export function focusedUnits(tree: ScopeUnit[], focus: number | null): ResolvedUnit[] {
  const units: ResolvedUnit[] = []
  for (const { unitId, validFrom, validTo, path } of tree) {
    const at = focus === null ? -1 : path.indexOf(focus)
    if (focus !== null && at === -1) continue
    const branchId = focus === null ? path[0]! : (path[at + 1] ?? focus)
    units.push({ unitId, validFrom, validTo, branchId })
  }
  return units
}
