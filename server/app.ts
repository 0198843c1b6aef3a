import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { compress } from 'hono/compress'
import { HTTPException } from 'hono/http-exception'
import { secureHeaders } from 'hono/secure-headers'
import { authRoutes } from './accounts/routes'
import { adminAppRoutes } from './admin-app/routes'
import { citizenRoutes } from './citizen/routes'
import { requireSameOrigin } from './csrf'
import type { Db } from './db'
import type { AppConfig, Deps } from './deps'
import { AppError, errorBody, toAppError } from './errors'
import { healthRoutes } from './health/routes'
import { invitationRoutes } from './invitations/routes'
import { limitPerIp } from './rate-limit'
import { createDeviceIntervals } from './responses/device-intervals'
import { createLogger, type Logger } from './logger'
import { responseRoutes } from './responses/routes'
import { createResponseWriter, type ResponseWriter } from './responses/writer'
import { publicSurveyRoutes } from './surveys/routes'

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
    writer: options.writer ?? createResponseWriter(sql, responseWriterOptions(config)),
    devices: createDeviceIntervals(config.integrity.deviceIntervalMs),
  }

  const app = new Hono()
  app.use(async (c, next) => {
    const startedAt = performance.now()
    await next()
    // No IP address or user agent is logged: they are personal data (DOMAIN.md §9).
    deps.logger.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - startedAt) })
  })
  app.use(secureHeaders({ crossOriginEmbedderPolicy: false }))
  app.use(compress())
  app.use(
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new AppError('payload_too_large', `Dữ liệu gửi lên vượt quá ${maxBodyBytes / 1024} KB.`)
      },
    }),
  )

  // Before any /api/v1 route, so a cross-site request gets 403 before its session is looked at. Exempt: the
  // citizens' ratings and the API-key endpoints (no cookie, so nothing to forge).
  app.use('/api/v1/*', requireSameOrigin(config.publicUrl, { exempt: ['POST /api/v1/responses', 'POST /api/v1/invitations'] }))
  app.route('/healthz', healthRoutes(deps))
  if (config.isRateLimited) {
    const perIp = limitPerIp(config.integrity.ipLimitPerMinute, deps.clock)
    for (const path of ['/q/*', '/i/*', '/api/v1/responses']) app.post(path, perIp)
  }
  app.route('/', citizenRoutes(deps))
  app.route('/api/v1/public/surveys', publicSurveyRoutes(deps))
  app.route('/api/v1/invitations', invitationRoutes(deps))
  app.route('/api/v1/responses', responseRoutes(deps))
  app.route('/api/v1/auth', authRoutes(deps))
  // Last: every other path under /admin is the app's own screen.
  app.route('/admin', adminAppRoutes())

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

/** How the response writer batches and flags, from the settings. */
export function responseWriterOptions(config: AppConfig) {
  const { burstLimit, burstWindowMs } = config.integrity
  return { timeZone: config.timeZone, burst: { limit: burstLimit, windowMs: burstWindowMs }, ...config.submit }
}
