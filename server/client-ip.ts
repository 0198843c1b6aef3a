import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

export const unknownClientIp = 'unknown'

/**
 * The socket's peer address. Headers such as X-Forwarded-For are not read: anyone can send them, so behind
 * a proxy every client shares the proxy's address until a trusted-proxy setting exists.
 */
export function clientIpOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? unknownClientIp
  } catch {
    // app.request() in tests, or any runtime without a Node socket.
    return unknownClientIp
  }
}
