import type { Db, Tx } from '../db'

export type KioskRow = { id: number; counterId: number; name: string }

export async function insertKiosk(tx: Tx, k: { counterId: number; name: string; pairingCodeHash: Buffer; pairingExpiresAt: Date }) {
  const [row] = await tx<[{ id: number }]>`
    insert into kiosks (counter_id, name, pairing_code_hash, pairing_expires_at)
    values (${k.counterId}, ${k.name}, ${k.pairingCodeHash}, ${k.pairingExpiresAt})
    returning id
  `
  return row.id
}

/** Spends a live pairing code: the kiosk gets its token and the code is gone, in one statement. */
export async function pairKiosk(db: Db, p: { pairingCodeHash: Buffer; tokenHash: Buffer; now: Date }) {
  const [row] = await db<[KioskRow?]>`
    update kiosks
    set token_hash = ${p.tokenHash}, paired_at = ${p.now}, pairing_code_hash = null, pairing_expires_at = null
    where pairing_code_hash = ${p.pairingCodeHash}
      and pairing_expires_at > ${p.now}
      and revoked_at is null
    returning id, counter_id, name
  `
  return row
}

export async function findKioskByTokenHash(db: Db, tokenHash: Buffer) {
  const [row] = await db<[KioskRow?]>`
    select id, counter_id, name
    from kiosks
    where token_hash = ${tokenHash}
      and revoked_at is null
  `
  return row
}

export async function findKiosk(db: Db, id: number) {
  const [row] = await db<[(KioskRow & { isRevoked: boolean })?]>`
    select id, counter_id, name, revoked_at is not null as is_revoked
    from kiosks
    where id = ${id}
  `
  return row
}

export async function revokeKiosk(tx: Tx, id: number, now: Date) {
  await tx`
    update kiosks
    set revoked_at = ${now}, token_hash = null, pairing_code_hash = null, pairing_expires_at = null
    where id = ${id}
  `
}

/**
 * Records a tap's time and answers the kiosk's previous one, in one statement: the row lock orders two
 * taps sent at once. The latest time is kept, so a late resend does not move it back.
 */
export async function recordKioskTap(db: Db, id: number, ratedAt: Date) {
  const [row] = await db<[{ previous: Date | null }]>`
    with previous as (
      select last_rated_at
      from kiosks
      where id = ${id}
      for update
    )
    update kiosks k
    set last_rated_at = greatest(previous.last_rated_at, ${ratedAt})
    from previous
    where k.id = ${id}
    returning previous.last_rated_at as previous
  `
  return row?.previous ?? null
}
