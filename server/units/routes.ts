import { Hono } from 'hono'
import { ByIdParams as ById, NewSuccession, NewUnit, NewUnitVersion, UnitClosing, UnitsQuery } from '../../shared/admin-contract'
import { vietnameseErrorMap as vi } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { addPredecessor, addUnitVersion, closeUnit, createUnit, getUnit, listUnits } from './service'

/** The effective-dated unit tree: anyone signed in reads it within their scope; only admins change it. */
export function unitRoutes(deps: Deps) {
  const admin = requireUser(deps, 'admin')
  return new Hono<UserEnv>()
    .get('/', requireUser(deps), validate('query', UnitsQuery, vi), async (c) =>
      c.json(await listUnits(deps, c.var.user, c.req.valid('query').on)),
    )
    .get('/:id', requireUser(deps), validate('param', ById, vi), async (c) =>
      c.json(await getUnit(deps, c.var.user, c.req.valid('param').id)),
    )
    .post('/', admin, validate('json', NewUnit, vi), async (c) => c.json(await createUnit(deps, c.var.user, c.req.valid('json')), 201))
    .post('/:id/versions', admin, validate('param', ById, vi), validate('json', NewUnitVersion, vi), async (c) =>
      c.json(await addUnitVersion(deps, c.var.user, c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .post('/:id/close', admin, validate('param', ById, vi), validate('json', UnitClosing, vi), async (c) =>
      c.json(await closeUnit(deps, c.var.user, c.req.valid('param').id, c.req.valid('json'))),
    )
    .post('/:id/predecessors', admin, validate('param', ById, vi), validate('json', NewSuccession, vi), async (c) =>
      c.json(await addPredecessor(deps, c.var.user, c.req.valid('param').id, c.req.valid('json')), 201),
    )
}
