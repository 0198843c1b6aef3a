import { describe, expect, it } from 'vitest'
import { ipGroupOf } from '../../server/ip-group'

describe('ipGroupOf', () => {
  it('groups IPv6 clients by /64, whatever their spelling', () => {
    expect(ipGroupOf('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64')
    expect(ipGroupOf('2001:0db8:0001:0002:1111:2222:3333:4444')).toBe('2001:db8:1:2::/64')
    expect(ipGroupOf('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64')
    expect(ipGroupOf('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(ipGroupOf('2001:DB8:1:2::ABCD%eth0')).toBe('2001:db8:1:2::/64')
    expect(ipGroupOf('::1')).toBe('0:0:0:0::/64')
    expect(ipGroupOf('2001:db8:1:3::1')).not.toBe(ipGroupOf('2001:db8:1:2::1'))
  })

  it('keeps IPv4 addresses, IPv4-mapped ones included, and anything else as given', () => {
    expect(ipGroupOf('203.0.113.7')).toBe('203.0.113.7')
    expect(ipGroupOf('::ffff:203.0.113.7')).toBe('203.0.113.7')
    expect(ipGroupOf('unknown')).toBe('unknown')
  })
})
