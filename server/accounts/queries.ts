import type { Db } from '../db'

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
