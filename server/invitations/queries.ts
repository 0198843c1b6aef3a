import type { Db } from '../db'

export type Invitation = {
  id: number
  counterId: number
  fieldId: number | null
  procedureCode: string | null
  /** `online` when the one-stop system returned the dossier's result online. */
  channel: 'invitation' | 'online'
  expiresAt: Date
  isUsed: boolean
}

/** Whether a live counter belongs to the unit or one of its descendants on the given date. */
export async function isCounterWithinUnit(db: Db, counterId: number, unitId: number, onDate: string) {
  const [row] = await db<[{ isWithin: boolean }]>`
    with recursive ancestry (unit_id) as (
      select sp.unit_id
      from counters c
      join service_points sp on sp.id = c.service_point_id
      where c.id = ${counterId} and c.is_active
      union
      select uv.parent_id
      from unit_versions uv
      join ancestry a on a.unit_id = uv.unit_id
      where uv.parent_id is not null
        and uv.valid_from <= ${onDate}
        and (uv.valid_to is null or uv.valid_to > ${onDate})
    )
    select exists (select 1 from ancestry where unit_id = ${unitId}) as is_within
  `
  return row.isWithin
}

/**
 * Issues the invitation of a dossier, or re-issues it (a reprinted receipt) while it is unused: the new
 * token replaces the old. Returns nothing when the dossier was already rated.
 */
/** Counts one invitation against the key's quota for the day; returns the day's count, this one included. */
export async function countApiKeyUse(db: Db, apiKeyId: number, day: string) {
  const [row] = await db<[{ n: number }]>`
    insert into api_key_usage (api_key_id, day, n)
    values (${apiKeyId}, ${day}, 1)
    on conflict (api_key_id, day) do update set n = api_key_usage.n + 1
    returning n
  `
  return row.n
}

export async function upsertInvitation(
  db: Db,
  i: {
    tokenHash: Buffer
    dossierHmac: Buffer
    counterId: number
    fieldId: number | null
    procedureCode: string | null
    apiKeyId: number
    channel: 'invitation' | 'online'
    createdAt: Date
    expiresAt: Date
  },
) {
  const [row] = await db<[{ id: number }?]>`
    insert into invitations (token_hash, dossier_hmac, counter_id, field_id, procedure_code, api_key_id, channel, created_at, expires_at)
    values (${i.tokenHash}, ${i.dossierHmac}, ${i.counterId}, ${i.fieldId}, ${i.procedureCode}, ${i.apiKeyId}, ${i.channel}, ${i.createdAt}, ${i.expiresAt})
    on conflict (dossier_hmac) do update set
      token_hash = excluded.token_hash,
      counter_id = excluded.counter_id,
      field_id = excluded.field_id,
      procedure_code = excluded.procedure_code,
      api_key_id = excluded.api_key_id,
      channel = excluded.channel,
      created_at = excluded.created_at,
      expires_at = excluded.expires_at
    where not invitations.is_used
    returning id
  `
  return row?.id
}

export async function findInvitationByTokenHash(db: Db, tokenHash: Buffer) {
  const [row] = await db<[Invitation?]>`
    select id, counter_id, field_id, procedure_code, channel, expires_at, is_used
    from invitations
    where token_hash = ${tokenHash}
  `
  return row
}
