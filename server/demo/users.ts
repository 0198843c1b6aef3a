import { generatePassword, hashPassword } from '../accounts/passwords'
import { insertUser } from '../accounts/queries'
import type { Db } from '../db'
import { findUnitIdByCode } from '../units/queries'

/** The people of the demo's story: an analyst of TP Chí Linh and a manager of phường Sao Đỏ. */
export const demoUsers = [
  { username: 'phantich.chilinh', displayName: 'Cán bộ phân tích TP Chí Linh', role: 'analyst', unit: 'HD-CL' },
  { username: 'quanly.saodo', displayName: 'Cán bộ quản lý phường Sao Đỏ', role: 'manager', unit: 'HD-CL-SD' },
] as const

/** Creates the demo accounts, each with its own generated password, and answers them to be shown once. */
export async function createDemoUsers(db: Db): Promise<{ username: string; password: string }[]> {
  const created = []
  for (const user of demoUsers) {
    const unitId = await findUnitIdByCode(db, user.unit)
    if (unitId === undefined) continue
    const password = generatePassword()
    if ((await insertUser(db, { ...user, passwordHash: await hashPassword(password), unitId })) !== undefined) {
      created.push({ username: user.username, password })
    }
  }
  return created
}
