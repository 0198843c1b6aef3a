import type { NewResponse, ResponseReceipt } from '../../shared/response-contract'
import { findSessionUser } from '../accounts/service'
import type { Tx } from '../db'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { findInvitationToRate, lockInvitationState, spendInvitation } from '../invitations/service'
import { findSurveyByCode } from '../serving/service'
import { renderedAtOf } from './form-token'
import { flagReasonsOf } from './integrity'
import { prepareResponse } from './prepare'
import { findReceipts } from './queries'
import { addToAllRollups, type RollupDeltas } from './rollup-queries'
import { storeBatch } from './writer'

export { rollupDeltasOf } from './rollup-deltas'
export { compactRollups } from './rollup-queries'

export type SubmitResult = ResponseReceipt & { isReplay: boolean }

/** What the request says about where a rating comes from, beyond its body. */
export type SubmitContext = { deviceToken?: string | undefined; sessionId?: string | undefined }

/** Validates a rating against the survey version its counter serves, flags it if need be, stores it once. */
export async function submitResponse(deps: Deps, input: NewResponse, context: SubmitContext = {}): Promise<SubmitResult> {
  // Staff accounts never rate (docs/domain.md §8): a browser signed in to the admin app is refused.
  if (context.sessionId !== undefined && (await findSessionUser(deps, context.sessionId))) {
    throw new AppError('forbidden', 'Tài khoản cán bộ không được gửi đánh giá. Vui lòng đăng xuất.')
  }
  if (input.invitationToken !== undefined) return submitInvitedResponse(deps, input)
  const served = await findSurveyByCode(deps, input.counterCode!)
  if (!served) throw new AppError('not_found', 'Mã QR không hợp lệ hoặc đã bị thu hồi.')
  const row = prepareResponse(deps, served, input, { channel: 'qr', isVerified: false })
  const now = row.submittedAt
  const flagReasons = flagReasonsOf({
    honeypot: input.website,
    renderedAt: renderedAtOf(deps.config.secretKey, input.submissionId, input.formToken),
    submittedAt: now,
    isRepeatDevice: deps.devices.isRepeat(context.deviceToken, served.counterId, now),
    openingHours: served.openingHours,
    timeZone: deps.config.timeZone,
  })
  const outcome = await deps.writer.store({ ...row, flagReasons, isExcluded: flagReasons.length > 0 })
  if (outcome.kind === 'conflict') {
    throw new AppError('conflict', 'Mã gửi (submissionId) này đã được dùng cho một phiếu khác.')
  }
  return { id: outcome.id, verified: outcome.isVerified, isReplay: outcome.kind === 'replayed' }
}

/**
 * A verified rating: stored and its invitation spent in one transaction, the invitation row locked so two
 * submissions of one token cannot both count. A replay of the stored submission is answered as such.
 */
async function submitInvitedResponse(deps: Deps, input: NewResponse): Promise<SubmitResult> {
  const found = await findInvitationToRate(deps, input.invitationToken!)
  if (!found) throw new AppError('not_found', 'Lời mời đánh giá không tồn tại.')
  const { invitation, served } = found
  const row = prepareResponse(
    deps,
    served,
    { ...input, procedureCode: invitation.procedureCode ?? input.procedureCode },
    { channel: 'invitation', isVerified: true, fieldId: invitation.fieldId },
  )
  const outcome = await deps.sql.begin(async (tx) => {
    const state = await lockInvitationState(tx, invitation.id)
    const [earlier] = await findReceipts(tx, [row.submissionId])
    if (!earlier) {
      if (state.usedAt) throw new AppError('gone', 'Hồ sơ này đã được đánh giá.')
      if (state.expiresAt <= row.submittedAt) throw new AppError('gone', 'Lời mời đánh giá đã hết hạn.')
    }
    const [stored] = await storeBatch(tx, [row], { timeZone: deps.config.timeZone })
    if (stored!.kind === 'created') await spendInvitation(tx, invitation.id, row.submittedAt)
    return stored!
  })
  if (outcome.kind === 'conflict') throw new AppError('conflict', 'Mã gửi (submissionId) này đã được dùng cho một phiếu khác.')
  return { id: outcome.id, verified: outcome.isVerified, isReplay: outcome.kind === 'replayed' }
}

/** Adds answer counts to every rollup table within the caller's transaction (a rating moved between kept and excluded). */
export const addToRollups = (tx: Tx, deltas: RollupDeltas) => addToAllRollups(tx, deltas)
