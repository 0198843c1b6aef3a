import { Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { compress } from 'hono/compress'
import { HTTPException } from 'hono/http-exception'
import { routePath } from 'hono/route'
import { authRoutes } from './accounts/routes'
import { campaignRoutes } from './campaigns/routes'
import { adminAppRoutes } from './admin-app/routes'
import { apiKeyRoutes } from './api-keys/routes'
import { auditRoutes } from './audit/routes'
import { fieldRoutes, procedureRoutes } from './catalogue/routes'
import { citizenRoutes } from './citizen/routes'
import { counterRoutes } from './counters/routes'
import { requireSameOrigin } from './csrf'
import type { Db } from './db'
import type { AppConfig, Deps } from './deps'
import { AppError, errorBody, toAppError } from './errors'
import { dossierRoutes } from './dossiers/routes'
import { emulationRoutes } from './emulation/routes'
import { exportRoutes } from './exports/routes'
import { feedbackRoutes } from './feedback/routes'
import { followUpRoutes } from './feedback/public-routes'
import { exclusionRoutes, flagRoutes } from './flags/routes'
import { healthRoutes } from './health/routes'
import { invitationRoutes } from './invitations/routes'
import { kioskApiRoutes, kioskPageRoutes } from './kiosks/routes'
import { limitPerIp } from './rate-limit'
import { clientIpOf } from './client-ip'
import { officialRoutes } from './officials/routes'
import { posterRoutes } from './posters/routes'
import { publicResultsRoutes } from './public-results/routes'
import { createDeviceIntervals } from './responses/device-intervals'
import { createLogger, type Logger } from './logger'
import { reportingApiRoutes, reportingPageRoutes } from './reporting/routes'
import { reportApiRoutes, reportPageRoutes } from './reports/routes'
import { responseRoutes } from './responses/routes'
import { securityHeaders } from './security-headers'
import { createResponseWriter, type ResponseWriter } from './responses/writer'
import { createServedCache, type ServedCache } from './served-cache'
import { servicePointRoutes } from './service-points/routes'
import { servedCacheTtlMs, type ServedSurvey } from './serving/service'
import { statsRoutes } from './stats/routes'
import { dashboardRoutes } from './dashboard/routes'
import { surveyPreviewRoutes } from './surveys/preview-routes'
import { assignmentRoutes, publicSurveyRoutes, surveyRoutes } from './surveys/routes'
import { planRoutes, targetRoutes } from './targets/routes'
import { unitRoutes } from './units/routes'
import { userRoutes } from './users/routes'
import { widgetApiRoutes, widgetScriptRoutes } from './widget/routes'

export type AppOptions = {
  sql: Db
  /** The pool analytics read from (a streaming replica, DATABASE_READ_URL); `sql` when not given. */
  readSql?: Db
  config: AppConfig
  logger?: Logger
  clock?: () => Date
  writer?: ResponseWriter
  /** What codes serve; main.ts passes one that listens for changes made by other processes. */
  servedSurveys?: ServedCache<ServedSurvey>
}

const maxBodyBytes = 64 * 1024
const maxImportBytes = 5 * 1024 * 1024

/**
 * Refuses a body over `limitBytes` with 413. A declared Content-Length is simply compared (Node's HTTP parser
 * holds a body to it); Hono's bodyLimit, which re-wraps the stream to count bytes and cost more than half of a
 * small POST's time in the bench, only counts bodies sent without a length.
 */
function limitBody(limitBytes: number): MiddlewareHandler {
  const tooLarge = () => {
    throw new AppError('payload_too_large', `Dữ liệu gửi lên vượt quá ${Math.round(limitBytes / 1024)} KB.`)
  }
  const counting = bodyLimit({ maxSize: limitBytes, onError: tooLarge })
  return async (c, next) => {
    const declared = c.req.header('content-length')
    if (declared === undefined) return counting(c, next)
    if (Number(declared) > limitBytes) tooLarge()
    await next()
  }
}

export function createApp(options: AppOptions) {
  const { sql, config } = options
  const deps: Deps = {
    sql,
    readSql: options.readSql ?? sql,
    config,
    logger: options.logger ?? createLogger(config.logLevel),
    clock: options.clock ?? (() => new Date()),
    writer: options.writer ?? createResponseWriter(sql, responseWriterOptions(config)),
    devices: createDeviceIntervals(config.integrity.deviceIntervalMs),
    servedSurveys: options.servedSurveys ?? createServedSurveyCache(),
    exportSlots: { inUse: 0 },
  }

  const app = new Hono()
  app.use(async (c, next) => {
    const startedAt = performance.now()
    await next()
    // No IP address or user agent is logged: they are personal data. Nor the path itself, which may hold a
    // live invitation token (/i/<token>): the route's pattern (/i/:token) is logged instead.
    deps.logger.info({ method: c.req.method, route: routePath(c, -1), status: c.res.status, ms: Math.round(performance.now() - startedAt) })
  })
  app.use(securityHeaders)
  // Pages, assets and lists are worth compressing; the answers to POSTs are a few bytes of JSON, and the
  // middleware costs more per request than it saves there (bench: submit path).
  const compressed = compress()
  app.use((c, next) => (c.req.method === 'POST' ? next() : compressed(c, next)))
  const smallBody = limitBody(maxBodyBytes)
  const importBody = limitBody(maxImportBytes)
  // Catalogue and dossier imports are CSV files of thousands of rows; every other body is a small form.
  app.use((c, next) => (c.req.path.endsWith('/import') ? importBody(c, next) : smallBody(c, next)))

  // Before any /api/v1 route, so a cross-site request gets 403 before its session is looked at. Exempt: the
  // citizens' ratings and the API-key endpoints (no cookie, so nothing to forge).
  app.use('/api/v1/*', requireSameOrigin(config.publicUrl, { exempt: ['POST /api/v1/responses', 'POST /api/v1/invitations'] }))
  app.route('/healthz', healthRoutes(deps))
  if (config.isRateLimited) {
    const perIp = limitPerIp(config.integrity.ipLimitPerMinute, deps.clock, (c) => clientIpOf(c, config.trustedProxies))
    for (const path of ['/q/*', '/i/*', '/api/v1/responses', '/api/v1/kiosks/*']) app.post(path, perIp)
  }
  app.route('/', citizenRoutes(deps))
  app.route('/', followUpRoutes(deps))
  app.route('/cong-khai', publicResultsRoutes(deps))
  app.route('/api/v1/public/surveys', publicSurveyRoutes(deps))
  app.route('/widget.js', widgetScriptRoutes())
  app.route('/api/v1/widget', widgetApiRoutes(deps))
  app.route('/kiosk', kioskPageRoutes())
  app.route('/api/v1/kiosks', kioskApiRoutes(deps))
  app.route('/api/v1/campaigns', campaignRoutes(deps))
  app.route('/api/v1/invitations', invitationRoutes(deps))
  app.route('/api/v1/api-keys', apiKeyRoutes(deps))
  app.route('/api/v1/responses', responseRoutes(deps))
  app.route('/api/v1/auth', authRoutes(deps))
  app.route('/api/v1/stats/dashboard', dashboardRoutes(deps))
  app.route('/api/v1/stats', statsRoutes(deps))
  app.route('/api/v1/flags', flagRoutes(deps))
  app.route('/api/v1/exports', exportRoutes(deps))
  app.route('/api/v1/dossier-counts', dossierRoutes(deps))
  app.route('/api/v1/responses', exclusionRoutes(deps))
  app.route('/api/v1/units', unitRoutes(deps))
  app.route('/api/v1/service-points', servicePointRoutes(deps))
  app.route('/api/v1/counters', counterRoutes(deps))
  app.route('/api/v1/officials', officialRoutes(deps))
  app.route('/api/v1/emulation', emulationRoutes(deps))
  app.route('/api/v1/fields', fieldRoutes(deps))
  app.route('/api/v1/procedures', procedureRoutes(deps))
  app.route('/api/v1/surveys', surveyRoutes(deps))
  app.route('/api/v1/assignments', assignmentRoutes(deps))
  app.route('/api/v1/plans', planRoutes(deps))
  app.route('/api/v1/targets', targetRoutes(deps))
  app.route('/api/v1/users', userRoutes(deps))
  app.route('/api/v1/audit', auditRoutes(deps))
  app.route('/api/v1/feedback', feedbackRoutes(deps))
  app.route('/admin/posters', posterRoutes(deps))
  app.route('/api/v1/reports', reportApiRoutes(deps))
  app.route('/admin/reports', reportPageRoutes(deps))
  app.route('/api/v1/reporting', reportingApiRoutes(deps))
  app.route('/admin/reporting', reportingPageRoutes(deps))
  app.route('/admin/surveys', surveyPreviewRoutes(deps))
  // Last: every other path under /admin is the app's own screen.
  app.route('/admin', adminAppRoutes())

  app.notFound((c) => c.json(errorBody(new AppError('not_found', 'Không tìm thấy địa chỉ này.')), 404))
  app.onError((error, c) => {
    const appError =
      error instanceof HTTPException && error.status < 500
        ? new AppError(error.status === 413 ? 'payload_too_large' : 'invalid_input', error.message)
        : toAppError(error)
    if (appError.code === 'internal') deps.logger.error({ err: error, route: routePath(c, -1) }, 'unhandled error')
    if (appError.retryAfterSeconds) c.header('Retry-After', String(appError.retryAfterSeconds))
    return c.json(errorBody(appError), appError.status)
  })
  return app
}

/** How the response writer batches and flags, from the settings. */
export function responseWriterOptions(config: AppConfig) {
  const { burstLimit, burstWindowMs, burstHourLimit } = config.integrity
  return { timeZone: config.timeZone, burst: { limit: burstLimit, windowMs: burstWindowMs, hourLimit: burstHourLimit }, ...config.submit }
}

/** The per-process cache of what each QR code serves. */
export const createServedSurveyCache = () => createServedCache<ServedSurvey>(servedCacheTtlMs)
