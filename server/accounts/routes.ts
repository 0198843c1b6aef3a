import { Hono } from 'hono'
import { type AuthAnswer, LoginRequest, PasswordChange } from '../../shared/auth-contract'
import { clientIpOf } from '../client-ip'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { requireUser } from './require-user'
import { changeOwnPassword, logIn, logOut } from './service'
import { clearSessionCookie, readSessionId, setSessionCookie } from './session-cookie'

export function authRoutes(deps: Deps) {
  return (
    new Hono()
      .post('/login', validate('json', LoginRequest), async (c) => {
        const { user, sessionId } = await logIn(deps, {
          ...c.req.valid('json'),
          clientIp: clientIpOf(c, deps.config.trustedProxies),
          previousSessionId: readSessionId(c, deps.config),
        })
        setSessionCookie(c, deps.config, sessionId)
        c.header('Cache-Control', 'no-store')
        return c.json({ user } satisfies AuthAnswer)
      })
      .post('/logout', async (c) => {
        const sessionId = readSessionId(c, deps.config)
        if (sessionId !== undefined) await logOut(deps, sessionId)
        clearSessionCookie(c, deps.config)
        return c.body(null, 204)
      })
      .get('/me', requireUser(deps), (c) => c.json({ user: c.var.user } satisfies AuthAnswer))
      // Any signed-in user changes their own password; no manager can do it for a peer.
      .post('/password', requireUser(deps), validate('json', PasswordChange), async (c) => {
        await changeOwnPassword(deps, c.var.user, readSessionId(c, deps.config)!, c.req.valid('json'))
        return c.body(null, 204)
      })
  )
}
