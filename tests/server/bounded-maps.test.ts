import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { BoundedMap } from '../../server/bounded-map'
import { limitPerIp } from '../../server/rate-limit'
import { createDeviceIntervals } from '../../server/responses/device-intervals'

// Every in-memory map keyed by what clients send holds a bounded number of entries, whatever they send.

describe('BoundedMap', () => {
  it('forgets the least recently used entry past its size', () => {
    const map = new BoundedMap<string, number>(3)
    map.set('a', 1).set('b', 2).set('c', 3)
    expect(map.get('a')).toBe(1)
    map.set('d', 4)
    expect(map.size).toBe(3)
    expect(map.get('b')).toBeUndefined()
    expect([...map].map(([key]) => key)).toEqual(['c', 'a', 'd'])
  })
})

describe('device intervals under a flood of fresh cookies', () => {
  it('remember at most their bound, and still flag a repeat from a recent device', () => {
    const devices = createDeviceIntervals(600_000, 1000)
    const now = new Date(Date.UTC(2025, 0, 6, 2))
    for (let i = 0; i < 20_000; i++) devices.visit(`cookie-${i}`, 1, now)
    expect(devices.size).toBe(1000)
    expect(devices.visit('cookie-19999', 1, now).isRepeat).toBe(true)
    expect(devices.visit('cookie-0', 1, now).isRepeat).toBe(false)
  })

  it('forget devices whose interval has passed', () => {
    const devices = createDeviceIntervals(60_000)
    const start = Date.UTC(2025, 0, 6, 2)
    for (let i = 0; i < 500; i++) devices.visit(`old-${i}`, 1, new Date(start))
    devices.visit('new', 1, new Date(start + 120_000))
    expect(devices.size).toBe(1)
  })
})

describe('the per-IP rate limit under a flood of addresses', () => {
  it('counts at most its bound of addresses within a minute, and still limits a busy one', async () => {
    const now = new Date(Date.UTC(2025, 0, 6, 2, 0, 10))
    const limit = limitPerIp(
      3,
      () => now,
      (c) => c.req.header('x-test-ip') ?? 'none',
      500,
    )
    const app = new Hono().use(limit).get('/', (c) => c.text('ok'))
    app.onError((_error, c) => c.text('limited', 429))
    // Fresh /64s: addresses within one /64 count as one client.
    for (let i = 0; i < 5000; i++) await app.request('/', { headers: { 'x-test-ip': `2001:db8:${i.toString(16)}::1` } })
    expect(limit.size).toBe(500)
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await app.request('/', { headers: { 'x-test-ip': '203.0.113.1' } })).status)
    expect(statuses).toEqual([200, 200, 200, 429])
  })
})
