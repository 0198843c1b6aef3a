import type { ContentfulStatusCode } from 'hono/utils/http-status'

const statusByCode = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>

export type ErrorCode = keyof typeof statusByCode

export type Issue = { path: (string | number)[]; message: string }

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
  }

  get status(): ContentfulStatusCode {
    return statusByCode[this.code]
  }
}

export type ErrorBody = { error: { code: ErrorCode; message: string; issues?: Issue[] } }

export function errorBody(error: AppError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.issues ? { issues: error.issues } : {}),
    },
  }
}

const uniqueViolation = '23505'

/** Turns anything thrown into an AppError; unknown errors become a bare `internal`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  if (isPostgresError(error) && error.code === uniqueViolation) {
    return new AppError('conflict', 'Dữ liệu đã tồn tại.')
  }
  return new AppError('internal', 'Lỗi máy chủ. Vui lòng thử lại sau.')
}

function isPostgresError(error: unknown): error is { code: string } {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'PostgresError'
}
