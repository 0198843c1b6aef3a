import { hashPassword } from '../accounts/passwords'
import { insertUser } from '../accounts/queries'
import type { Db } from '../db'
import { findUnitIdByCode } from '../units/queries'

/** The people of the demo's story: an analyst of TP Chí Linh and a manager of phường Sao Đỏ. */
export const demoUsers = [
  { username: 'phantich.chilinh', displayName: 'Cán bộ phân tích TP Chí Linh', role: 'analyst', unit: 'HD-CL' },
  { username: 'quanly.saodo', displayName: 'Cán bộ quản lý phường Sao Đỏ', role: 'manager', unit: 'HD-CL-SD' },
] as const

/** Creates the demo accounts with the admin's first password, so one printed password opens all three. */
export async function createDemoUsers(db: Db, password: string) {
  const passwordHash = await hashPassword(password)
  for (const user of demoUsers) {
    const unitId = await findUnitIdByCode(db, user.unit)
    if (unitId !== undefined) await insertUser(db, { ...user, passwordHash, unitId })
  }
}
