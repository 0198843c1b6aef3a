import { Hono } from 'hono'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import { PostersQuery } from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import { vietnameseErrorMap as vi } from '../../shared/zod-vietnamese'
import { requireUser } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { PosterPage } from './poster-page'
import { getPosterSheet } from './service'

type Env = { Variables: { user: CurrentUser; secureHeadersNonce?: string } }

/** GET /admin/posters?unitId=: the printable QR sheet of a unit subtree, for anyone signed in within that scope. */
export function posterRoutes(deps: Deps) {
  // A page of inline SVG and one inline stylesheet, allowed by its nonce and nothing else.
  const policy = secureHeaders({
    crossOriginEmbedderPolicy: false,
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: [NONCE],
      imgSrc: ["'self'", 'data:'],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
  })
  return new Hono<Env>().get('/', policy, requireUser(deps), validate('query', PostersQuery, vi), async (c) => {
    const sheet = await getPosterSheet(deps, c.var.user, c.req.valid('query').unitId)
    c.header('cache-control', 'private, no-store')
    return c.html(<PosterPage {...sheet} nonce={c.get('secureHeadersNonce')} />)
  })
}
