import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto'

/**
 * The inbox names a rating by an opaque key, never by its id: a rating's id begins with the time it was given,
 * which the inbox must not tell. The key is the id's 16 bytes enciphered as one AES block under a key derived
 * from the server's secret; the server reads it back, nobody else can.
 */
const cipherKeyOf = (secretKey: string) => createHmac('sha256', secretKey).update('feedback-item-key').digest().subarray(0, 16)

export function itemKeyOf(secretKey: string, responseId: string): string {
  const cipher = createCipheriv('aes-128-ecb', cipherKeyOf(secretKey), null).setAutoPadding(false)
  const bytes = Buffer.from(responseId.replace(/-/g, ''), 'hex')
  return Buffer.concat([cipher.update(bytes), cipher.final()]).toString('base64url')
}

/** The rating id behind a key, or undefined for anything that is not one of ours. */
export function responseIdOf(secretKey: string, itemKey: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{22}$/.test(itemKey)) return undefined
  const bytes = Buffer.from(itemKey, 'base64url')
  if (bytes.length !== 16) return undefined
  const decipher = createDecipheriv('aes-128-ecb', cipherKeyOf(secretKey), null).setAutoPadding(false)
  const hex = Buffer.concat([decipher.update(bytes), decipher.final()]).toString('hex')
  // Any 16 bytes decipher to something: only a well-formed UUID (version 4 or 7, RFC variant) is taken.
  if (!/^[0-9a-f]{12}[47][0-9a-f]{3}[89ab][0-9a-f]{15}$/.test(hex)) return undefined
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
