import { Hono } from 'hono'
import { ExclusionRequest as ExclusionBody, ResponseParam } from '../../shared/flags-contract'
import { FlagsQuery } from '../../shared/stats-query'
import { vietnameseErrorMap } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { listAnomalies, listFlags, setResponseExcluded } from './service'

/** GET /api/v1/flags: the flags panel; GET /api/v1/flags/anomalies: counter-level anomalies. */
export function flagRoutes(deps: Deps) {
  const reader = requireUser(deps, 'analyst', 'manager')
  return (
    new Hono<UserEnv>()
      .get('/', reader, validate('query', FlagsQuery, vietnameseErrorMap), async (c) =>
        c.json(await listFlags(deps, c.var.user, c.req.valid('query'))),
      )
      // Counter-level anomalies (many ratings in a day, near-zero variance), raised to the supervising level.
      .get('/anomalies', reader, validate('query', FlagsQuery, vietnameseErrorMap), async (c) =>
        c.json(await listAnomalies(deps, c.var.user, c.req.valid('query'))),
      )
  )
}

/** POST /api/v1/responses/{id}/exclude and /restore: idempotent, 200 with the state reached. */
export function exclusionRoutes(deps: Deps) {
  // Per route, not `.use()`: mounted beside the citizens' POST /api/v1/responses, which needs no login.
  const signedIn = requireUser(deps, 'analyst', 'manager')
  return new Hono<UserEnv>()
    .post(
      '/:id/exclude',
      signedIn,
      validate('param', ResponseParam, vietnameseErrorMap),
      validate('json', ExclusionBody, vietnameseErrorMap),
      async (c) => c.json(await setResponseExcluded(deps, c.var.user, c.req.valid('param').id, true, c.req.valid('json').reason)),
    )
    .post(
      '/:id/restore',
      signedIn,
      validate('param', ResponseParam, vietnameseErrorMap),
      validate('json', ExclusionBody, vietnameseErrorMap),
      async (c) => c.json(await setResponseExcluded(deps, c.var.user, c.req.valid('param').id, false, c.req.valid('json').reason)),
    )
}
