import { z } from 'zod'
import { AuthAnswer } from '../shared/auth-contract'

/** An answer of the API in its one error shape, with each issue's path and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: (string | number)[]; message: string }[] = [],
  ) {
    super(message)
  }
}

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
  }),
})

/** The only place that calls fetch: same-origin, JSON in and out, every answer parsed with a schema. */
export async function request<T extends z.ZodType>(schema: T, method: string, path: string, body?: unknown): Promise<z.output<T>> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': typeof body === 'string' ? 'text/csv' : 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  if (res.status === 204) return schema.parse(undefined)
  const json: unknown = await res.json().catch(() => undefined)
  if (!res.ok) {
    const parsed = ErrorBody.safeParse(json)
    if (parsed.success) throw new ApiError(res.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.issues)
    throw new ApiError(res.status, 'internal', 'Máy chủ không trả lời đúng. Vui lòng thử lại.')
  }
  return schema.parse(json)
}

export const api = {
  me: () => request(AuthAnswer, 'GET', '/auth/me').then((a) => a.user),
  login: (username: string, password: string) =>
    request(AuthAnswer, 'POST', '/auth/login', { username, password }).then((a) => a.user),
  logout: () => request(z.undefined(), 'POST', '/auth/logout'),
}
