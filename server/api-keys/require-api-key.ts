import { createMiddleware } from 'hono/factory'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { findApiKey, type ApiKeyHolder } from './service'

/** For the one-stop systems: `Authorization: Bearer <key>`, each key scoped to a unit subtree. */
export function requireApiKey(deps: Deps) {
  return createMiddleware<{ Variables: { apiKey: ApiKeyHolder } }>(async (c, next) => {
    const key = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
    const holder = key ? await findApiKey(deps, key) : undefined
    if (!holder) throw new AppError('unauthenticated', 'Khóa API không hợp lệ hoặc đã bị thu hồi.')
    c.set('apiKey', holder)
    await next()
  })
}
