import type { Role } from '../../shared/auth-contract'
import type { Db, Tx } from '../db'

export async function countUsers(db: Db) {
  const [row] = await db<[{ total: number }]>`select count(*)::int as total from users`
  return row.total
}

export async function insertUser(
  db: Db,
  user: { username: string; displayName: string; passwordHash: string; role: 'admin' | 'manager' | 'analyst'; unitId: number | null },
) {
  const [row] = await db<[{ id: number }]>`
    insert into users (username, display_name, password_hash, role, unit_id)
    values (${user.username}, ${user.displayName}, ${user.passwordHash}, ${user.role}, ${user.unitId})
    on conflict (username) do nothing
    returning id
  `
  return row?.id
}

export type UserCredentials = {
  id: number
  username: string
  displayName: string
  role: Role
  unitId: number | null
  passwordHash: string
  isDisabled: boolean
}

export async function findUserByUsername(db: Db, username: string) {
  const [row] = await db<[UserCredentials?]>`
    select id, username, display_name, role, unit_id, password_hash, is_disabled
    from users
    where username = ${username}
  `
  return row
}

export async function insertSession(db: Db, session: { idHash: Buffer; userId: number; createdAt: Date; expiresAt: Date }) {
  await db`
    insert into sessions (id_hash, user_id, created_at, last_seen_at, expires_at)
    values (${session.idHash}, ${session.userId}, ${session.createdAt}, ${session.createdAt}, ${session.expiresAt})
  `
}

export type SessionRow = {
  userId: number
  username: string
  displayName: string
  role: Role
  unitId: number | null
  isDisabled: boolean
  lastSeenAt: Date
  expiresAt: Date
}

export async function findSession(db: Db, idHash: Buffer) {
  const [row] = await db<[SessionRow?]>`
    select s.user_id, u.username, u.display_name, u.role, u.unit_id, u.is_disabled, s.last_seen_at, s.expires_at
    from sessions s
    join users u on u.id = s.user_id
    where s.id_hash = ${idHash}
  `
  return row
}

export async function updateSessionLastSeen(db: Db, idHash: Buffer, lastSeenAt: Date) {
  await db`
    update sessions
    set last_seen_at = ${lastSeenAt}
    where id_hash = ${idHash}
  `
}

export async function deleteSession(db: Db, idHash: Buffer) {
  await db`delete from sessions where id_hash = ${idHash}`
}

export async function deleteExpiredSessions(db: Db, { now, idleSince }: { now: Date; idleSince: Date }) {
  await db`
    delete from sessions
    where expires_at <= ${now}
    or last_seen_at <= ${idleSince}
  `
}

/** Ends every session of a user but the one given (a password change keeps the browser that made it). */
export async function deleteOtherSessionsOf(tx: Tx, userId: number, keptIdHash: Buffer) {
  const rows = await tx<{ userId: number }[]>`
    delete from sessions
    where user_id = ${userId} and id_hash <> ${keptIdHash}
    returning user_id
  `
  return rows.length
}

export async function updatePassword(tx: Tx, userId: number, passwordHash: string, at: Date) {
  await tx`
    update users
    set password_hash = ${passwordHash}, password_changed_at = ${at}
    where id = ${userId}
  `
}
