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
// Colleagues in one office often share one public IP, so the IP limit leaves room for their typos.
export const loginFailureLimits: Record<ThrottleSubject, number> = { username: 5, ip: 20 }

export type LoginAttempt = { ids: string[]; usernameKey: Buffer }

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

/**
 * Counts this attempt as a failure before the password is checked, or refuses it with `rate_limited` while
 * the username or the IP is locked. Counting first, under a lock, means a burst of parallel guesses cannot
 * get past the limit; a success removes the rows again (settleSuccessfulLogin).
 */
export async function beginLoginAttempt(deps: Deps, username: string, clientIp: string): Promise<LoginAttempt> {
  const now = deps.clock()
  const usernameKey = usernameKeyOf(deps.config.secretKey, username)
  const keys: ThrottleKey[] = [
    { subject: 'username', keyHash: usernameKey },
    { subject: 'ip', keyHash: ipKeyOf(deps.config.secretKey, clientIp, localTimeOf(now, deps.config.timeZone).date) },
  ]
  const since = new Date(now.getTime() - loginFailureWindowMs - loginLockMs)
  await deleteLoginFailuresBefore(deps.sql, since)
  const ids = await deps.sql.begin(async (tx) => {
    await lockLoginThrottle(tx)
    const failures = await findLoginFailures(tx, keys, since)
    const lockEnd = Math.max(
      ...keys.map(({ subject }) => {
        const times = failures.filter((f) => f.subject === subject).map((f) => f.failedAt)
        return lockedUntilOf(times, loginFailureLimits[subject])?.getTime() ?? 0
      }),
    )
    if (lockEnd > now.getTime()) {
      const retryAfterSeconds = Math.ceil((lockEnd - now.getTime()) / 1000)
      throw new AppError('rate_limited', 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.', undefined, retryAfterSeconds)
    }
    return insertLoginAttempts(tx, keys, now)
  })
  return { ids, usernameKey }
}

/** A successful login is no failure: its rows go, and so do the username's earlier failures. */
export async function settleSuccessfulLogin(deps: Deps, attempt: LoginAttempt) {
  await deleteLoginFailuresOf(deps.sql, attempt.usernameKey, attempt.ids)
}
