import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

// 6 random bytes and 6 bytes of HMAC-SHA256: 16 URL-safe characters, short enough for a small QR code,
// and a forgery is rejected before any database look-up.
const nonceBytes = 6
const tagBytes = 6
export const counterCodeLength = 16

function tagOf(secretKey: string, nonce: Buffer) {
  return createHmac('sha256', secretKey).update('counter-code:').update(nonce).digest().subarray(0, tagBytes)
}

export function mintCounterCode(secretKey: string): string {
  const nonce = randomBytes(nonceBytes)
  return Buffer.concat([nonce, tagOf(secretKey, nonce)]).toString('base64url')
}

export function isSignedCounterCode(secretKey: string, code: string): boolean {
  if (code.length !== counterCodeLength || !/^[A-Za-z0-9_-]+$/.test(code)) return false
  const bytes = Buffer.from(code, 'base64url')
  if (bytes.length !== nonceBytes + tagBytes) return false
  return timingSafeEqual(bytes.subarray(nonceBytes), tagOf(secretKey, bytes.subarray(0, nonceBytes)))
}
