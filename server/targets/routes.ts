import { Hono } from 'hono'
import { ByIdParams, NewPlan, NewTarget, TargetsQuery } from '../../shared/admin-contract'
import { vietnameseErrorMap as vi } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { createPlan, createTarget, listPlans, listTargets, removeTarget } from './service'

/** Kế hoạch CCHC: read by anyone within their scope, entered by admins and managers for their subtree. */
export function planRoutes(deps: Deps) {
  return new Hono<UserEnv>()
    .get('/', requireUser(deps), async (c) => c.json(await listPlans(deps, c.var.user)))
    .post('/', requireUser(deps, 'manager'), validate('json', NewPlan, vi), async (c) =>
      c.json(await createPlan(deps, c.var.user, c.req.valid('json')), 201),
    )
}

/** Targets, with the value in percent as the plans write it (`valuePercent: 96` for "≥ 96%"). */
export function targetRoutes(deps: Deps) {
  const writer = requireUser(deps, 'manager')
  return new Hono<UserEnv>()
    .get('/', requireUser(deps), validate('query', TargetsQuery, vi), async (c) =>
      c.json(await listTargets(deps, c.var.user, c.req.valid('query'))),
    )
    .post('/', writer, validate('json', NewTarget, vi), async (c) => c.json(await createTarget(deps, c.var.user, c.req.valid('json')), 201))
    .delete('/:id', writer, validate('param', ByIdParams, vi), async (c) => {
      await removeTarget(deps, c.var.user, c.req.valid('param').id)
      return c.body(null, 204)
    })
}
