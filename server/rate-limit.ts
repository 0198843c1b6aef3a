import { createMiddleware } from 'hono/factory'
import { clientIpOf } from './client-ip'
import { AppError } from './errors'
import { ipGroupOf } from './ip-group'

/**
 * A per-IP fixed window of one minute, in memory only (addresses are never stored, DOMAIN.md §9); IPv6
 * clients are counted by /64. Generous by design: a waiting room shares one Wi-Fi address; device and
 * burst signals catch finer abuse.
 */
export function limitPerIp(limitPerMinute: number, clock: () => Date) {
  let windowStart = 0
  let counts = new Map<string, number>()
  return createMiddleware(async (c, next) => {
    const now = clock().getTime()
    if (now - windowStart >= 60_000) {
      windowStart = now - (now % 60_000)
      counts = new Map()
    }
    const ip = ipGroupOf(clientIpOf(c))
    const count = (counts.get(ip) ?? 0) + 1
    counts.set(ip, count)
    if (count > limitPerMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000))
      throw new AppError('rate_limited', 'Quá nhiều yêu cầu, vui lòng thử lại sau ít phút.', undefined, retryAfterSeconds)
    }
    await next()
  })
}
