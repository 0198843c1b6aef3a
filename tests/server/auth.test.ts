import { createHash, randomBytes } from 'node:crypto'
import { Hono } from 'hono'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ipKeyOf, lockedUntilOf } from '../../server/accounts/login-throttle'
import { requireUser } from '../../server/accounts/require-user'
import { clientIpOf } from '../../server/client-ip'
import { errorBody, toAppError } from '../../server/errors'
import { localTimeOf } from '../../shared/local-time'
import { testApp, testConfig, testSecretKey } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedUser } from '../support/factories'

const ownOrigin = 'http://localhost:3000'
const minute = 60_000

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
let now: Date
const clock = () => now
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms)
}

beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql, { clock }).app
})
afterAll(() => db.drop())

// Each test lives on its own day: every request here comes from the same socket-less client, so failures
// counted against its IP in one test must not lock the next.
let day = 0
beforeEach(() => {
  now = new Date(Date.UTC(2025, 2, 1 + day++, 2, 0))
})

type RequestOptions = { headers?: Record<string, string>; env?: unknown; target?: typeof app }

const socketOf = (address: string) => ({ incoming: { socket: { remoteAddress: address, remotePort: 50_000, remoteFamily: 'IPv4' } } })

function logIn(username: string, password: string, { headers = {}, env, target = app }: RequestOptions = {}) {
  return target.request(
    '/api/v1/auth/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ownOrigin, ...headers },
      body: JSON.stringify({ username, password }),
    },
    env,
  )
}

const sessionIdOf = (res: Response) => /sipas_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1]
const me = (sessionId: string | undefined) =>
  app.request('/api/v1/auth/me', { headers: sessionId ? { cookie: `sipas_session=${sessionId}` } : {} })
const logOut = (sessionId: string, headers: Record<string, string> = { origin: ownOrigin }) =>
  app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie: `sipas_session=${sessionId}`, ...headers } })

async function logInAs(user: { username: string; password: string }) {
  const res = await logIn(user.username, user.password)
  expect(res.status).toBe(200)
  return sessionIdOf(res)!
}

const hashOf = (sessionId: string) => createHash('sha256').update(sessionId).digest()
async function sessionRow(sessionId: string) {
  const [row] = await db.sql<[{ userId: number; lastSeenAt: Date }?]>`
    select user_id, last_seen_at from sessions where id_hash = ${hashOf(sessionId)}
  `
  return row
}

