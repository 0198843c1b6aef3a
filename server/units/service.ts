import type { NewSuccession, NewUnit, NewUnitVersion, UnitClosing, UnitHistory, UnitOnDate } from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import { recordAudit } from '../audit/service'
import type { Db, Tx } from '../db'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { servedSurveysChanged } from '../served-cache'
import {
  findChildrenFrom,
  findSubtreeUnitIds,
  findUnitHistory,
  findUnitIdByCode,
  findUnitsOn,
  insertSuccession,
  insertUnit,
  insertUnitVersion,
  isUnitLiveOn,
  lockUnitVersions,
  unitExists,
  updateUnitVersionEnd,
} from './queries'
import { isInScope, scopeOf, todayOf } from './scope'

const notFound = () => new AppError('not_found', 'Không tìm thấy đơn vị.')

/** Refuses, as invalid input on `path`, a unit that does not exist on `onDate` (today by default). */
export async function requireUnitLive(deps: Deps, unitId: number, { onDate = todayOf(deps), path = 'unitId' } = {}) {
  if (!(await isUnitLiveOn(deps.sql, unitId, onDate))) {
    throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', [{ path: [path], message: `Đơn vị không tồn tại vào ngày ${onDate}.` }])
  }
}

/** The tree valid on `onDate`, within the user's subtree as it stood that day. */
export async function listUnits(deps: Deps, user: CurrentUser, onDate = todayOf(deps)): Promise<UnitOnDate[]> {
  return findUnitsOn(deps.sql, onDate, await scopeOf(deps, user, onDate))
}

/** Every version of a unit, with its predecessors and successors; a unit outside today's scope is not found. */
export async function getUnit(deps: Deps, user: CurrentUser, unitId: number): Promise<UnitHistory> {
  if (!isInScope(await scopeOf(deps, user), unitId)) throw notFound()
  return historyOf(deps, unitId)
}

async function historyOf(deps: Deps, unitId: number) {
  const unit = await findUnitHistory(deps.sql, unitId)
  if (!unit) throw notFound()
  return unit
}

async function requireParentLive(db: Db | Tx, parentId: number | null, onDate: string) {
  if (parentId !== null && !(await isUnitLiveOn(db, parentId, onDate))) {
    throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', [
      { path: ['parentId'], message: `Đơn vị cấp trên không tồn tại vào ngày ${onDate}.` },
    ])
  }
}

export async function createUnit(deps: Deps, user: CurrentUser, input: NewUnit): Promise<UnitHistory> {
  await requireParentLive(deps.sql, input.parentId, input.validFrom)
  if ((await findUnitIdByCode(deps.sql, input.code)) !== undefined) {
    throw new AppError('conflict', `Mã đơn vị "${input.code}" đã được dùng.`)
  }
  const id = await deps.sql.begin(async (tx) => {
    const id = await insertUnit(tx, input)
    await recordAudit(tx, user, { action: 'create', entity: 'unit', entityId: id, unitId: id, details: input })
    return id
  })
  return historyOf(deps, id)
}

/**
 * Renames, re-levels and/or re-parents a unit from `validFrom` on: the open version ends the day before
 * (its valid_to is `validFrom`, exclusive) and a new one opens. History before `validFrom` is kept as it was,
 * so a report for an earlier date still sees the old tree.
 */
export async function addUnitVersion(deps: Deps, user: CurrentUser, unitId: number, input: NewUnitVersion): Promise<UnitHistory> {
  await deps.sql.begin(async (tx) => {
    const versions = await lockUnitVersions(tx, unitId)
    const current = versions.at(-1)
    if (!current) throw notFound()
    if (current.validTo !== null) throw new AppError('conflict', `Đơn vị đã giải thể từ ngày ${current.validTo}.`)
    if (input.validFrom <= current.validFrom) {
      throw new AppError('conflict', `Ngày hiệu lực phải sau ngày bắt đầu của phiên bản hiện tại (${current.validFrom}).`)
    }
    const parentId = input.parentId === undefined ? current.parentId : input.parentId
    await requireParentLive(tx, parentId, input.validFrom)
    if (parentId !== null) {
      if ((await findSubtreeUnitIds(tx, unitId, input.validFrom)).includes(parentId)) {
        throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', [
          { path: ['parentId'], message: 'Không thể đặt một đơn vị trực thuộc chính nó.' },
        ])
      }
    }
    await updateUnitVersionEnd(tx, current.id, input.validFrom)
    const version = { unitId, name: input.name ?? current.name, level: input.level ?? current.level, parentId, validFrom: input.validFrom }
    const versionId = await insertUnitVersion(tx, version)
    await recordAudit(tx, user, {
      action: 'new_version',
      entity: 'unit',
      entityId: unitId,
      unitId,
      details: { versionId, previous: current, next: version },
    })
  })
  await servedSurveysChanged(deps)
  return historyOf(deps, unitId)
}

/** Ends a unit: `validTo` is its first day without it. Refused while units still hang under it then. */
export async function closeUnit(deps: Deps, user: CurrentUser, unitId: number, { validTo }: UnitClosing): Promise<UnitHistory> {
  await deps.sql.begin(async (tx) => {
    const current = (await lockUnitVersions(tx, unitId)).at(-1)
    if (!current) throw notFound()
    if (current.validTo !== null) throw new AppError('conflict', `Đơn vị đã giải thể từ ngày ${current.validTo}.`)
    if (validTo <= current.validFrom) {
      throw new AppError('conflict', `Ngày giải thể phải sau ngày bắt đầu của phiên bản hiện tại (${current.validFrom}).`)
    }
    const children = await findChildrenFrom(tx, unitId, validTo)
    if (children.length > 0) {
      throw new AppError(
        'conflict',
        `Còn ${children.length} đơn vị trực thuộc từ ngày ${validTo} (${children.map((c) => c.name).join(', ')}): hãy chuyển hoặc giải thể các đơn vị này trước.`,
      )
    }
    await updateUnitVersionEnd(tx, current.id, validTo)
    await recordAudit(tx, user, { action: 'close', entity: 'unit', entityId: unitId, unitId, details: { versionId: current.id, validTo } })
  })
  await servedSurveysChanged(deps)
  return historyOf(deps, unitId)
}

/** Records that `successorId` continues `predecessorId` (a merger or split of the 2025 reform). */
export async function addPredecessor(deps: Deps, user: CurrentUser, successorId: number, input: NewSuccession): Promise<UnitHistory> {
  if (input.predecessorId === successorId) {
    throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', [
      { path: ['predecessorId'], message: 'Một đơn vị không thể kế thừa chính nó.' },
    ])
  }
  if (!(await unitExists(deps.sql, successorId))) throw notFound()
  if (!(await unitExists(deps.sql, input.predecessorId))) {
    throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', [{ path: ['predecessorId'], message: 'Không tìm thấy đơn vị tiền thân.' }])
  }
  await deps.sql.begin(async (tx) => {
    await insertSuccession(tx, { ...input, successorId })
    await recordAudit(tx, user, { action: 'add_predecessor', entity: 'unit', entityId: successorId, unitId: successorId, details: input })
  })
  return historyOf(deps, successorId)
}
