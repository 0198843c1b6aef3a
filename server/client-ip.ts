import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import { BlockList, isIP } from 'node:net'

export const unknownClientIp = 'unknown'

/** The proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES): addresses and CIDR ranges. */
export type TrustedProxies = { list: BlockList; entries: string[] }

/** Parses a comma-separated list of addresses and CIDRs; `undefined` for an entry that is neither. */
export function parseTrustedProxies(text: string): TrustedProxies | { invalid: number } {
  const list = new BlockList()
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  for (const [index, entry] of entries.entries()) {
    const [address, prefixText, ...rest] = entry.split('/')
    const family = isIP(address ?? '')
    const type = family === 6 ? 'ipv6' : 'ipv4'
    if (family === 0 || rest.length > 0) return { invalid: index + 1 }
    if (prefixText === undefined) {
      list.addAddress(address!, type)
      continue
    }
    const prefix = Number(prefixText)
    if (!/^\d{1,3}$/.test(prefixText) || prefix > (family === 6 ? 128 : 32)) return { invalid: index + 1 }
    list.addSubnet(address!, prefix, type)
  }
  return { list, entries }
}

/** "::ffff:192.0.2.1" (an IPv4 client on a dual-stack socket) is "192.0.2.1". */
function plain(address: string): string {
  const trimmed = address.trim()
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(trimmed) ? trimmed.slice(7) : trimmed
}

function isTrusted(trusted: TrustedProxies, address: string) {
  const family = isIP(address)
  return family !== 0 && trusted.list.check(address, family === 6 ? 'ipv6' : 'ipv4')
}

/**
 * The client's address. Without trusted proxies: the socket's peer, and X-Forwarded-For is ignored (anyone
 * can send it). When the peer is a trusted proxy: the right-most X-Forwarded-For entry that is not itself a
 * trusted proxy. Entries left of it were written by the client and prove nothing.
 */
export function clientIpOf(c: Context, trusted?: TrustedProxies): string {
  let socketAddress: string | undefined
  try {
    socketAddress = getConnInfo(c).remote.address
  } catch {
    // app.request() in tests, or any runtime without a Node socket.
  }
  if (socketAddress === undefined) return unknownClientIp
  const peer = plain(socketAddress)
  if (!trusted || !isTrusted(trusted, peer)) return peer
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map(plain)
    .filter((entry) => entry !== '')
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const entry = forwarded[i]!
    if (isIP(entry) === 0) return unknownClientIp
    if (!isTrusted(trusted, entry)) return entry
  }
  // Every hop is a trusted proxy: the left-most is the closest to the client we know of.
  return forwarded[0] ?? peer
}
