import { describe, expect, it } from 'vitest'
import { uuidV7 } from '../../server/responses/response-id'

describe('response ids', () => {
  it('are version 7 UUIDs carrying the time, in time order', () => {
    const at = Date.UTC(2025, 7, 12, 3, 0, 0, 123)
    const id = uuidV7(at)
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at)
    expect(uuidV7(at + 1) > id).toBe(true)
    const many = new Set(Array.from({ length: 1000 }, () => uuidV7(at)))
    expect(many.size).toBe(1000)
  })
})
