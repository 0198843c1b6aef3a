import type { NewUser, UserSummary } from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import { hashPassword, updatePassword } from '../accounts/service'
import { recordAudit } from '../audit/service'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { isInScope, listScopeOf, requireUnitInScope, scopeOf } from '../units/scope'
import { requireUnitLive } from '../units/service'
import { deleteSessionsOf, findUser, findUsers, insertUser, updateDisabled, usernameExists } from './queries'

/** Admins see every account; a manager the non-admin accounts of their subtree. */
export async function listUsers(deps: Deps, user: CurrentUser, unitId?: number): Promise<UserSummary[]> {
  return findUsers(deps.sql, { unitIds: await listScopeOf(deps, user, unitId), withAdmins: user.role === 'admin' })
}

/**
 * Least privilege inside a unit: a manager manages analysts of their subtree and accounts of units strictly
 * below their own, never a peer manager of their own unit (nor an admin).
 */
const managerMayManage = (user: CurrentUser, target: { role: string; unitId: number | null }) =>
  target.role === 'analyst' || target.unitId !== user.unitId

/** An account the user may manage: a manager never reaches an admin, a peer manager, or an account outside their subtree. */
async function getManagedUser(deps: Deps, user: CurrentUser, userId: number) {
  const target = await findUser(deps.sql, userId)
  const isInSubtree =
    target &&
    (user.role === 'admin' || (target.role !== 'admin' && target.unitId !== null && isInScope(await scopeOf(deps, user), target.unitId)))
  if (!isInSubtree) throw new AppError('not_found', 'Không tìm thấy tài khoản.')
  if (user.role !== 'admin' && !managerMayManage(user, target)) {
    throw new AppError('forbidden', 'Cán bộ quản lý chỉ quản lý tài khoản phân tích hoặc tài khoản của đơn vị cấp dưới.')
  }
  return target
}

/** A new account with an argon2id hash of its first password; managers create managers and analysts of their subtree. */
export async function createUser(deps: Deps, user: CurrentUser, input: NewUser): Promise<UserSummary> {
  if (input.role === 'admin' && user.role !== 'admin') {
    throw new AppError('forbidden', 'Chỉ quản trị hệ thống mới tạo được tài khoản quản trị.')
  }
  if (user.role !== 'admin' && !managerMayManage(user, input)) {
    throw new AppError('forbidden', 'Cán bộ quản lý chỉ tạo tài khoản phân tích hoặc tài khoản của đơn vị cấp dưới.')
  }
  if (input.unitId !== null) {
    await requireUnitInScope(deps, user, input.unitId)
    await requireUnitLive(deps, input.unitId)
  }
  if (await usernameExists(deps.sql, input.username)) throw new AppError('conflict', `Tên đăng nhập "${input.username}" đã có.`)
  const passwordHash = await hashPassword(input.password)
  const id = await deps.sql.begin(async (tx) => {
    const id = await insertUser(tx, { ...input, passwordHash, at: deps.clock() })
    const { password: _, ...details } = input
    await recordAudit(tx, user, { action: 'create', entity: 'user', entityId: id, unitId: input.unitId, details })
    return id
  })
  return getManagedUser(deps, user, id)
}

/** Sets a new password and ends every session of that account. */
export async function resetPassword(deps: Deps, user: CurrentUser, userId: number, password: string) {
  const target = await getManagedUser(deps, user, userId)
  const passwordHash = await hashPassword(password)
  await deps.sql.begin(async (tx) => {
    await updatePassword(tx, userId, passwordHash, deps.clock())
    const endedSessions = await deleteSessionsOf(tx, userId)
    await recordAudit(tx, user, {
      action: 'reset_password',
      entity: 'user',
      entityId: userId,
      unitId: target.unitId,
      details: { endedSessions },
    })
  })
}

/** Disables or re-enables an account; disabling ends its sessions. Nobody disables their own account. */
export async function setUserDisabled(deps: Deps, user: CurrentUser, userId: number, isDisabled: boolean): Promise<UserSummary> {
  const target = await getManagedUser(deps, user, userId)
  if (isDisabled && userId === user.id) throw new AppError('conflict', 'Không thể tự khóa tài khoản của chính mình.')
  await deps.sql.begin(async (tx) => {
    await updateDisabled(tx, userId, isDisabled)
    const endedSessions = isDisabled ? await deleteSessionsOf(tx, userId) : 0
    await recordAudit(tx, user, {
      action: isDisabled ? 'disable' : 'enable',
      entity: 'user',
      entityId: userId,
      unitId: target.unitId,
      details: { endedSessions },
    })
  })
  return getManagedUser(deps, user, userId)
}
