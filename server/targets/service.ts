import type { NewPlan, NewTarget, Plan, Target } from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import { recordAudit } from '../audit/service'
import { requireFields } from '../catalogue/service'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { isInScope, listScopeOf, requireUnitInScope, scopeOf } from '../units/scope'
import { requireUnitLive } from '../units/service'
import { deleteTarget, findPlan, findPlans, findTarget, findTargets, insertPlan, insertTarget, planNumberExists } from './queries'

export async function listPlans(deps: Deps, user: CurrentUser): Promise<Plan[]> {
  return findPlans(deps.sql, await scopeOf(deps, user))
}

/** A plan a target may be entered under: one of the user's subtree (an admin: any). */
async function getPlanInScope(deps: Deps, user: CurrentUser, planId: number) {
  const scope = await scopeOf(deps, user)
  const plan = await findPlan(deps.sql, planId)
  const isVisible = plan && (scope === null || (plan.unitId !== null && scope.includes(plan.unitId)))
  if (!isVisible) throw new AppError('not_found', 'Không tìm thấy kế hoạch.')
  return plan
}

export async function createPlan(deps: Deps, user: CurrentUser, input: NewPlan): Promise<Plan> {
  await requireUnitInScope(deps, user, input.unitId)
  await requireUnitLive(deps, input.unitId, { onDate: input.issuedOn })
  if (await planNumberExists(deps.sql, input.number, input.issuer)) {
    throw new AppError('conflict', `Kế hoạch số ${input.number} của ${input.issuer} đã có.`)
  }
  const id = await deps.sql.begin(async (tx) => {
    const id = await insertPlan(tx, input)
    await recordAudit(tx, user, { action: 'create', entity: 'plan', entityId: id, unitId: input.unitId, details: input })
    return id
  })
  return getPlanInScope(deps, user, id)
}

/** Targets of the unit's subtree (or of the user's whole scope), optionally of one plan. */
export async function listTargets(
  deps: Deps,
  user: CurrentUser,
  { unitId, planId }: { unitId?: number | undefined; planId?: number | undefined },
): Promise<Target[]> {
  return findTargets(deps.sql, { unitIds: await listScopeOf(deps, user, unitId), planId: planId ?? null })
}

/**
 * Enters one row of a plan's table (docs/domain.md §5): the unit must be in the user's subtree and the plan one
 * they may see. A target with fields pools them; without, it covers every field.
 */
export async function createTarget(deps: Deps, user: CurrentUser, input: NewTarget): Promise<Target> {
  await requireUnitInScope(deps, user, input.unitId)
  await getPlanInScope(deps, user, input.planId)
  await requireUnitLive(deps, input.unitId, { onDate: input.periodStart })
  await requireFields(deps, input.fieldIds)
  const id = await deps.sql.begin(async (tx) => {
    const id = await insertTarget(tx, { ...input, setByUnitId: user.role === 'admin' ? null : user.unitId })
    await recordAudit(tx, user, { action: 'create', entity: 'target', entityId: id, unitId: input.unitId, details: input })
    return id
  })
  return getTargetInScope(deps, user, id)
}

async function getTargetInScope(deps: Deps, user: CurrentUser, targetId: number) {
  const target = await findTarget(deps.sql, targetId)
  if (!target || !isInScope(await scopeOf(deps, user), target.unitId)) throw new AppError('not_found', 'Không tìm thấy chỉ tiêu.')
  return target
}

export async function removeTarget(deps: Deps, user: CurrentUser, targetId: number) {
  const target = await getTargetInScope(deps, user, targetId)
  // Only the level that set a target may change it: a commune cannot delete what its district set for it.
  if (user.role !== 'admin' && target.setByUnitId !== user.unitId) {
    throw new AppError('forbidden', 'Chỉ cấp đã giao chỉ tiêu này mới được sửa hoặc xóa.')
  }
  await deps.sql.begin(async (tx) => {
    await deleteTarget(tx, targetId)
    await recordAudit(tx, user, { action: 'delete', entity: 'target', entityId: targetId, unitId: target.unitId, details: target })
  })
}
