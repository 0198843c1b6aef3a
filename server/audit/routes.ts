import { Hono } from 'hono'
import { AuditQuery } from '../../shared/admin-contract'
import { vietnameseErrorMap } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { listAudit } from './service'

export function auditRoutes(deps: Deps) {
  return new Hono<UserEnv>().get('/', requireUser(deps, 'manager'), validate('query', AuditQuery, vietnameseErrorMap), async (c) =>
    c.json(await listAudit(deps, c.var.user, c.req.valid('query'))),
  )
}
