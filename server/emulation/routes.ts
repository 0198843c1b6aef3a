import { Hono } from 'hono'
import { EmulationQuery } from '../../shared/officials-contract'
import { vietnameseErrorMap as vi } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { emulationCsv, getEmulation } from './service'

/** The yearly emulation (thi đua) table of a subtree, as JSON and as CSV. */
export function emulationRoutes(deps: Deps) {
  return new Hono<UserEnv>()
    .get('/', requireUser(deps), validate('query', EmulationQuery, vi), async (c) =>
      c.json(await getEmulation(deps, c.var.user, c.req.valid('query'))),
    )
    .get('/export.csv', requireUser(deps), validate('query', EmulationQuery, vi), async (c) => {
      const answer = await getEmulation(deps, c.var.user, c.req.valid('query'))
      c.header('content-type', 'text/csv; charset=utf-8')
      c.header('content-disposition', `attachment; filename="thi-dua-${answer.year}.csv"`)
      return c.body(emulationCsv(answer))
    })
}
