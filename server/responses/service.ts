import type { NewResponse, ResponseReceipt } from '../../shared/response-contract'
import { findSessionUser } from '../accounts/service'
import { findSurveyByCode } from '../counters/service'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { submitInvitedResponse } from '../invitations/service'
import { renderedAtOf } from './form-token'
import { flagReasonsOf } from './integrity'
import { prepareResponse } from './prepare'

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
