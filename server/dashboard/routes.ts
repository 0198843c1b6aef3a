import { Hono } from 'hono'
import { DashboardQuery } from '../../shared/stats-query'
import { vietnameseErrorMap } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { getDashboard } from './service'

/** GET /api/v1/stats/dashboard (docs/api.md). */
export function dashboardRoutes(deps: Deps) {
  return new Hono<UserEnv>().get(
    '/',
    requireUser(deps, 'analyst', 'manager'),
    validate('query', DashboardQuery, vietnameseErrorMap),
    async (c) => c.json(await getDashboard(deps, c.var.user, c.req.valid('query'))),
  )
}
