import { createMiddleware } from 'hono/factory'
import { AppError } from './errors'

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

function originOf(url: string | undefined) {
  if (url === undefined) return undefined
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}

/**
 * Refuses a state-changing request unless its Origin (or, without one, its Referer) is the app's own
 * public origin. Hono's `csrf` middleware is not used: it lets JSON through unchecked, ignores Referer and
 * answers outside our error shape. `exempt` lists "METHOD /path" of endpoints called from other sites on
 * purpose (the citizens' rating API, API-key endpoints).
 */
export function requireSameOrigin(publicUrl: string, { exempt = [] as string[] } = {}) {
  const ownOrigin = new URL(publicUrl).origin
  const exempted = new Set(exempt)
  return createMiddleware(async (c, next) => {
    if (!safeMethods.has(c.req.method) && !exempted.has(`${c.req.method} ${c.req.path}`)) {
      const origin = c.req.header('origin') ?? originOf(c.req.header('referer'))
      if (origin !== ownOrigin) throw new AppError('forbidden', 'Yêu cầu không đến từ trang của hệ thống.')
    }
    await next()
  })
}
