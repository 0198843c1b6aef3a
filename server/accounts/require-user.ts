import { createMiddleware } from 'hono/factory'
import type { CurrentUser, Role } from '../../shared/auth-contract'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { findSessionUser } from './service'
import { readSessionId } from './session-cookie'

/** Hono env of routes behind requireUser: `c.var.user` is the signed-in user. */
export type UserEnv = { Variables: { user: CurrentUser } }

/**
 * Lets a request through only with a live session whose user has one of `roles` (any role when none is
 * given; an admin always passes), and puts the user on the context. Unit scope is the handler's job
 * (units/service.ts), as it depends on the unit a request names.
 */
export function requireUser(deps: Pick<Deps, 'sql' | 'clock'> & { config?: Pick<Deps['config'], 'publicUrl'> }, ...roles: Role[]) {
  return createMiddleware<UserEnv>(async (c, next) => {
    const user = await findSessionUser(deps, readSessionId(c, deps.config))
    if (!user) throw new AppError('unauthenticated', 'Vui lòng đăng nhập.')
    if (roles.length > 0 && user.role !== 'admin' && !roles.includes(user.role)) {
      throw new AppError('forbidden', 'Bạn không có quyền thực hiện thao tác này.')
    }
    c.set('user', user)
    await next()
    // What a signed-in user is shown is theirs: no browser or proxy cache keeps it.
    c.header('Cache-Control', 'no-store')
  })
}
