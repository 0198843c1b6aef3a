import type { ApiKeySummary } from '../../shared/admin-contract'
import type { Db, Tx } from '../db'

export async function insertApiKey(tx: Tx, key: { name: string; keyHash: Buffer; unitId: number }) {
  const [row] = await tx<[{ id: number }]>`
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

/** A key as GET /api/v1/api-keys answers it, but for its times, still Dates here. */
export type ApiKeyRow = Omit<ApiKeySummary, 'createdAt' | 'revokedAt'> & { createdAt: Date; revokedAt: Date | null }

/** Keys of the given units (all when null); the key itself is never stored, so never listed. */
export async function findApiKeys(db: Db, unitIds: number[] | null) {
  return db<ApiKeyRow[]>`
    select id, name, unit_id, created_at, revoked_at
    from api_keys
    ${unitIds === null ? db`` : db`where unit_id = any(${unitIds}::int[])`}
    order by created_at desc
  `
}

export async function revokeApiKey(tx: Tx, id: number, at: Date) {
  const [row] = await tx<[{ unitId: number }?]>`
    update api_keys set revoked_at = coalesce(revoked_at, ${at}) where id = ${id} returning unit_id
  `
  return row
}
