import { Hono } from 'hono'
import { NewResponse } from '../../shared/response-contract'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { submitResponse } from './service'

export function responseRoutes(deps: Deps) {
  return new Hono().post('/', validate('json', NewResponse), async (c) => {
    const { isReplay, ...receipt } = await submitResponse(deps, c.req.valid('json'))
    return c.json(receipt, isReplay ? 200 : 201)
  })
}
