import { createHash, createHmac, randomBytes } from 'node:crypto'
import type { ApiKeyHolder } from '../api-keys/service'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { findSurveyByCounter, type ServedSurvey } from '../serving/service'
import { todayOf } from '../units/scope'
import type { MintedInvitation, NewInvitation } from '../../shared/invitation-contract'
import { localTimeOf } from '../../shared/local-time'
import { countApiKeyUse, findInvitationByTokenHash, isCounterWithinUnit, upsertInvitation, type Invitation } from './queries'

const tokenHashOf = (token: string) => createHash('sha256').update(token).digest()

/**
 * Only an HMAC of the dossier code is kept: enough to refuse a second rating, not to find the dossier. It
 * includes the issuing unit, so another unit's key can neither re-mint (replace) the invitation nor learn,
 * from a conflict, whether the dossier was rated.
 */
export const dossierHmacOf = (secretKey: string, unitId: number, dossierCode: string) =>
  createHmac('sha256', secretKey).update(`dossier:${unitId}:${dossierCode.trim().toUpperCase()}`).digest()

/** Mints a single-use token for one dossier at a counter within the key's unit subtree. */
export async function mintInvitation(deps: Deps, apiKey: ApiKeyHolder, input: NewInvitation): Promise<MintedInvitation> {
  const today = todayOf(deps)
  const served = await findSurveyByCounter(deps, input.counterId)
  if (!served || !(await isCounterWithinUnit(deps.sql, input.counterId, apiKey.unitId, today))) {
    throw new AppError('not_found', 'Không tìm thấy quầy này trong phạm vi của khóa API.')
  }
  const field = input.fieldCode === undefined ? undefined : served.fields.find((f) => f.code === input.fieldCode)
  if (input.fieldCode !== undefined && !field) {
    throw new AppError('invalid_input', 'Lĩnh vực không thuộc quầy này.', [
      { path: ['fieldCode'], message: 'unknown field for this counter' },
    ])
  }
  if ((await countApiKeyUse(deps.sql, apiKey.id, today)) > deps.config.integrity.apiKeyDailyQuota) {
    throw new AppError('rate_limited', 'Khóa API đã dùng hết hạn mức lời mời trong ngày.', undefined, secondsToLocalMidnight(deps))
  }
  const token = randomBytes(18).toString('base64url')
  const createdAt = deps.clock()
  const expiresAt = new Date(createdAt.getTime() + input.expiresInDays * 86_400_000)
  const id = await upsertInvitation(deps.sql, {
    tokenHash: tokenHashOf(token),
    dossierHmac: dossierHmacOf(deps.config.secretKey, apiKey.unitId, input.dossierCode),
    counterId: input.counterId,
    fieldId: field?.id ?? null,
    procedureCode: input.procedureCode ?? null,
    apiKeyId: apiKey.id,
    channel: input.channel,
    createdAt,
    expiresAt,
  })
  if (id === undefined) throw new AppError('conflict', 'Hồ sơ này đã được đánh giá.')
  return { token, url: `${deps.config.publicUrl}/i/${token}`, expiresAt: expiresAt.toISOString() }
}

export type InvitationState = { kind: 'open'; invitation: Invitation; served: ServedSurvey } | { kind: 'used' | 'expired' | 'unknown' }

export async function findInvitation(deps: Deps, token: string): Promise<InvitationState> {
  const invitation = await findInvitationByTokenHash(deps.sql, tokenHashOf(token))
  if (!invitation) return { kind: 'unknown' }
  if (invitation.isUsed) return { kind: 'used' }
  if (invitation.expiresAt <= deps.clock()) return { kind: 'expired' }
  const served = await findSurveyByCounter(deps, invitation.counterId)
  return served ? { kind: 'open', invitation, served } : { kind: 'unknown' }
}

export type OpenInvitation = Invitation & { served: ServedSurvey }

/**
 * The invitation a rating names, for the writer to spend in its statement. A spent one is handed on too:
 * the writer then answers a replay of the rating it gave, and refuses any other (410).
 */
export async function findOpenInvitation(deps: Deps, token: string): Promise<OpenInvitation> {
  const invitation = await findInvitationByTokenHash(deps.sql, tokenHashOf(token))
  const served = invitation && (await findSurveyByCounter(deps, invitation.counterId))
  if (!invitation || !served) throw new AppError('not_found', 'Lời mời đánh giá không tồn tại.')
  if (!invitation.isUsed && invitation.expiresAt <= deps.clock()) throw new AppError('gone', 'Lời mời đánh giá đã hết hạn.')
  return { ...invitation, served }
}

function secondsToLocalMidnight(deps: Deps) {
  const local = localTimeOf(deps.clock(), deps.config.timeZone)
  return Math.max(1, (24 * 60 - (local.hour * 60 + local.minute)) * 60)
}
