import { Hono } from 'hono'
import { ByIdParams, NewServicePoint, ScopeQuery, ServicePointChange } from '../../shared/admin-contract'
import { vietnameseErrorMap as vi } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { changeServicePoint, createServicePoint, listServicePoints } from './service'

/** Service points: read by anyone within their scope, written by admins and by managers in their subtree. */
export function servicePointRoutes(deps: Deps) {
  const writer = requireUser(deps, 'manager')
  return new Hono<UserEnv>()
    .get('/', requireUser(deps), validate('query', ScopeQuery, vi), async (c) =>
      c.json(await listServicePoints(deps, c.var.user, c.req.valid('query').unitId)),
    )
    .post('/', writer, validate('json', NewServicePoint, vi), async (c) =>
      c.json(await createServicePoint(deps, c.var.user, c.req.valid('json')), 201),
    )
    .patch('/:id', writer, validate('param', ByIdParams, vi), validate('json', ServicePointChange, vi), async (c) =>
      c.json(await changeServicePoint(deps, c.var.user, c.req.valid('param').id, c.req.valid('json'))),
    )
}