describe('POST /api/v1/auth/login', () => {
  it('answers the user and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const user = await seedUser(db.sql, { role: 'manager' })
    const res = await logIn(user.username, user.password)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      user: { id: user.id, username: user.username, displayName: `Cán bộ ${user.username}`, role: 'manager', unitId: user.unitId },
    })
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/^sipas_session=[A-Za-z0-9_-]{43};/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
    expect(cookie).toContain('Path=/')
    expect(cookie).not.toContain('Secure')
    expect(await sessionRow(sessionIdOf(res)!)).toMatchObject({ userId: user.id })
  })

  it('marks the cookie Secure when the public URL is https', async () => {
    const secure = testApp(db.sql, { clock, env: { PUBLIC_URL: 'https://khaosat.example.vn' } }).app
    const user = await seedUser(db.sql)
    const res = await logIn(user.username, user.password, { target: secure, headers: { origin: 'https://khaosat.example.vn' } })
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/^__Host-sipas_session=/)
    expect(cookie).toContain('Secure')
    expect(cookie).toContain('Path=/')
    expect(cookie).not.toContain('Domain')
    const sessionId = /__Host-sipas_session=([^;]*)/.exec(cookie)![1]!
    const asked = (name: string) => secure.request('/api/v1/auth/me', { headers: { cookie: `${name}=${sessionId}` } })
    expect((await asked('__Host-sipas_session')).status).toBe(200)
    // The plain name, which a sibling subdomain could set, is not read under https.
    expect((await asked('sipas_session')).status).toBe(401)
  })

  it('tells browsers and proxies not to keep a signed-in answer', async () => {
    const user = await seedUser(db.sql)
    const res = await logIn(user.username, user.password)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const sessionId = sessionIdOf(res)
    const answer = await me(sessionId)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('cache-control')).toBe('no-store')
  })

  it('stores only a hash of the session id', async () => {
    const user = await seedUser(db.sql)
    const sessionId = await logInAs(user)
    const rows = await db.sql<{ idHash: Buffer }[]>`select id_hash from sessions where user_id = ${user.id}`
    expect(rows.map((r) => r.idHash.toString('hex'))).toEqual([hashOf(sessionId).toString('hex')])
    const [raw] = await db.sql<[{ n: number }]>`select count(*)::int as n from sessions s where s::text like ${`%${sessionId}%`}`
    expect(raw.n).toBe(0)
  })

  it('opens a new session at every login and ends the one the browser still held', async () => {
    const user = await seedUser(db.sql)
    const first = await logInAs(user)
    const second = sessionIdOf(await logIn(user.username, user.password, { headers: { cookie: `sipas_session=${first}` } }))!
    expect(second).not.toBe(first)
    expect((await me(first)).status).toBe(401)
    expect((await me(second)).status).toBe(200)
    const third = await logInAs(user)
    expect(new Set([second, third]).size).toBe(2)
    const [count] = await db.sql<[{ n: number }]>`select count(*)::int as n from sessions where user_id = ${user.id}`
    expect(count.n).toBe(2)
  })

  it('answers an unknown user, a wrong password and a disabled account with one generic 401', async () => {
    const user = await seedUser(db.sql)
    const disabled = await seedUser(db.sql, { isDisabled: true })
    const answers = [
      await logIn('khong-co-ai', user.password),
      await logIn(user.username, 'sai-mat-khau'),
      await logIn(disabled.username, disabled.password),
    ]
    const bodies = await Promise.all(answers.map((res) => res.json()))
    expect(answers.map((res) => res.status)).toEqual([401, 401, 401])
    expect(answers.map((res) => res.headers.get('set-cookie'))).toEqual([null, null, null])
    for (const body of bodies) {
      expect(body).toEqual({ error: { code: 'unauthenticated', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' } })
    }
    const [count] = await db.sql<[{ n: number }]>`
      select count(*)::int as n from sessions where user_id in ${db.sql([user.id, disabled.id])}
    `
    expect(count.n).toBe(0)
  })

  it('rejects a body without a password as invalid input', async () => {
    const res = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ownOrigin },
      body: JSON.stringify({ username: 'admin' }),
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error.code).toBe('invalid_input')
  })
})

