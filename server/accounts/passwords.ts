import { hash, verify } from '@node-rs/argon2'
import { randomBytes } from 'node:crypto'

// Argon2id (the library's default algorithm) with OWASP's second recommended setting: m = 19 MiB, t = 2, p = 1.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export const hashPassword = (password: string) => hash(password, options)
export const isPasswordOf = (passwordHash: string, password: string) => verify(passwordHash, password).catch(() => false)

/** A password to print once: 16 characters from an alphabet without look-alikes (0/O, 1/l/I). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  return [...randomBytes(16)].map((byte) => alphabet[byte % alphabet.length]).join('')
}
