import type { NewResponse, ResponseReceipt } from '../../shared/response-contract'
import { findSessionUser } from '../accounts/service'
import type { Tx } from '../db'
import { storeBatch } from './writer'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { findOpenInvitation } from '../invitations/service'
import { findSurveyByCode, type ServedSurvey } from '../serving/service'
import { renderedAtOf } from './form-token'
import { followUpCodeOf, followUpHashOf } from './follow-up'
import { flagReasonsOf, isSetApartBy, kioskFlagReasonsOf } from './integrity'
import { prepareResponse } from './prepare'
import { findResponseIdByFollowUp, insertFollowUpCode, type NewResponseRow } from './queries'
import { addToAllRollups, type RollupDeltas } from './rollup-queries'
import { setApartLater } from './set-apart'
import type { StoreOutcome } from './writer'

export { rollupDeltasOf } from './rollup-deltas'
export { compactRollups } from './rollup-queries'
// For the online widget, whose forms pass the same form-token rule as the citizen page.
export { mintFormToken } from './form-token'
// For the flags feature, which sets apart and restores ratings by hand.
export { lockResponse, subtractFromAllRollups, updateResponseExcluded } from './set-apart-queries'

export type SubmitResult = ResponseReceipt & { isReplay: boolean }

/** What the request says about where a rating comes from, beyond its body. */
export type SubmitContext = { deviceToken?: string | undefined; sessionId?: string | undefined }

/**
 * Validates a rating against the survey version its counter serves, flags it if need be, stores it once.
 * Every channel (a counter's QR code, the online portal's link and widget, a dossier's invitation) passes
 * the same rules and the same writer.
 */
export async function submitResponse(deps: Deps, input: NewResponse, context: SubmitContext = {}): Promise<SubmitResult> {
  await refuseStaff(deps, context)
  if (input.invitationToken !== undefined) {
    const invitation = await findOpenInvitation(deps, input.invitationToken)
    const row = prepareResponse(
      deps,
      invitation.served,
      { ...input, procedureCode: invitation.procedureCode ?? input.procedureCode },
      { channel: invitation.channel, isVerified: true, fieldId: invitation.fieldId },
    )
    return withFollowUp(deps, row, receiptOf(await store(deps, input, context, invitation.served, row, invitation.id)))
  }
  const served = await findSurveyByCode(deps, input.counterCode!)
  if (!served) throw new AppError('not_found', 'Mã QR không hợp lệ hoặc đã bị thu hồi.')
  const row = prepareResponse(deps, served, input, { channel: channelOfCounter(served), isVerified: false })
  return withFollowUp(deps, row, receiptOf(await store(deps, input, context, served, row, undefined)))
}

// Staff accounts never rate (docs/domain.md §8): a browser signed in to the admin app is refused.
async function refuseStaff(deps: Deps, context: SubmitContext) {
  if (context.sessionId !== undefined && (await findSessionUser(deps, context.sessionId))) {
    throw new AppError('forbidden', 'Tài khoản cán bộ không được gửi đánh giá. Vui lòng đăng xuất.')
  }
}

export type KioskInput = {
  kioskId: number
  submissionId: string
  answers: NewResponse['answers']
  ratedAt: Date
  isWithinInterval: boolean
}

/**
 * A tap on a paired kiosk (channel `kiosk`), stored at the tablet's time of the tap, as a queued tap may reach
 * us minutes later. Same validation and writer as every channel; the kiosk's interval replaces the form and
 * device rules (see kioskFlagReasonsOf).
 */
export async function submitKioskResponse(deps: Deps, served: ServedSurvey, input: KioskInput, context: SubmitContext = {}) {
  await refuseStaff(deps, context)
  const body = { counterCode: `kiosk:${input.kioskId}`, submissionId: input.submissionId, answers: input.answers }
  const row = { ...prepareResponse(deps, served, body, { channel: 'kiosk', isVerified: false }), submittedAt: input.ratedAt }
  const flagReasons = kioskFlagReasonsOf({
    isWithinInterval: input.isWithinInterval,
    submittedAt: input.ratedAt,
    openingHours: served.openingHours,
    timeZone: deps.config.timeZone,
  })
  return receiptOf(await deps.writer.store({ ...row, flagReasons, isExcluded: isSetApartBy(flagReasons) }))
}

export type PaperInput = {
  served: ServedSurvey
  campaignId: number
  submissionId: string
  answers: NewResponse['answers']
  submittedAt: Date
}

