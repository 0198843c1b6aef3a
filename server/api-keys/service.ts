import { createHash, randomBytes } from 'node:crypto'
import type { Deps } from '../deps'
import { findLiveApiKey, insertApiKey } from './queries'

export type ApiKeyHolder = { id: number; unitId: number }

const hashOf = (key: string) => createHash('sha256').update(key).digest()

/** Makes a key for a one-stop system of a unit; the key is shown once, only its hash is kept. */
export async function createApiKey(deps: Deps, { name, unitId }: { name: string; unitId: number }) {
  const key = `sipas_${randomBytes(24).toString('base64url')}`
  const id = await insertApiKey(deps.sql, { name, keyHash: hashOf(key), unitId })
  return { id, key }
}

export async function findApiKey(deps: Deps, key: string): Promise<ApiKeyHolder | undefined> {
  return findLiveApiKey(deps.sql, hashOf(key))
}
