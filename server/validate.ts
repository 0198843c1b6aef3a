import type { ValidationTargets } from 'hono'
import { validator } from 'hono/validator'
import type { z } from 'zod'
import { AppError, type Issue } from './errors'

export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    message: issue.message,
  }))
}

/**
 * Hono validator middleware that parses with a zod schema and fails as `invalid_input` in our one shape;
 * `error` words zod's own issues (the admin API passes shared/zod-vietnamese.ts).
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
  error?: z.core.$ZodErrorMap,
) {
  return validator(target, (value): z.output<T> => {
    const parsed = schema.safeParse(value, error ? { error } : undefined)
    if (!parsed.success) throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', issuesOf(parsed.error))
    return parsed.data
  })
}
