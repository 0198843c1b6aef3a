import { expect } from 'vitest'
import type { createApp } from '../../server/app'

type App = ReturnType<typeof createApp>

export const ownOrigin = 'http://localhost:3000'

export type Client = {
  request: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>
  get: (path: string) => Promise<Response>
  post: (path: string, body?: unknown) => Promise<Response>
  put: (path: string, body?: unknown) => Promise<Response>
  patch: (path: string, body?: unknown) => Promise<Response>
  delete: (path: string) => Promise<Response>
  postText: (path: string, text: string) => Promise<Response>
}

/** Requests as a browser of the admin app sends them: same Origin, the session cookie when there is one. */
export function clientOf(app: App, sessionId?: string, origin = ownOrigin): Client {
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: {
        origin,
        // Under https the session cookie carries the __Host- prefix (server/accounts/session-cookie.ts).
        ...(sessionId ? { cookie: `${origin.startsWith('https:') ? '__Host-' : ''}sipas_session=${sessionId}` } : {}),
        ...(body === undefined ? {} : typeof body === 'string' ? { 'content-type': 'text/csv' } : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
  return {
    request,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body ?? {}),
    put: (path, body) => request('PUT', path, body ?? {}),
    patch: (path, body) => request('PATCH', path, body ?? {}),
    delete: (path) => request('DELETE', path),
    postText: (path, text) => request('POST', path, text),
  }
}

/** Logs in through the API and answers a client carrying the session. */
export async function signIn(app: App, user: { username: string; password: string }, origin = ownOrigin) {
  const res = await clientOf(app, undefined, origin).post('/api/v1/auth/login', { username: user.username, password: user.password })
  expect(res.status).toBe(200)
  const sessionId = /sipas_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1]
  return { client: clientOf(app, sessionId, origin), sessionId: sessionId! }
}
