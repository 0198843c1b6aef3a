import { createHmac } from 'node:crypto'
import { localTimeOf } from '../../shared/local-time'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import {
  deleteLoginFailuresBefore,
  deleteLoginFailuresOf,
  findLoginFailures,
  insertLoginAttempts,
  lockLoginThrottle,
  type ThrottleKey,
  type ThrottleSubject,
} from './throttle-queries'

export const loginFailureWindowMs = 15 * 60_000
export const loginLockMs = 15 * 60_000
/**
 * Failures allowed within each subject's window. A username and client IP pair locks after 5, so a stranger's
 * guesses lock only the stranger. Colleagues in one office often share one public IP, so the IP limit leaves
 * room for their typos. The username alone has a slow ceiling (100 an hour, across all addresses) against
 * guessing from many addresses.
 */
export const loginFailureLimits: Record<ThrottleSubject, { limit: number; windowMs: number }> = {
  pair: { limit: 5, windowMs: loginFailureWindowMs },
  ip: { limit: 20, windowMs: loginFailureWindowMs },
  username: { limit: 100, windowMs: 60 * 60_000 },
}
const longestWindowMs = Math.max(...Object.values(loginFailureLimits).map((l) => l.windowMs))

export type LoginAttempt = { ids: string[]; usernameKey: Buffer; pairKey: Buffer }

/** The moment a lock ends: `limit` failures within the window lock the subject for `lockMs` after the last. */
export function lockedUntilOf(failureTimes: Date[], limit: number, windowMs = loginFailureWindowMs, lockMs = loginLockMs) {
  let until: Date | undefined
  for (let last = limit - 1; last < failureTimes.length; last++) {
    const lastAt = failureTimes[last]!.getTime()
    if (lastAt - failureTimes[last - limit + 1]!.getTime() < windowMs && (!until || lastAt + lockMs > until.getTime())) {
      until = new Date(lastAt + lockMs)
    }
  }
  return until
}

/** The stored stand-in for a client IP: an HMAC keyed with the secret and the day, so it rotates daily. */
export function ipKeyOf(secretKey: string, clientIp: string, date: string) {
  return createHmac('sha256', `${secretKey}|${date}`).update(`ip:${clientIp}`).digest()
}

export function usernameKeyOf(secretKey: string, username: string) {
  return createHmac('sha256', secretKey).update(`username:${username}`).digest()
}

/** A username and client IP together; keyed with the day like the IP alone. */
export function pairKeyOf(secretKey: string, username: string, clientIp: string, date: string) {
  return createHmac('sha256', `${secretKey}|${date}`).update(`pair:${username}\n${clientIp}`).digest()
}

/**
 * Counts this attempt as a failure before the password is checked, or refuses it with `rate_limited` while
 * the username or the IP is locked. Counting first, under a lock, means a burst of parallel guesses cannot
 * get past the limit; a success removes the rows again (settleSuccessfulLogin).
 */
export async function beginLoginAttempt(deps: Deps, username: string, clientIp: string): Promise<LoginAttempt> {
  const now = deps.clock()
  const usernameKey = usernameKeyOf(deps.config.secretKey, username)
  const today = localTimeOf(now, deps.config.timeZone).date
  const pairKey = pairKeyOf(deps.config.secretKey, username, clientIp, today)
  const keys: ThrottleKey[] = [
    { subject: 'username', keyHash: usernameKey },
    { subject: 'ip', keyHash: ipKeyOf(deps.config.secretKey, clientIp, today) },
    { subject: 'pair', keyHash: pairKey },
  ]
  const since = new Date(now.getTime() - longestWindowMs - loginLockMs)
  await deleteLoginFailuresBefore(deps.sql, since)
  const ids = await deps.sql.begin(async (tx) => {
    await lockLoginThrottle(tx)
    const failures = await findLoginFailures(tx, keys, since)
    const lockEnd = Math.max(
      ...keys.map(({ subject }) => {
        const times = failures.filter((f) => f.subject === subject).map((f) => f.failedAt)
        const { limit, windowMs } = loginFailureLimits[subject]
        return lockedUntilOf(times, limit, windowMs)?.getTime() ?? 0
      }),
    )
    if (lockEnd > now.getTime()) {
      const retryAfterSeconds = Math.ceil((lockEnd - now.getTime()) / 1000)
      throw new AppError('rate_limited', 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.', undefined, retryAfterSeconds)
    }
    return insertLoginAttempts(tx, keys, now)
  })
  return { ids, usernameKey, pairKey }
}

/** A successful login is no failure: its rows go, and so do the username's earlier failures. */
export async function settleSuccessfulLogin(deps: Deps, attempt: LoginAttempt) {
  await deleteLoginFailuresOf(deps.sql, [attempt.usernameKey, attempt.pairKey], attempt.ids)
}
