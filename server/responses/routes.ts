import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { cors } from 'hono/cors'
import { NewResponse } from '../../shared/response-contract'
import { readSessionId } from '../accounts/session-cookie'
import type { Deps } from '../deps'
import { deviceCookie } from './device-intervals'
import { validate } from '../validate'
import { submitResponse } from './service'

export function responseRoutes(deps: Deps) {
  // Any origin may post a rating (the online portal's widget), never with credentials.
  return new Hono().use('/', cors({ origin: '*', allowMethods: ['POST'] })).post('/', validate('json', NewResponse), async (c) => {
    const context = { deviceToken: getCookie(c, deviceCookie), sessionId: readSessionId(c, deps.config) }
    const { isReplay, ...receipt } = await submitResponse(deps, c.req.valid('json'), context)
    return c.json(receipt, isReplay ? 200 : 201)
  })
}
