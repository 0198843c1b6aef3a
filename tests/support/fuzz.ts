import fc from 'fast-check'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { expect } from 'vitest'
import type { Db } from '../../server/db'

/** Every fuzz run is seeded: a failure is replayed exactly by the same run. */
export const fuzzSeed = 1_128_2026

/** Strings attackers and broken clients send. */
export const hostileStrings = [
  '',
  ' ',
  "' or 1=1 --",
  "'); drop table responses; --",
  '" or ""="',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u0041',
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '0',
  '1.5',
  '1e309',
  '99999999999999999999',
  '2025-02-30',
  '2025-13-01',
  '0000-00-00',
  'null',
  'undefined',
  'true',
  '__proto__',
  'constructor',
  '😀'.repeat(3),
  'x'.repeat(5000),
]

/** A JSON value of the wrong kind for almost any field: wrong types, deep nesting, prototype keys. */
export const badJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, -1, 0, 1.5, -0.0001, 1e308, -1e308, 2 ** 53 + 1, [], {}, [null], ['']),
  fc.constantFrom(...hostileStrings),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: -1_000_000, max: -1 }),
  fc.double({ noNaN: false }),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 5 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'a', 'x'), fc.oneof(fc.string({ maxLength: 5 }), fc.integer())),
  fc.integer({ min: 50, max: 3000 }).map((depth) => nested(depth)),
)

/** Bodies that are not a JSON object at all, or not JSON. */
export const rawBadBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    'null',
    'NaN',
    'Infinity',
    '-Infinity',
    '[]',
    '"text"',
    '42',
    '{',
    '{"a":',
    '{"a":1,}',
    "{'a':1}",
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
    '\u0000',
    '\ufeff{}',
    '{"a":"\\ud800"}',
    '{"a":1e99999}',
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.integer({ min: 500, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 500, max: 20_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
)

function nested(depth: number): unknown {
  let value: unknown = 1
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value }
  return value
}

/** Text that is not a valid id (a positive 32-bit integer): what an attacker puts in a path or a query. */
export const badIdText: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(...hostileStrings),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.integer({ max: 0 }).map(String),
    fc.constant('2147483648'),
  )
  .filter((text) => !isValidId(text))

const isValidId = (text: string) => {
  const n = Number(text.trim())
  return text.trim() !== '' && Number.isInteger(n) && n > 0 && n <= 2_147_483_647
}

/** Percent-encodes a string for a URL path or query, lone surrogates included (as raw, invalid UTF-8). */
export function encodeLoose(text: string): string {
  try {
    return encodeURIComponent(text)
  } catch {
    return Array.from(text, (ch) => {
      try {
        return encodeURIComponent(ch)
      } catch {
        return '%ED%A0%80'
      }
    }).join('')
  }
}

const errorCodes = ['invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'gone', 'payload_too_large', 'rate_limited']

/** A refusal in the one error shape: a 4xx with `{ error: { code, message, issues? } }`. */
export async function expectRefusal(res: Response, context: string) {
  const text = await res.text()
  expect(res.status, `${context}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400)
  expect(res.status, `${context}: ${text.slice(0, 300)}`).toBeLessThan(500)
  const body = JSON.parse(text) as { error: { code: string; message: string; issues?: unknown[] } }
  expect(Object.keys(body), context).toEqual(['error'])
  expect(errorCodes, context).toContain(body.error.code)
  expect(typeof body.error.message, context).toBe('string')
  expect(body.error.message.length, context).toBeGreaterThan(0)
  if (body.error.issues !== undefined) expect(Array.isArray(body.error.issues), context).toBe(true)
}

/** Row counts of every table of the app's schema, but login_failures (a failed login is meant to leave one). */
export async function rowCounts(sql: Db): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('login_failures', 'schema_migrations')
    order by table_name
  `
  const counts: Record<string, number> = {}
  for (const { name } of tables) {
    const [row] = await sql.unsafe<[{ n: number }]>(`select count(*)::int as n from "${name}"`)
    counts[name] = row.n
  }
  return counts
}

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

/** Heap in use right after a full collection. */
export function heapUsed(): number {
  collectGarbage()
  collectGarbage()
  return process.memoryUsage().heapUsed
}
