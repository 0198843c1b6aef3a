import { Hono } from 'hono'
import { ByIdParams, NewApiKey } from '../../shared/admin-contract'
import { vietnameseErrorMap as vi } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { createApiKey, listApiKeys, revokeKey } from './service'

/**
 * Keys for the one-stop information system, which is provincial: only an admin issues or revokes one, so a
 * unit's own staff cannot mint verified ratings for it. A manager may list the keys of their subtree.
 */
export function apiKeyRoutes(deps: Deps) {
  const manager = requireUser(deps, 'manager')
  const admin = requireUser(deps, 'admin')
  return new Hono<UserEnv>()
    .get('/', manager, async (c) => c.json(await listApiKeys(deps, c.var.user)))
    .post('/', admin, validate('json', NewApiKey, vi), async (c) => c.json(await createApiKey(deps, c.var.user, c.req.valid('json')), 201))
    .post('/:id/revoke', admin, validate('param', ByIdParams, vi), async (c) => {
      await revokeKey(deps, c.var.user, c.req.valid('param').id)
      return c.body(null, 204)
    })
}
