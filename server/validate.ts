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

/** Hono validator middleware that parses with a zod schema and fails as `invalid_input` in our one shape. */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return validator(target, (value): z.output<T> => {
    const parsed = schema.safeParse(value)
    if (!parsed.success) throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', issuesOf(parsed.error))
    return parsed.data
  })
}
