import { Hono } from 'hono'
import { z } from 'zod'
import { procedureCodePattern } from '../../shared/procedure-code'
import { requireApiKey } from '../api-keys/require-api-key'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { mintInvitation } from './service'

const NewInvitation = z
  .object({
    counterId: z.number().int().positive(),
    dossierCode: z.string().trim().min(1).max(100),
    fieldCode: z.string().min(1).max(60).optional(),
    procedureCode: z.string().regex(procedureCodePattern, 'must be a mã TTHC such as 1.001193').optional(),
    // The one-stop system says `online` when it returns the dossier's result online (the portal, e-mail).
    channel: z.enum(['invitation', 'online']).default('invitation'),
    expiresInDays: z.number().int().min(1).max(90).default(30),
  })
  .strict()

export function invitationRoutes(deps: Deps) {
  return new Hono().post('/', requireApiKey(deps), validate('json', NewInvitation), async (c) => {
    return c.json(await mintInvitation(deps, c.get('apiKey'), c.req.valid('json')), 201)
  })
}
