import { isIPv6 } from 'node:net'

/**
 * The address that per-client limits count by: an IPv4 address as it is; an IPv6 one by its /64 prefix, as
 * one phone or home gets a whole /64 and can rotate through it at will. An IPv4-mapped IPv6 address
 * (::ffff:a.b.c.d, as a dual-stack socket reports IPv4 clients) is its IPv4 address.
 */
export function ipGroupOf(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)
  if (mapped) return mapped[1]!
  if (!isIPv6(address)) return address
  const [head = '', tail = ''] = address.split('%')[0]!.toLowerCase().split('::')
  const headParts = head === '' ? [] : head.split(':')
  const tailParts = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : []
  const parts = address.includes('::')
    ? [...headParts, ...Array(8 - headParts.length - tailParts.length).fill('0'), ...tailParts]
    : headParts
  return `${parts
    .slice(0, 4)
    .map((p) => p.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