describe('sessions', () => {
  it('answers the current user on GET /me, and 401 without a session or with an unknown one', async () => {
    const user = await seedUser(db.sql, { role: 'analyst' })
    const sessionId = await logInAs(user)
    const res = await me(sessionId)
    expect(res.status).toBe(200)
    expect((await res.json()).user).toMatchObject({ id: user.id, role: 'analyst', unitId: user.unitId })
    for (const unknown of [undefined, randomBytes(32).toString('base64url'), 'not-a-session']) {
      const refused = await me(unknown)
      expect(refused.status).toBe(401)
      expect((await refused.json()).error.code).toBe('unauthenticated')
    }
  })

  it('logs out: 204, the session row is deleted and the cookie cleared', async () => {
    const user = await seedUser(db.sql)
    const sessionId = await logInAs(user)
    const res = await logOut(sessionId)
    expect(res.status).toBe(204)
    expect(res.headers.get('set-cookie')).toMatch(/^sipas_session=;.*Max-Age=0/)
    expect(await sessionRow(sessionId)).toBeUndefined()
    expect((await me(sessionId)).status).toBe(401)
  })

  it('slides the idle expiry with use and ends a session idle for 30 minutes, deleting it', async () => {
    const user = await seedUser(db.sql)
    const sessionId = await logInAs(user)
    advance(29 * minute)
    expect((await me(sessionId)).status).toBe(200)
    advance(29 * minute)
    expect((await me(sessionId)).status).toBe(200)
    advance(30 * minute)
    expect((await me(sessionId)).status).toBe(401)
    expect(await sessionRow(sessionId)).toBeUndefined()
  })

  it('writes last_seen_at at most once a minute', async () => {
    const user = await seedUser(db.sql)
    const sessionId = await logInAs(user)
    const loggedInAt = now
    advance(30_000)
    await me(sessionId)
    expect((await sessionRow(sessionId))!.lastSeenAt).toEqual(loggedInAt)
    advance(31_000)
    await me(sessionId)
    expect((await sessionRow(sessionId))!.lastSeenAt).toEqual(now)
  })

  it('ends every session 12 hours after login, however busy, deleting it', async () => {
    const user = await seedUser(db.sql)
    const sessionId = await logInAs(user)
    for (let step = 0; step < 28; step++) {
      advance(25 * minute)
      expect((await me(sessionId)).status).toBe(200)
    }
    advance(20 * minute)
    expect((await me(sessionId)).status).toBe(401)
    expect(await sessionRow(sessionId)).toBeUndefined()
  })

  it('ends the session of a user disabled after logging in', async () => {
    const user = await seedUser(db.sql)
    const sessionId = await logInAs(user)
    await db.sql`update users set is_disabled = true where id = ${user.id}`
    expect((await me(sessionId)).status).toBe(401)
    expect(await sessionRow(sessionId)).toBeUndefined()
  })
})

describe('requireUser', () => {
  const probe = () => {
    const api = new Hono().get('/exports', requireUser({ sql: db.sql, clock }, 'analyst'), (c) => c.json(c.var.user))
    api.onError((error, c) => {
      const appError = toAppError(error)
      return c.json(errorBody(appError), appError.status)
    })
    return api
  }

  it('lets the listed roles and admins through with the user on the context, and refuses the rest', async () => {
    const analyst = await seedUser(db.sql, { role: 'analyst' })
    const admin = await seedUser(db.sql, { role: 'admin' })
    const manager = await seedUser(db.sql, { role: 'manager' })
    const get = async (user?: { username: string; password: string }) =>
      probe().request('/exports', { headers: user ? { cookie: `sipas_session=${await logInAs(user)}` } : {} })

    const asAnalyst = await get(analyst)
    expect(asAnalyst.status).toBe(200)
    expect(await asAnalyst.json()).toMatchObject({ id: analyst.id, role: 'analyst', unitId: analyst.unitId })
    expect((await get(admin)).status).toBe(200)
    const asManager = await get(manager)
    expect(asManager.status).toBe(403)
    expect((await asManager.json()).error.code).toBe('forbidden')
    const anonymous = await get()
    expect(anonymous.status).toBe(401)
    expect((await anonymous.json()).error.code).toBe('unauthenticated')
  })
})

describe('CSRF protection', () => {
  it('refuses a login or logout from a foreign origin with 403 and changes nothing', async () => {
    const user = await seedUser(db.sql)
    const res = await logIn(user.username, user.password, { headers: { origin: 'https://evil.example' } })
    expect(res.status).toBe(403)
    expect((await res.json()).error.code).toBe('forbidden')
    expect(res.headers.get('set-cookie')).toBeNull()

    const sessionId = await logInAs(user)
    expect((await logOut(sessionId, { origin: 'https://evil.example' })).status).toBe(403)
    expect((await me(sessionId)).status).toBe(200)
  })

  it('falls back to the Referer without an Origin, and refuses a request with neither', async () => {
    const user = await seedUser(db.sql)
    const withoutOrigin = (headers: Record<string, string>) =>
      app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ username: user.username, password: user.password }),
      })
    expect((await withoutOrigin({ referer: `${ownOrigin}/admin/login` })).status).toBe(200)
    expect((await withoutOrigin({ referer: 'https://evil.example/admin/login' })).status).toBe(403)
    expect((await withoutOrigin({})).status).toBe(403)
  })

  it('leaves the citizens’ rating endpoint and the API-key endpoints open to any origin', async () => {
    const post = (path: string) =>
      app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://zalo.example' }, body: '{}' })
    expect((await post('/api/v1/responses')).status).toBe(400)
    // Past the origin check: refused for want of an API key, not for the origin.
    expect((await post('/api/v1/invitations')).status).toBe(401)
  })
})

