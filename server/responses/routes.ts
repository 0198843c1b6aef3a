import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { NewResponse } from '../../shared/response-contract'
import { readSessionId } from '../accounts/session-cookie'
import type { Deps } from '../deps'
import { deviceCookie } from './device-intervals'
import { validate } from '../validate'
import { submitResponse } from './service'

export function responseRoutes(deps: Deps) {
  return new Hono().post('/', validate('json', NewResponse), async (c) => {
    const context = { deviceToken: getCookie(c, deviceCookie), sessionId: readSessionId(c, deps.config) }
    const { isReplay, ...receipt } = await submitResponse(deps, c.req.valid('json'), context)
    return c.json(receipt, isReplay ? 200 : 201)
  })
}
