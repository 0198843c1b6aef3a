import { expect } from 'vitest'
import type { z } from 'zod'

/**
 * Reads an answer through its contract (shared/*-contract.ts), as the admin app does: the status must be the
 * expected one, the body must parse, and it must carry nothing the contract leaves unnamed (parsing drops
 * unknown keys, so the parsed body would differ). The result is typed by the contract: a test that reads a
 * renamed field no longer compiles.
 */
export async function answerOf<S extends z.ZodType>(res: Response, schema: S, status = 200): Promise<z.output<S>> {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  const body: unknown = JSON.parse(text)
  const parsed = schema.safeParse(body)
  expect(parsed.error?.issues ?? [], 'the answer does not match its contract').toEqual([])
  expect(parsed.data, 'the answer carries fields its contract does not name').toEqual(body)
  return parsed.data as z.output<S>
}
