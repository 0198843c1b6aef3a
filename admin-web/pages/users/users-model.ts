import type { UnitOnDate } from '../../../shared/admin-contract'
import { Role } from '../../../shared/auth-contract'

// The users screen's pure parts: the roles a user may hand out, how a unit is named, the repeated-password
// check, and the wording of a lock or unlock.

const mismatch = 'Hai lần nhập mật khẩu không khớp.'
export const checkRepeated = (v: { password: string; passwordAgain: string }): Record<string, string> =>
  v.password === v.passwordAgain ? {} : { passwordAgain: mismatch }

/** A manager may create managers and analysts only: the admin role is not offered at all. */
export const rolesFor = (role: Role) => Role.options.filter((r) => role === 'admin' || r !== 'admin')

/** "Toàn hệ thống" for an account without a unit; a unit's number when today's tree lacks it. */
export const unitNameIn = (units: Pick<UnitOnDate, 'id' | 'name'>[], unitId: number | null) =>
  unitId === null ? 'Toàn hệ thống' : (units.find((u) => u.id === unitId)?.name ?? `Đơn vị mã số ${unitId}`)

/** The request for a new account; no unit for "" (admins only). */
export const newUserOf = (v: { username: string; displayName: string; role: string; unitId: string; password: string }) => ({
  username: v.username,
  displayName: v.displayName,
  role: Role.parse(v.role),
  unitId: v.unitId ? Number(v.unitId) : null,
  password: v.password,
})

export const lockQuestion = (username: string, isDisabled: boolean) =>
  isDisabled
    ? `Khóa tài khoản "${username}"? Người dùng bị đăng xuất ngay và không đăng nhập được cho đến khi được mở khóa.`
    : `Mở khóa tài khoản "${username}"? Người dùng sẽ đăng nhập lại được bằng mật khẩu hiện có.`

export const lockDone = (username: string, isDisabled: boolean) =>
  isDisabled ? `Đã khóa tài khoản "${username}".` : `Đã mở khóa tài khoản "${username}".`
