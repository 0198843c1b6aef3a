import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { secureHeaders } from 'hono/secure-headers'
import { citizenRoutes } from './citizen/routes'
import type { Db } from './db'
import type { AppConfig, Deps } from './deps'
import { AppError, errorBody, toAppError } from './errors'
import { healthRoutes } from './health/routes'
import { createLogger, type Logger } from './logger'
import { responseRoutes } from './responses/routes'
import { createResponseWriter, type ResponseWriter } from './responses/writer'

export type AppOptions = {
  sql: Db
  config: AppConfig
  logger?: Logger
  clock?: () => Date
  writer?: ResponseWriter
}

const maxBodyBytes = 64 * 1024

export function createApp(options: AppOptions) {
  const { sql, config } = options
  const deps: Deps = {
    sql,
    config,
    logger: options.logger ?? createLogger(config.logLevel),
    clock: options.clock ?? (() => new Date()),
    writer: options.writer ?? createResponseWriter(sql, { timeZone: config.timeZone }),
  }

  const app = new Hono()
  app.use(async (c, next) => {
    const startedAt = performance.now()
    await next()
    // No IP address or user agent is logged: they are personal data (DOMAIN.md §9).
    deps.logger.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - startedAt) })
  })
  app.use(secureHeaders({ crossOriginEmbedderPolicy: false }))
  app.use(
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new AppError('payload_too_large', `Dữ liệu gửi lên vượt quá ${maxBodyBytes / 1024} KB.`)
      },
    }),
  )

  app.route('/healthz', healthRoutes(deps))
  app.route('/q', citizenRoutes(deps))
  app.route('/api/v1/responses', responseRoutes(deps))

  app.notFound((c) => c.json(errorBody(new AppError('not_found', 'Không tìm thấy địa chỉ này.')), 404))
  app.onError((error, c) => {
    const appError =
      error instanceof HTTPException && error.status < 500
        ? new AppError(error.status === 413 ? 'payload_too_large' : 'invalid_input', error.message)
        : toAppError(error)
    if (appError.code === 'internal') deps.logger.error({ err: error, path: c.req.path }, 'unhandled error')
    if (appError.retryAfterSeconds) c.header('Retry-After', String(appError.retryAfterSeconds))
    return c.json(errorBody(appError), appError.status)
  })
  return app
}
