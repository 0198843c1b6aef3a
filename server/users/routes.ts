import { Hono } from 'hono'
import { ByIdParams, NewUser, PasswordReset, ScopeQuery } from '../../shared/admin-contract'
import { vietnameseErrorMap as vi } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { createUser, listUsers, resetPassword, setUserDisabled } from './service'

/** Accounts: admins manage all, managers the managers and analysts of their subtree; analysts none. */
export function userRoutes(deps: Deps) {
  const manager = requireUser(deps, 'manager')
  const byId = validate('param', ByIdParams, vi)
  return new Hono<UserEnv>()
    .get('/', manager, validate('query', ScopeQuery, vi), async (c) =>
      c.json(await listUsers(deps, c.var.user, c.req.valid('query').unitId)),
    )
    .post('/', manager, validate('json', NewUser, vi), async (c) => c.json(await createUser(deps, c.var.user, c.req.valid('json')), 201))
    .post('/:id/password', manager, byId, validate('json', PasswordReset, vi), async (c) => {
      await resetPassword(deps, c.var.user, c.req.valid('param').id, c.req.valid('json').password)
      return c.body(null, 204)
    })
    .post('/:id/disable', manager, byId, async (c) => c.json(await setUserDisabled(deps, c.var.user, c.req.valid('param').id, true)))
    .post('/:id/enable', manager, byId, async (c) => c.json(await setUserDisabled(deps, c.var.user, c.req.valid('param').id, false)))
}
