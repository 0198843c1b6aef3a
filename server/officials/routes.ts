import { Hono } from 'hono'
import { ByIdParams } from '../../shared/admin-contract'
import { NewOfficial, OfficialResultsQuery, OfficialsQuery } from '../../shared/officials-contract'
import { vietnameseErrorMap as vi } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { addOfficial, getOfficialResults, listOfficials, removeOfficial } from './service'

/**
 * The officials serving each counter (listed by anyone of its scope, kept by admins and managers), and their
 * results for supervising levels only.
 */
export function officialRoutes(deps: Deps) {
  const writer = requireUser(deps, 'manager')
  return new Hono<UserEnv>()
    .get('/', requireUser(deps), validate('query', OfficialsQuery, vi), async (c) =>
      c.json(await listOfficials(deps, c.var.user, c.req.valid('query').counterId)),
    )
    .get('/results', requireUser(deps), validate('query', OfficialResultsQuery, vi), async (c) =>
      c.json(await getOfficialResults(deps, c.var.user, c.req.valid('query'))),
    )
    .post('/', writer, validate('json', NewOfficial, vi), async (c) =>
      c.json(await addOfficial(deps, c.var.user, c.req.valid('json')), 201),
    )
    .delete('/:id', writer, validate('param', ByIdParams, vi), async (c) => {
      await removeOfficial(deps, c.var.user, c.req.valid('param').id)
      return c.body(null, 204)
    })
}
