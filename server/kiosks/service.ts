import { createHash, randomBytes, randomInt } from 'node:crypto'
import type { CurrentUser } from '../../shared/auth-contract'
import type { CreatedKiosk, KioskForm, KioskRating, NewKiosk } from '../../shared/kiosk-contract'
import { kioskIntervalMs } from '../../shared/kiosk-timing'
import { scales } from '../../shared/scales'
import { recordAudit } from '../audit/service'
import { getCounter } from '../counters/service'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { submitKioskResponse, type SubmitContext } from '../responses/service'
import { findSurveyByCounter, type ServedSurvey } from '../serving/service'
import { findKiosk, findKioskByTokenHash, insertKiosk, pairKiosk, recordKioskTap, revokeKiosk, type KioskRow } from './queries'

/** A pairing code lives this long: the admin reads it out and it is typed on the tablet at once. */
export const pairingCodeTtlMs = 15 * 60_000
// No 0/O, 1/I/L: read aloud and typed on a tablet.
const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

const hashOf = (text: string) => createHash('sha256').update(text).digest()
// A queued tap may arrive days late, never from the future.
const maxQueueAgeMs = 7 * 86_400_000

/** A kiosk for a counter within the user's scope, with a one-time pairing code shown once. */
export async function createKiosk(deps: Deps, user: CurrentUser, input: NewKiosk): Promise<CreatedKiosk> {
  const counter = await getCounter(deps, user, input.counterId)
  const code = Array.from({ length: 8 }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join('')
  const pairingExpiresAt = new Date(deps.clock().getTime() + pairingCodeTtlMs)
  const id = await deps.sql.begin(async (tx) => {
    const id = await insertKiosk(tx, { counterId: counter.id, name: input.name, pairingCodeHash: hashOf(code), pairingExpiresAt })
    await recordAudit(tx, user, { action: 'create', entity: 'kiosk', entityId: id, unitId: counter.unitId, details: input })
    return id
  })
  return {
    id,
    counterId: counter.id,
    name: input.name,
    pairingCode: `${code.slice(0, 4)}-${code.slice(4)}`,
    pairingExpiresAt: pairingExpiresAt.toISOString(),
  }
}

/** Unpairs a kiosk (a lost or replaced tablet): its token stops working at once. */
export async function removeKiosk(deps: Deps, user: CurrentUser, id: number) {
  const kiosk = await findKiosk(deps.sql, id)
  if (!kiosk || kiosk.isRevoked) throw new AppError('not_found', 'Không tìm thấy máy đánh giá.')
  const counter = await getCounter(deps, user, kiosk.counterId)
  await deps.sql.begin(async (tx) => {
    await revokeKiosk(tx, id, deps.clock())
    await recordAudit(tx, user, { action: 'delete', entity: 'kiosk', entityId: id, unitId: counter.unitId, details: { name: kiosk.name } })
  })
}

/** Spends a pairing code and gives the tablet its token; only the token's hash is kept. */
export async function pairTablet(deps: Deps, pairingCode: string) {
  const token = randomBytes(24).toString('base64url')
  const kiosk = await pairKiosk(deps.sql, { pairingCodeHash: hashOf(pairingCode), tokenHash: hashOf(token), now: deps.clock() })
  if (!kiosk) throw new AppError('not_found', 'Mã ghép nối không đúng, đã dùng hoặc đã hết hạn.')
  return { token }
}

type PairedKiosk = KioskRow & { served: ServedSurvey }

/** The kiosk an `Authorization: Bearer <token>` header names, with what its counter serves. */
export async function getPairedKiosk(deps: Deps, authorization: string | undefined): Promise<PairedKiosk> {
  const token = /^Bearer ([A-Za-z0-9_-]{16,64})$/.exec(authorization ?? '')?.[1]
  const kiosk = token === undefined ? undefined : await findKioskByTokenHash(deps.sql, hashOf(token))
  if (!kiosk) throw new AppError('unauthenticated', 'Máy đánh giá chưa được ghép nối hoặc đã bị gỡ.')
  const served = await findSurveyByCounter(deps, kiosk.counterId)
  if (!served) throw new AppError('not_found', 'Quầy của máy đánh giá không còn hoạt động.')
  return { ...kiosk, served }
}

/** The kiosk's screen: its counter's headline question on a satisfaction scale. */
export function kioskFormOf(kiosk: PairedKiosk): KioskForm {
  const { definition } = kiosk.served
  const headline = definition.questions.find((q) => q.key === definition.headline)
  if (!headline?.scale) throw new AppError('not_found', 'Phiếu của quầy này không có câu đánh giá chung cho máy đánh giá.')
  return {
    kioskName: kiosk.name,
    unitName: kiosk.served.unitName,
    place: `${kiosk.served.servicePointName} · ${kiosk.served.counterName}`,
    title: definition.title,
    question: {
      key: headline.key,
      label: headline.label,
      options: scales[headline.scale].levels.map(({ value, label, face }) => ({ value, label, ...(face ? { face } : {}) })),
    },
  }
}

/** Stores one tap of a kiosk, flagged when it follows the kiosk's previous tap within the interval. */
export async function rateOnKiosk(deps: Deps, kiosk: PairedKiosk, input: KioskRating, context: SubmitContext) {
  const nowMs = deps.clock().getTime()
  const ratedAt = new Date(Math.min(nowMs, Math.max(nowMs - maxQueueAgeMs, Date.parse(input.ratedAt))))
  const previous = await recordKioskTap(deps.sql, kiosk.id, ratedAt)
  const isWithinInterval = previous !== null && Math.abs(ratedAt.getTime() - previous.getTime()) < kioskIntervalMs
  const { isReplay, ...receipt } = await submitKioskResponse(
    deps,
    kiosk.served,
    { kioskId: kiosk.id, submissionId: input.submissionId, answers: input.answers, ratedAt, isWithinInterval },
    context,
  )
  return { receipt, isReplay }
}