describe('login throttling', () => {
  it('locks a username after 5 failures: 429 with Retry-After even for the right password, for 15 minutes', async () => {
    const user = await seedUser(db.sql)
    for (let i = 0; i < 5; i++) expect((await logIn(user.username, `sai-${i}`)).status).toBe(401)
    advance(minute)
    const locked = await logIn(user.username, user.password)
    expect(locked.status).toBe(429)
    expect(locked.headers.get('retry-after')).toBe(String(14 * 60))
    expect(await locked.json()).toEqual({
      error: { code: 'rate_limited', message: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.' },
    })
    expect(locked.headers.get('set-cookie')).toBeNull()
    advance(14 * minute)
    expect((await logIn(user.username, user.password)).status).toBe(200)
  })

  it('locks an unknown username just like a real one', async () => {
    for (let i = 0; i < 5; i++) expect((await logIn('chua-ton-tai', `sai-${i}`)).status).toBe(401)
    expect((await logIn('chua-ton-tai', 'sai')).status).toBe(429)
  })

  it('clears the username’s failures on a successful login', async () => {
    const user = await seedUser(db.sql)
    for (let i = 0; i < 4; i++) await logIn(user.username, 'sai')
    expect((await logIn(user.username, user.password)).status).toBe(200)
    for (let i = 0; i < 4; i++) await logIn(user.username, 'sai')
    expect((await logIn(user.username, user.password)).status).toBe(200)
  })

  it('checks at most 5 of many parallel wrong guesses', async () => {
    const user = await seedUser(db.sql)
    const answers = await Promise.all(Array.from({ length: 10 }, () => logIn(user.username, 'sai')))
    expect(answers.map((res) => res.status).sort()).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429])
  })

  it('locks a username only for the address its failures came from: the account still logs in elsewhere', async () => {
    const user = await seedUser(db.sql)
    const stranger = socketOf('203.0.113.66')
    for (let i = 0; i < 5; i++) expect((await logIn(user.username, `sai-${i}`, { env: stranger })).status).toBe(401)
    expect((await logIn(user.username, user.password, { env: stranger })).status).toBe(429)
    expect((await logIn(user.username, user.password, { env: socketOf('198.51.100.20') })).status).toBe(200)
  })

  it('locks a username everywhere after 100 failures within an hour from many addresses', async () => {
    const user = await seedUser(db.sql)
    for (let ip = 1; ip <= 20; ip++) {
      for (let i = 0; i < 5; i++) expect((await logIn(user.username, 'sai', { env: socketOf(`203.0.113.${ip}`) })).status).toBe(401)
      advance(2 * minute)
    }
    expect((await logIn(user.username, user.password, { env: socketOf('198.51.100.21') })).status).toBe(429)
  }, 60_000)

  it('locks a client IP after 20 failures across usernames, leaving other IPs alone', async () => {
    const user = await seedUser(db.sql)
    const env = socketOf('203.0.113.7')
    for (let i = 0; i < 20; i++) expect((await logIn(`khach-${i}`, 'sai', { env })).status).toBe(401)
    expect((await logIn(user.username, user.password, { env })).status).toBe(429)
    expect((await logIn(user.username, user.password, { env: socketOf('198.51.100.4') })).status).toBe(200)
  })

  it('stores no raw IP: only its HMAC keyed with the secret and the day', async () => {
    await logIn('ai-do', 'sai', { env: socketOf('203.0.113.9') })
    const rows = await db.sql<{ keyHash: Buffer }[]>`
      select key_hash from login_failures where subject = 'ip' and failed_at = ${now}
    `
    const today = localTimeOf(now, 'Asia/Ho_Chi_Minh').date
    expect(rows.map((r) => r.keyHash.toString('hex'))).toEqual([ipKeyOf(testSecretKey, '203.0.113.9', today).toString('hex')])
    expect(ipKeyOf(testSecretKey, '203.0.113.9', '2025-01-02')).not.toEqual(ipKeyOf(testSecretKey, '203.0.113.9', '2025-01-01'))
    const [raw] = await db.sql<[{ n: number }]>`
      select count(*)::int as n from login_failures f where f::text like '%203.0.113%' or encode(f.key_hash, 'escape') like '%203.0.113%'
    `
    expect(raw.n).toBe(0)
  })

  it('locks only when the failures fall within 15 minutes', () => {
    const at = (minutes: number) => new Date(Date.UTC(2025, 0, 1, 0, minutes))
    expect(lockedUntilOf([0, 4, 8, 12, 14].map(at), 5)).toEqual(at(29))
    expect(lockedUntilOf([0, 4, 8, 12, 15].map(at), 5)).toBeUndefined()
    expect(lockedUntilOf([0, 4, 8, 12].map(at), 5)).toBeUndefined()
  })
})

