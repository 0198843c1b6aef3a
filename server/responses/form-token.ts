import { createHmac, timingSafeEqual } from 'node:crypto'

// `<rendered at, ms>.<12 characters of HMAC>`: the page's render time, which a client cannot fake.
const tagOf = (secretKey: string, renderedAtMs: string, submissionId: string) =>
  createHmac('sha256', secretKey).update(`form:${renderedAtMs}:${submissionId}`).digest('base64url').slice(0, 12)

export function mintFormToken(secretKey: string, submissionId: string, renderedAt: Date): string {
  const ms = String(renderedAt.getTime())
  return `${ms}.${tagOf(secretKey, ms, submissionId)}`
}

/** The time the form was rendered, or undefined when the token is absent or not ours. */
export function renderedAtOf(secretKey: string, submissionId: string, token: string | undefined): Date | undefined {
  const [ms, tag] = (token ?? '').split('.')
  if (!ms || !tag || !/^\d{10,15}$/.test(ms)) return undefined
  const expected = Buffer.from(tagOf(secretKey, ms, submissionId))
  const given = Buffer.from(tag)
  return given.length === expected.length && timingSafeEqual(given, expected) ? new Date(Number(ms)) : undefined
}
