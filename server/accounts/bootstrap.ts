import type { Db } from '../db'
import { generatePassword, hashPassword } from './passwords'
import { countUsers, insertUser } from './queries'

export type FirstAdmin = {
  username: string
  /** The password set on this start (from ADMIN_PASSWORD or generated), or undefined when users existed. */
  password: string | undefined
  isGenerated: boolean
}

/** Creates the first admin on an empty database: with ADMIN_PASSWORD, or a generated password shown once. */
export async function ensureFirstAdmin(db: Db, adminPassword: string | undefined): Promise<FirstAdmin> {
  const username = 'admin'
  if ((await countUsers(db)) > 0) return { username, password: undefined, isGenerated: false }
  const password = adminPassword ?? generatePassword()
  const id = await insertUser(db, {
    username,
    displayName: 'Quản trị hệ thống',
    passwordHash: await hashPassword(password),
    role: 'admin',
    unitId: null,
  })
  return { username, password: id === undefined ? undefined : password, isGenerated: id !== undefined && !adminPassword }
}
