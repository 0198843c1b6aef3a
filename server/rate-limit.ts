import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { BoundedMap } from './bounded-map'
import { AppError } from './errors'
import { ipGroupOf } from './ip-group'

/**
 * A per-IP fixed window of one minute, in memory only (addresses are never stored, docs/domain.md §9); IPv6
 * clients are counted by /64. Generous by design: a waiting room shares one Wi-Fi address; device and
 * burst signals catch finer abuse.
 */
export function limitPerIp(limitPerMinute: number, clock: () => Date, ipOf: (c: Context) => string, maxAddresses = 100_000) {
  let windowStart = 0
  // Bounded: a flood of fresh addresses (IPv6 makes them cheap) forgets the least recent, not the memory.
  let counts = new BoundedMap<string, number>(maxAddresses)
  const middleware = createMiddleware(async (c, next) => {
    const now = clock().getTime()
    if (now - windowStart >= 60_000) {
      windowStart = now - (now % 60_000)
      counts = new BoundedMap(maxAddresses)
    }
    const ip = ipGroupOf(ipOf(c))
    const count = (counts.get(ip) ?? 0) + 1
    counts.set(ip, count)
    if (count > limitPerMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000))
      throw new AppError('rate_limited', 'Quá nhiều yêu cầu, vui lòng thử lại sau ít phút.', undefined, retryAfterSeconds)
    }
    await next()
  })
  /** How many addresses are counted in this window (for tests). */
  return Object.defineProperty(middleware, 'size', { get: () => counts.size }) as typeof middleware & { readonly size: number }
}
