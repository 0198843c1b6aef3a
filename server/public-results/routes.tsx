import { createHash } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { PublicResultsParams, PublicResultsQuery } from '../../shared/public-results-contract'
import { qrSvgOf } from '../counters/qr-code'
import type { Deps } from '../deps'
import { AppError, errorBody } from '../errors'
import { createServedCache } from '../served-cache'
import { issuesOf } from '../validate'
import { PublicErrorPage, PublicResultsPage, pageStyleHash } from './page'
import { getPublicResults } from './service'

/** How long one rendered answer is reused, here and (Cache-Control) by browsers and proxies. */
export const publicResultsTtlSeconds = 60

type Rendered = { html: string; etag: string }

/**
 * GET /cong-khai/:unit?ky=…: the public results page. Rendered once per unit and period for a minute, in memory,
 * with an ETag (a repeated visit costs a 304); the figures are read from the read replica by the stats service.
 */
export function publicResultsRoutes(deps: Deps, { maxRendering = 2, maxWaiting = 20 } = {}) {
  const cache = createServedCache<Rendered>(publicResultsTtlSeconds * 1000, 2000)
  // One load per key at a time: a burst of visitors to a cold page shares it.
  const loading = new Map<string, Promise<Rendered | undefined>>()
  // A few renders at once, a short queue behind them, 429 beyond: a crawler walking every unit and period
  // (each render asks the stats service a few dozen questions) waits its turn instead of swamping PostgreSQL.
  const slots = createSlots(maxRendering, maxWaiting)
  const policy = secureHeaders({
    crossOriginEmbedderPolicy: false,
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: [pageStyleHash],
      imgSrc: ["'self'", 'data:'],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  })

  const render = async (unitKey: string, periodKey: string | undefined): Promise<Rendered> => {
    const results = await getPublicResults(deps, { unitKey, periodKey })
    const pageUrl = `${deps.config.publicUrl}/cong-khai/${encodeURIComponent(results.unit.code)}`
    const qrSvg = await qrSvgOf(pageUrl)
    const html = `${await (<PublicResultsPage results={results} pageUrl={pageUrl} qrSvg={qrSvg} />).toString()}`
    return { html, etag: `W/"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"` }
  }

  const load = (key: string, unitKey: string, periodKey: string | undefined) => {
    const pending = loading.get(key)
    if (pending) return pending
    const started = cache
      .get(key, deps.clock().getTime(), () => slots.run(() => render(unitKey, periodKey)))
      .finally(() => loading.delete(key))
    loading.set(key, started)
    return started
  }

  const failure = (c: Context, error: AppError) => {
    c.header('Cache-Control', 'no-store')
    if (error.retryAfterSeconds) c.header('Retry-After', String(error.retryAfterSeconds))
    if (!(c.req.header('accept') ?? '').includes('text/html')) return c.json(errorBody(error), error.status)
    const [title, body] =
      error.code === 'not_found'
        ? ['Không tìm thấy đơn vị', 'Không có đơn vị nào với mã này. Hãy kiểm tra lại địa chỉ.']
        : error.code === 'invalid_input'
          ? ['Kỳ không hợp lệ', error.issues?.[0]?.message ?? 'Kỳ không hợp lệ.']
          : ['Hệ thống đang bận', 'Vui lòng tải lại trang sau ít giây.']
    return c.html(<PublicErrorPage title={title} body={body} />, error.status as 400 | 404 | 429)
  }

  return new Hono().get('/:unit', policy, async (c) => {
    const params = PublicResultsParams.safeParse(c.req.param())
    if (!params.success) return failure(c, new AppError('not_found', 'Không tìm thấy đơn vị này.'))
    const query = PublicResultsQuery.safeParse(c.req.query())
    if (!query.success) return failure(c, new AppError('invalid_input', 'Dữ liệu không hợp lệ.', issuesOf(query.error)))
    const { unit } = params.data
    const { ky } = query.data
    let rendered: Rendered | undefined
    try {
      rendered = await load(`${unit}|${ky ?? ''}`, unit, ky)
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return failure(c, error)
      throw error
    }
    if (!rendered) return failure(c, new AppError('not_found', 'Không tìm thấy đơn vị này.'))
    c.header('Cache-Control', `public, max-age=${publicResultsTtlSeconds}`)
    c.header('ETag', rendered.etag)
    if (
      c.req
        .header('if-none-match')
        ?.split(/\s*,\s*/)
        .includes(rendered.etag)
    )
      return c.body(null, 304)
    return c.html(rendered.html)
  })
}

/** At most `max` tasks at once and `maxWaiting` queued behind them; one more is refused with 429. */
function createSlots(max: number, maxWaiting: number) {
  let running = 0
  const waiting: (() => void)[] = []
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running < max) running += 1
      else if (waiting.length < maxWaiting) await new Promise<void>((start) => waiting.push(start))
      else throw new AppError('rate_limited', 'Quá nhiều yêu cầu, vui lòng thử lại sau ít giây.', undefined, 5)
      try {
        return await task()
      } finally {
        // The slot passes straight to the next in line, so a newcomer cannot slip in between.
        const next = waiting.shift()
        if (next) next()
        else running -= 1
      }
    },
  }
}
