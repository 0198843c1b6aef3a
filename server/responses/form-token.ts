import { createHmac, timingSafeEqual } from 'node:crypto'

/** What a form is for: a counter's QR code or one dossier's invitation. A token for one serves no other. */
export type FormTarget = { counterCode?: string | undefined; invitationToken?: string | undefined }

const targetOf = (t: FormTarget) => (t.invitationToken !== undefined ? `i:${t.invitationToken}` : `q:${t.counterCode ?? ''}`)

/** A form older than this is stale: a page is filled in minutes, and a hoard of tokens is worth nothing. */
export const formTokenMaxAgeMs = 24 * 3_600_000

// `<rendered at, ms>.<16 characters of HMAC>`: the page's render time, which a client cannot fake, bound to
// the form's own submission id (so it serves one rating: a second use is a replay of the same id) and to
// its counter or invitation (so a token minted on one counter's page is worthless on another's).
const tagOf = (secretKey: string, renderedAtMs: string, submissionId: string, target: string) =>
  createHmac('sha256', secretKey).update(`form:${renderedAtMs}:${submissionId}:${target}`).digest('base64url').slice(0, 16)

export function mintFormToken(secretKey: string, submissionId: string, renderedAt: Date, target: FormTarget): string {
  const ms = String(renderedAt.getTime())
  return `${ms}.${tagOf(secretKey, ms, submissionId, targetOf(target))}`
}

/**
 * The time the form was rendered, or undefined when the token is absent, not ours, minted for another
 * submission or target, or stale. Checked in memory: no round trip on the submit path.
 */
export function renderedAtOf(
  secretKey: string,
  submissionId: string,
  token: string | undefined,
  target: FormTarget,
  now: Date,
): Date | undefined {
  const [ms, tag] = (token ?? '').split('.')
  if (!ms || !tag || !/^\d{10,15}$/.test(ms)) return undefined
  const expected = Buffer.from(tagOf(secretKey, ms, submissionId, targetOf(target)))
  const given = Buffer.from(tag)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
  const renderedAt = new Date(Number(ms))
  return now.getTime() - renderedAt.getTime() > formTokenMaxAgeMs ? undefined : renderedAt
}
