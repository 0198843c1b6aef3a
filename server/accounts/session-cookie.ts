import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { CookieOptions } from 'hono/utils/cookie'
import type { AppConfig } from '../deps'
import { sessionMaxAgeMs } from './service'

export const sessionCookieName = 'sipas_session'

type CookieConfig = Pick<AppConfig, 'publicUrl'>

/**
 * Under https the cookie is `__Host-sipas_session`: the browser then keeps it only if it is Secure, for
 * Path=/ and without a Domain, so a sibling subdomain cannot plant or overwrite a session.
 */
const isHostOnly = (config: CookieConfig | undefined) => config?.publicUrl.startsWith('https:') ?? false

const cookieOptionsOf = (config: CookieConfig): CookieOptions =>
  isHostOnly(config)
    ? { httpOnly: true, sameSite: 'Lax', path: '/', secure: true, prefix: 'host' }
    : { httpOnly: true, sameSite: 'Lax', path: '/', secure: false }

export const readSessionId = (c: Context, config: CookieConfig | undefined) =>
  isHostOnly(config) ? getCookie(c, sessionCookieName, 'host') : getCookie(c, sessionCookieName)

export function setSessionCookie(c: Context, config: CookieConfig, sessionId: string) {
  setCookie(c, sessionCookieName, sessionId, { ...cookieOptionsOf(config), maxAge: sessionMaxAgeMs / 1000 })
}

export function clearSessionCookie(c: Context, config: CookieConfig) {
  deleteCookie(c, sessionCookieName, cookieOptionsOf(config))
}
