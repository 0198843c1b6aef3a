import type { Hono } from 'hono'

/** The app's own origin: state-changing requests without it are refused (server/csrf.ts). */
export const ownOrigin = 'http://localhost:3000'

/** Logs a seeded user in and answers the cookie header that carries their session. */
export async function signIn(app: Hono, user: { username: string; password: string }) {
  const res = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ownOrigin },
    body: JSON.stringify({ username: user.username, password: user.password }),
  })
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`)
  const session = /sipas_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1]
  return `sipas_session=${session}`
}
