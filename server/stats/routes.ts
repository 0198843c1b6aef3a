import { Hono } from 'hono'
import { StatsQuery } from '../../shared/stats-query'
import { vietnameseErrorMap } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { getStats } from './service'

export function statsRoutes(deps: Deps) {
  return new Hono<UserEnv>().get(
    '/',
    requireUser(deps, 'analyst', 'manager'),
    validate('query', StatsQuery, vietnameseErrorMap),
    async (c) => c.json(await getStats(deps, c.var.user, c.req.valid('query'))),
  )
}