/**
 * Paper forms typed in by an enumerator (channel `paper`), stored all or none within the caller's
 * transaction. The form, device and kiosk rules cannot apply to a form filled on paper, nor the burst rule to
 * a stack of them typed at once: the campaign's enumerators, the audit log and the progress against the
 * sample are the checks. Throws `invalid_input` (with the form's index first in each issue's path) or
 * `conflict` (a form number entered before with other answers).
 */
export async function storePaperForms(deps: Deps, tx: Tx, forms: PaperInput[]) {
  const issues: { path: (string | number)[]; message: string }[] = []
  const rows = forms.flatMap((form, i) => {
    try {
      const body = { counterCode: `paper:${form.campaignId}`, submissionId: form.submissionId, answers: form.answers }
      return [{ ...prepareResponse(deps, form.served, body, { channel: 'paper', isVerified: false }), submittedAt: form.submittedAt }]
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid_input') throw error
      for (const issue of error.issues ?? []) issues.push({ ...issue, path: [i, ...issue.path] })
      return []
    }
  })
  if (issues.length > 0) throw new AppError('invalid_input', 'Câu trả lời chưa hợp lệ.', issues)
  const outcomes = await storeBatch(tx, rows, { timeZone: deps.config.timeZone })
  return outcomes.map((outcome, i) => {
    if (outcome.kind === 'created' || outcome.kind === 'replayed') return { id: outcome.id, isNew: outcome.kind === 'created' }
    throw new AppError('conflict', `Phiếu thứ ${i + 1} đã được nhập với câu trả lời khác.`)
  })
}

/** A rating by code is online when the counter is the online portal's; the client cannot claim a channel. */
const channelOfCounter = (served: ServedSurvey) => (served.servicePointKind === 'truc_tuyen' ? 'online' : 'qr')

/**
 * A rating with a comment gets a follow-up code, with which the citizen later reads the unit's answer without
 * giving any personal data. Kept after the rating is committed; a replay keeps (and shows) the same code.
 */
async function withFollowUp(deps: Deps, row: NewResponseRow, receipt: SubmitResult): Promise<SubmitResult> {
  if (row.comment === null) return receipt
  const followUpCode = followUpCodeOf(deps.config.secretKey, receipt.id)
  await insertFollowUpCode(deps.sql, followUpHashOf(followUpCode), receipt.id)
  return { ...receipt, followUpCode }
}

/** The rating a follow-up code names, for the feedback feature's public page; undefined for an unknown code. */
export const findResponseByFollowUpCode = (deps: Pick<Deps, 'sql'>, code: string) =>
  findResponseIdByFollowUp(deps.sql, followUpHashOf(code))

async function store(
  deps: Deps,
  input: NewResponse,
  context: SubmitContext,
  served: ServedSurvey,
  row: NewResponseRow,
  invitationId: number | undefined,
) {
  const now = row.submittedAt
  const device = deps.devices.visit(context.deviceToken, served.counterId, now)
  const flagReasons = flagReasonsOf({
    honeypot: input.website,
    renderedAt: renderedAtOf(deps.config.secretKey, input.submissionId, input.formToken, input, now),
    submittedAt: now,
    isRepeatDevice: device.isRepeat,
    openingHours: served.openingHours,
    timeZone: deps.config.timeZone,
  })
  const outcome = await deps.writer.store({ ...row, flagReasons, isExcluded: isSetApartBy(flagReasons), invitationId })
  if (outcome.kind === 'created') device.remember(outcome.id)
  // A device rating the counter again within the interval shows its first rating there to be one of a
  // series: that one is set apart too (off the writer's statement; repeats are rare).
  if (outcome.kind === 'created' && device.previousId !== undefined) await setApartLater(deps, device.previousId, 'repeat_device')
  return outcome
}

function receiptOf(outcome: StoreOutcome): SubmitResult {
  if (outcome.kind === 'conflict') throw new AppError('conflict', 'Mã gửi (submissionId) này đã được dùng cho một phiếu khác.')
  if (outcome.kind === 'spent') throw new AppError('gone', 'Hồ sơ này đã được đánh giá.')
  return { id: outcome.id, verified: outcome.isVerified, isReplay: outcome.kind === 'replayed' }
}

/** Adds answer counts to every rollup table within the caller's transaction (a rating moved between kept and excluded). */
export const addToRollups = (tx: Tx, deltas: RollupDeltas) => addToAllRollups(tx, deltas)
