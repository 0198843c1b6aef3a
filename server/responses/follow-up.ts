import { createHash, createHmac } from 'node:crypto'

const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/**
 * The follow-up code of a rating that carries a comment: 80 bits of a keyed hash of the rating's id, written
 * in 16 base32 letters. Without the server's secret nobody can guess or derive one; the same rating always
 * gets the same code, so a replayed form shows the code the first one did. Only the code's hash is stored.
 */
export function followUpCodeOf(secretKey: string, responseId: string): string {
  const bytes = createHmac('sha256', secretKey).update(`follow-up:${responseId}`).digest().subarray(0, 10)
  let bits = 0
  let value = 0
  let code = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      code += base32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  return code
}

/** What is stored of a code (and looked up by): its SHA-256. */
export const followUpHashOf = (code: string) => createHash('sha256').update(code).digest()
