import type { Db } from '../db'
import { generatePassword, hashPassword } from './passwords'
import { countUsers, insertUser } from './queries'

export type FirstAdmin = { username: string; password: string | undefined; isNew: boolean }

/** Creates the first admin on an empty database: with ADMIN_PASSWORD, or a generated password shown once. */
export async function ensureFirstAdmin(db: Db, adminPassword: string | undefined): Promise<FirstAdmin> {
  const username = 'admin'
  if ((await countUsers(db)) > 0) return { username, password: undefined, isNew: false }
  const password = adminPassword ?? generatePassword()
  const id = await insertUser(db, {
    username,
    displayName: 'Quản trị hệ thống',
    passwordHash: await hashPassword(password),
    role: 'admin',
    unitId: null,
  })
  return { username, password: adminPassword ? undefined : password, isNew: id !== undefined }
}
