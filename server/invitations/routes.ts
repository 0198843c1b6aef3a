import { Hono } from 'hono'
import { NewInvitation } from '../../shared/invitation-contract'
import { requireApiKey } from '../api-keys/require-api-key'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { mintInvitation } from './service'

export function invitationRoutes(deps: Deps) {
  return new Hono().post('/', requireApiKey(deps), validate('json', NewInvitation), async (c) => {
    return c.json(await mintInvitation(deps, c.get('apiKey'), c.req.valid('json')), 201)
  })
}
