import { createHash, createHmac, randomBytes } from 'node:crypto'
import type { ApiKeyHolder } from '../api-keys/service'
import type { Tx } from '../db'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { findSurveyByCounter, type ServedSurvey } from '../serving/service'
import { todayOf } from '../units/scope'
import {
  findInvitationByTokenHash,
  isCounterWithinUnit,
  lockInvitation,
  markInvitationUsed,
  upsertInvitation,
  type Invitation,
} from './queries'

export type NewInvitation = {
  counterId: number
  dossierCode: string
  fieldCode?: string | undefined
  procedureCode?: string | undefined
  expiresInDays: number
}

const tokenHashOf = (token: string) => createHash('sha256').update(token).digest()

/** Only an HMAC of the dossier code is kept: enough to refuse a second rating, not to find the dossier. */
const dossierHmacOf = (secretKey: string, dossierCode: string) =>
  createHmac('sha256', secretKey).update(`dossier:${dossierCode.trim().toUpperCase()}`).digest()

/** Mints a single-use token for one dossier at a counter within the key's unit subtree. */
export async function mintInvitation(deps: Deps, apiKey: ApiKeyHolder, input: NewInvitation) {
  const today = todayOf(deps)
  const served = await findSurveyByCounter(deps, input.counterId)
  if (!served || !(await isCounterWithinUnit(deps.sql, input.counterId, apiKey.unitId, today))) {
    throw new AppError('not_found', 'Không tìm thấy quầy này trong phạm vi của khóa API.')
  }
  const field = input.fieldCode === undefined ? undefined : served.fields.find((f) => f.code === input.fieldCode)
  if (input.fieldCode !== undefined && !field) {
    throw new AppError('invalid_input', 'Lĩnh vực không thuộc quầy này.', [{ path: ['fieldCode'], message: 'unknown field for this counter' }])
  }
  const token = randomBytes(18).toString('base64url')
  const createdAt = deps.clock()
  const expiresAt = new Date(createdAt.getTime() + input.expiresInDays * 86_400_000)
  const id = await upsertInvitation(deps.sql, {
    tokenHash: tokenHashOf(token),
    dossierHmac: dossierHmacOf(deps.config.secretKey, input.dossierCode),
    counterId: input.counterId,
    fieldId: field?.id ?? null,
    procedureCode: input.procedureCode ?? null,
    apiKeyId: apiKey.id,
    createdAt,
    expiresAt,
  })
  if (id === undefined) throw new AppError('conflict', 'Hồ sơ này đã được đánh giá.')
  return { token, url: `${deps.config.publicUrl}/i/${token}`, expiresAt: expiresAt.toISOString() }
}

export type InvitationState =
  | { kind: 'open'; invitation: Invitation; served: ServedSurvey }
  | { kind: 'used' | 'expired' | 'unknown' }

export async function findInvitation(deps: Deps, token: string): Promise<InvitationState> {
  const invitation = await findInvitationByTokenHash(deps.sql, tokenHashOf(token))
  if (!invitation) return { kind: 'unknown' }
  if (invitation.usedAt) return { kind: 'used' }
  if (invitation.expiresAt <= deps.clock()) return { kind: 'expired' }
  const served = await findSurveyByCounter(deps, invitation.counterId)
  return served ? { kind: 'open', invitation, served } : { kind: 'unknown' }
}

/** The invitation a submitted token names and what its counter serves, or undefined for an unknown token. */
export async function findInvitationToRate(deps: Deps, token: string): Promise<{ invitation: Invitation; served: ServedSurvey } | undefined> {
  const invitation = await findInvitationByTokenHash(deps.sql, tokenHashOf(token))
  const served = invitation && (await findSurveyByCounter(deps, invitation.counterId))
  return invitation && served ? { invitation, served } : undefined
}

/**
 * Locks an invitation within the rating's transaction, so two submissions of one token cannot both spend it,
 * and answers its state at that moment.
 */
export const lockInvitationState = (tx: Tx, invitationId: number) => lockInvitation(tx, invitationId)

/** Marks an invitation used, in the transaction that stored its rating. */
export const spendInvitation = (tx: Tx, invitationId: number, at: Date) => markInvitationUsed(tx, invitationId, at)
