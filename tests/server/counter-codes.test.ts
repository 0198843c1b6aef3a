import { describe, expect, it } from 'vitest'
import { counterCodeLength, isSignedCounterCode, mintCounterCode } from '../../server/serving/codes'

const key = 'k'.repeat(40)

describe('counter codes', () => {
  it('are short, URL-safe and verify with the key that signed them', () => {
    const code = mintCounterCode(key)
    expect(code).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(code).toHaveLength(counterCodeLength)
    expect(isSignedCounterCode(key, code)).toBe(true)
    expect(isSignedCounterCode('x'.repeat(40), code)).toBe(false)
  })

  it('reject a code with any character changed', () => {
    const code = mintCounterCode(key)
    for (let i = 0; i < code.length; i++) {
      const forged = code.slice(0, i) + (code[i] === 'A' ? 'B' : 'A') + code.slice(i + 1)
      expect(isSignedCounterCode(key, forged)).toBe(false)
    }
  })

  it('are different each time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => mintCounterCode(key)))
    expect(codes.size).toBe(200)
  })
})
