import { Hono } from 'hono'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import { ByIdParams } from '../../shared/admin-contract'
import { KioskPairing, KioskRating, NewKiosk } from '../../shared/kiosk-contract'
import { vietnameseErrorMap as vi } from '../../shared/zod-vietnamese'
import { KioskPage } from '../../survey-web/pages/kiosk-page'
import { readSessionId } from '../accounts/session-cookie'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { kioskScript } from './kiosk-script'
import { createKiosk, getPairedKiosk, kioskFormOf, pairTablet, rateOnKiosk, removeKiosk } from './service'

/** Kiosks: created and removed by managers (their subtree), paired and used by the tablet with its token. */
export function kioskApiRoutes(deps: Deps) {
  const manager = requireUser(deps, 'manager')
  return new Hono<UserEnv>()
    .post('/', manager, validate('json', NewKiosk, vi), async (c) => c.json(await createKiosk(deps, c.var.user, c.req.valid('json')), 201))
    .post('/:id/remove', manager, validate('param', ByIdParams, vi), async (c) => {
      await removeKiosk(deps, c.var.user, c.req.valid('param').id)
      return c.body(null, 204)
    })
    .post('/pair', validate('json', KioskPairing, vi), async (c) => c.json(await pairTablet(deps, c.req.valid('json').pairingCode)))
    .get('/me', async (c) => {
      c.header('Cache-Control', 'no-store')
      return c.json(kioskFormOf(await getPairedKiosk(deps, c.req.header('authorization'))))
    })
    .post('/ratings', validate('json', KioskRating, vi), async (c) => {
      const kiosk = await getPairedKiosk(deps, c.req.header('authorization'))
      const { receipt, isReplay } = await rateOnKiosk(deps, kiosk, c.req.valid('json'), { sessionId: readSessionId(c, deps.config) })
      return c.json(receipt, isReplay ? 200 : 201)
    })
}

/** GET /kiosk: the tablet's full-screen page; its script pairs, rates, resets and queues. */
export function kioskPageRoutes() {
  return new Hono<{ Variables: { secureHeadersNonce?: string } }>()
    .use(
      secureHeaders({
        crossOriginEmbedderPolicy: false,
        contentSecurityPolicy: {
          defaultSrc: ["'none'"],
          scriptSrc: [NONCE],
          styleSrc: [NONCE],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
        },
      }),
    )
    .get('/', (c) => c.html(<KioskPage nonce={c.get('secureHeadersNonce') ?? ''} script={kioskScript()} />))
}
