import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppConfig } from '../deps'
import { sessionMaxAgeMs } from './service'

export const sessionCookieName = 'sipas_session'

const cookieOptionsOf = (config: AppConfig) =>
  ({ httpOnly: true, sameSite: 'Lax', path: '/', secure: config.publicUrl.startsWith('https:') }) as const

export const readSessionId = (c: Context) => getCookie(c, sessionCookieName)

export function setSessionCookie(c: Context, config: AppConfig, sessionId: string) {
  setCookie(c, sessionCookieName, sessionId, { ...cookieOptionsOf(config), maxAge: sessionMaxAgeMs / 1000 })
}

export function clearSessionCookie(c: Context, config: AppConfig) {
  deleteCookie(c, sessionCookieName, cookieOptionsOf(config))
}