describe('clientIpOf', () => {
  it('reads the socket’s address, and answers "unknown" where there is no socket', async () => {
    const probe = new Hono().get('/', (c) => c.text(clientIpOf(c)))
    expect(await (await probe.request('/', {}, socketOf('198.51.100.4'))).text()).toBe('198.51.100.4')
    expect(await (await probe.request('/')).text()).toBe('unknown')
    expect(await (await probe.request('/', { headers: { 'x-forwarded-for': '192.0.2.1' } })).text()).toBe('unknown')
    expect(await (await probe.request('/', { headers: { 'x-forwarded-for': '192.0.2.1' } }, socketOf('198.51.100.4'))).text()).toBe(
      '198.51.100.4',
    )
  })

  it('believes X-Forwarded-For only from a trusted proxy, taking its right-most untrusted entry', async () => {
    const { trustedProxies } = testConfig({ TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.10, fd00::/8' })
    const probe = new Hono().get('/', (c) => c.text(clientIpOf(c, trustedProxies)))
    const ipOf = async (peer: string, forwarded?: string) =>
      (await probe.request('/', forwarded === undefined ? {} : { headers: { 'x-forwarded-for': forwarded } }, socketOf(peer))).text()
    expect(await ipOf('10.1.2.3', '203.0.113.5')).toBe('203.0.113.5')
    // A client's own X-Forwarded-For is left of what the proxy adds, and is ignored.
    expect(await ipOf('10.1.2.3', '1.1.1.1, 203.0.113.5')).toBe('203.0.113.5')
    expect(await ipOf('10.1.2.3', '203.0.113.5, 192.0.2.10')).toBe('203.0.113.5')
    expect(await ipOf('::ffff:10.1.2.3', '2001:db8::7')).toBe('2001:db8::7')
    expect(await ipOf('fd00::1', '203.0.113.5')).toBe('203.0.113.5')
    expect(await ipOf('10.1.2.3', 'not-an-ip')).toBe('unknown')
    expect(await ipOf('10.1.2.3')).toBe('10.1.2.3')
    // Not from a trusted proxy: the header is anyone's.
    expect(await ipOf('198.51.100.4', '203.0.113.5')).toBe('198.51.100.4')
  })

  it('refuses a TRUSTED_PROXIES entry that is not an address or a range', () => {
    expect(() => testConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES: entry 1/)
    expect(() => testConfig({ TRUSTED_PROXIES: '127.0.0.1, proxy.local' })).toThrow(/TRUSTED_PROXIES: entry 2/)
  })
})
