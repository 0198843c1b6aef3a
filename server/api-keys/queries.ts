import type { Db } from '../db'

export async function insertApiKey(db: Db, key: { name: string; keyHash: Buffer; unitId: number }) {
  const [row] = await db<[{ id: number }]>`
    insert into api_keys (name, key_hash, unit_id) values (${key.name}, ${key.keyHash}, ${key.unitId})
    returning id
  `
  return row.id
}

export async function findLiveApiKey(db: Db, keyHash: Buffer) {
  const [row] = await db<[{ id: number; unitId: number }?]>`
    select id, unit_id from api_keys where key_hash = ${keyHash} and revoked_at is null
  `
  return row
}
