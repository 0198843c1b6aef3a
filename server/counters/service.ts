import type { CounterChange, CounterDetail, CounterListItem, NewCounter } from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import { recordAudit } from '../audit/service'
import { requireFields } from '../catalogue/service'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { servedSurveysChanged } from '../served-cache'
import { getServicePointInScope, surveyUrlOf } from '../service-points/service'
import { mintCounterCode } from '../serving/service'
import { isInScope, listScopeOf, scopeOf } from '../units/scope'
import {
  findCounter,
  findCounters,
  insertCounter,
  insertCounterCode,
  lockCounter,
  replaceCounterFields,
  revokeCounterCode,
  surveyVersionExists,
  updateCounter,
  type CounterRow,
} from './queries'
import { qrPngOf, qrSvgOf } from './qr-code'

export { qrSvgOf } from './qr-code'

const counterNotFound = () => new AppError('not_found', 'Không tìm thấy quầy.')

const withUrl = (deps: Pick<Deps, 'config'>, counter: CounterRow): CounterDetail => ({
  ...counter,
  surveyUrl: surveyUrlOf(deps, counter.code),
})

/** GET /api/v1/counters: the contract shape `{ id, code, name, unitId, surveyUrl }`, within the user's scope. */
export async function listCounters(
  deps: Deps,
  user: CurrentUser,
  { unitId, includeInactive }: { unitId?: number | undefined; includeInactive: boolean },
): Promise<CounterListItem[]> {
  const counters = await findCounters(deps.sql, { unitIds: await listScopeOf(deps, user, unitId), includeInactive })
  return counters.map(({ id, code, name, unitId }) => ({ id, code, name, unitId, surveyUrl: surveyUrlOf(deps, code) }))
}

/** A counter the user may act on; one outside their subtree is not found. */
export async function getCounter(deps: Deps, user: CurrentUser, counterId: number): Promise<CounterDetail> {
  const counter = await findCounter(deps.sql, counterId)
  if (!counter || !isInScope(await scopeOf(deps, user), counter.unitId)) throw counterNotFound()
  return withUrl(deps, counter)
}

async function requireSurveyVersion(deps: Deps, versionId: number | null) {
  if (versionId !== null && !(await surveyVersionExists(deps.sql, versionId))) {
    throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', [{ path: ['surveyVersionId'], message: 'Không có phiên bản phiếu này.' }])
  }
}

/** A counter with a freshly minted code, its fields and optionally the survey version it serves. */
export async function createCounter(deps: Deps, user: CurrentUser, input: NewCounter) {
  const point = await getServicePointInScope(deps, user, input.servicePointId)
  await requireFields(deps, input.fieldIds)
  await requireSurveyVersion(deps, input.surveyVersionId)
  const id = await deps.sql.begin(async (tx) => {
    const code = mintCounterCode(deps.config.secretKey)
    const id = await insertCounter(tx, { ...input, code })
    await recordAudit(tx, user, { action: 'create', entity: 'counter', entityId: id, unitId: point.unitId, details: { ...input, code } })
    return id
  })
  // An invitation asked for this counter id before it existed would otherwise stay refused until the TTL.
  await servedSurveysChanged(deps)
  return getCounter(deps, user, id)
}

/** Renames, deactivates or reactivates a counter; an inactive counter's QR code answers 404 until it is back. */
export async function changeCounter(deps: Deps, user: CurrentUser, counterId: number, changes: CounterChange) {
  const before = await getCounter(deps, user, counterId)
  await deps.sql.begin(async (tx) => {
    await updateCounter(tx, counterId, changes)
    await recordAudit(tx, user, {
      action: 'update',
      entity: 'counter',
      entityId: counterId,
      unitId: before.unitId,
      details: { before: { name: before.name, isActive: before.isActive }, changes },
    })
  })
  await servedSurveysChanged(deps)
  return getCounter(deps, user, counterId)
}

/** Sets the lĩnh vực a counter serves (the citizen picks one when there are several). */
export async function setCounterFields(deps: Deps, user: CurrentUser, counterId: number, fieldIds: number[]) {
  const before = await getCounter(deps, user, counterId)
  await requireFields(deps, fieldIds)
  await deps.sql.begin(async (tx) => {
    await replaceCounterFields(tx, counterId, fieldIds)
    await recordAudit(tx, user, {
      action: 'set_fields',
      entity: 'counter',
      entityId: counterId,
      unitId: before.unitId,
      details: { before: before.fieldIds, after: fieldIds },
    })
  })
  await servedSurveysChanged(deps)
  return getCounter(deps, user, counterId)
}

/** Revokes the live code and mints a new one: the old URL and printed posters answer 404 from now on. */
export async function rotateCounterCode(deps: Deps, user: CurrentUser, counterId: number) {
  const counter = await getCounter(deps, user, counterId)
  await deps.sql.begin(async (tx) => {
    if (!(await lockCounter(tx, counterId))) throw counterNotFound()
    const at = deps.clock()
    const revokedCode = await revokeCounterCode(tx, counterId, at)
    const code = mintCounterCode(deps.config.secretKey)
    await insertCounterCode(tx, counterId, code, at)
    await recordAudit(tx, user, {
      action: 'rotate_code',
      entity: 'counter',
      entityId: counterId,
      unitId: counter.unitId,
      details: { revokedCode, code },
    })
  })
  await servedSurveysChanged(deps)
  return getCounter(deps, user, counterId)
}

/** The QR code of a counter's survey URL, as SVG text. */
export async function counterQrSvg(deps: Deps, user: CurrentUser, counterId: number) {
  return qrSvgOf((await getCounter(deps, user, counterId)).surveyUrl)
}

/** The QR code of a counter's survey URL, as PNG bytes. */
export async function counterQrPng(deps: Deps, user: CurrentUser, counterId: number) {
  return qrPngOf((await getCounter(deps, user, counterId)).surveyUrl)
}
