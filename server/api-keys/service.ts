import { createHash, randomBytes } from 'node:crypto'
import type { ApiKeySummary, CreatedApiKey, NewApiKey } from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import { recordAudit } from '../audit/service'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { isInScope, listScopeOf, requireUnitInScope, scopeOf } from '../units/scope'
import { findApiKeys, findLiveApiKey, insertApiKey, revokeApiKey } from './queries'

export type ApiKeyHolder = { id: number; unitId: number }

const hashOf = (key: string) => createHash('sha256').update(key).digest()

/**
 * Makes a key for the one-stop system of a unit (it mints invitations for that subtree). The key is answered
 * once; only its hash is kept.
 */
export async function createApiKey(deps: Deps, user: CurrentUser, { name, unitId }: NewApiKey): Promise<CreatedApiKey> {
  await requireUnitInScope(deps, user, unitId)
  const key = `sipas_${randomBytes(24).toString('base64url')}`
  const id = await deps.sql.begin(async (tx) => {
    const id = await insertApiKey(tx, { name, keyHash: hashOf(key), unitId })
    await recordAudit(tx, user, { action: 'create', entity: 'api_key', entityId: id, unitId, details: { name } })
    return id
  })
  return { id, name, unitId, key }
}

export async function listApiKeys(deps: Deps, user: CurrentUser): Promise<ApiKeySummary[]> {
  const keys = await findApiKeys(deps.sql, await listScopeOf(deps, user, undefined))
  return keys.map((key) => ({ ...key, createdAt: key.createdAt.toISOString(), revokedAt: key.revokedAt?.toISOString() ?? null }))
}

export async function revokeKey(deps: Deps, user: CurrentUser, id: number) {
  const scope = await scopeOf(deps, user)
  await deps.sql.begin(async (tx) => {
    // A key outside the user's scope is refused after the update, which the transaction then undoes.
    const revoked = await revokeApiKey(tx, id, deps.clock())
    if (!revoked || !isInScope(scope, revoked.unitId)) throw new AppError('not_found', 'Không tìm thấy khóa API.')
    await recordAudit(tx, user, { action: 'revoke', entity: 'api_key', entityId: id, unitId: revoked.unitId, details: {} })
  })
}

export async function findApiKey(deps: Deps, key: string): Promise<ApiKeyHolder | undefined> {
  return findLiveApiKey(deps.sql, hashOf(key))
}
