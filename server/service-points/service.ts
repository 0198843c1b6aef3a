import type { NewServicePoint, ServicePointChange, ServicePointSummary, ServicePointWithCounters } from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import { recordAudit } from '../audit/service'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { servedSurveysChanged } from '../served-cache'
import { isInScope, listScopeOf, requireUnitInScope, scopeOf } from '../units/scope'
import { requireUnitLive } from '../units/service'
import { findServicePoint, findServicePoints, insertServicePoint, updateServicePoint } from './queries'

export const surveyUrlOf = (deps: Pick<Deps, 'config'>, code: string) => `${deps.config.publicUrl}/q/${code}`

/** Service points of the unit's subtree (or of the user's whole scope), with their counters. */
export async function listServicePoints(deps: Deps, user: CurrentUser, unitId?: number): Promise<ServicePointWithCounters[]> {
  const points = await findServicePoints(deps.sql, await listScopeOf(deps, user, unitId))
  return points.map((point) => ({
    ...point,
    counters: point.counters.map((counter) => ({ ...counter, surveyUrl: surveyUrlOf(deps, counter.code) })),
  }))
}

export async function createServicePoint(deps: Deps, user: CurrentUser, input: NewServicePoint): Promise<ServicePointSummary> {
  await requireUnitInScope(deps, user, input.unitId)
  await requireUnitLive(deps, input.unitId)
  const id = await deps.sql.begin(async (tx) => {
    const id = await insertServicePoint(tx, input)
    await recordAudit(tx, user, { action: 'create', entity: 'service_point', entityId: id, unitId: input.unitId, details: input })
    return id
  })
  return getServicePointInScope(deps, user, id)
}

/** A service point the user may act on; one outside their subtree is not found. */
export async function getServicePointInScope(deps: Deps, user: CurrentUser, id: number): Promise<ServicePointSummary> {
  const point = await findServicePoint(deps.sql, id)
  if (!point || !isInScope(await scopeOf(deps, user), point.unitId)) throw new AppError('not_found', 'Không tìm thấy điểm phục vụ.')
  return point
}

/** Renames, moves the address of, deactivates or reactivates a service point (its counters' QR codes stop or work again). */
export async function changeServicePoint(
  deps: Deps,
  user: CurrentUser,
  id: number,
  changes: ServicePointChange,
): Promise<ServicePointSummary> {
  const point = await getServicePointInScope(deps, user, id)
  await deps.sql.begin(async (tx) => {
    await updateServicePoint(tx, id, changes)
    await recordAudit(tx, user, {
      action: 'update',
      entity: 'service_point',
      entityId: id,
      unitId: point.unitId,
      details: { before: { name: point.name, isActive: point.isActive }, changes },
    })
  })
  await servedSurveysChanged(deps)
  return getServicePointInScope(deps, user, id)
}
