import type { Role } from '../../shared/auth-contract'
import type { UserSummary } from '../../shared/admin-contract'
import type { Db, Tx } from '../db'

/** Users of the given units (null: all); `withAdmins` false leaves admin accounts out. */
export async function findUsers(db: Db, { unitIds, withAdmins }: { unitIds: number[] | null; withAdmins: boolean }) {
  return db<UserSummary[]>`
    select id, username, display_name, role, unit_id, is_disabled
    from users
    where (${unitIds}::int[] is null or unit_id = any(${unitIds}::int[]))
    and (${withAdmins} or role <> 'admin')
    order by username
  `
}

export async function findUser(db: Db | Tx, userId: number) {
  const [row] = await db<[UserSummary?]>`
    select id, username, display_name, role, unit_id, is_disabled
    from users
    where id = ${userId}
  `
  return row
}

export async function usernameExists(db: Db, username: string) {
  const [row] = await db<[{ isFound: boolean }]>`
    select exists (select 1 from users where username = ${username}) as is_found
  `
  return row.isFound
}

export async function insertUser(
  tx: Tx,
  u: { username: string; displayName: string; role: Role; unitId: number | null; passwordHash: string; at: Date },
) {
  const [row] = await tx<[{ id: number }]>`
    insert into users (username, display_name, role, unit_id, password_hash, password_changed_at, created_at)
    values (${u.username}, ${u.displayName}, ${u.role}, ${u.unitId}, ${u.passwordHash}, ${u.at}, ${u.at})
    returning id
  `
  return row.id
}

export async function updateDisabled(tx: Tx, userId: number, isDisabled: boolean) {
  await tx`
    update users
    set is_disabled = ${isDisabled}
    where id = ${userId}
  `
}

/** Ends every session of the user: a reset password or a disabled account logs them out everywhere. */
export async function deleteSessionsOf(tx: Tx, userId: number) {
  const rows = await tx<{ userId: number }[]>`
    delete from sessions
    where user_id = ${userId}
    returning user_id
  `
  return rows.length
}
