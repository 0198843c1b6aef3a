import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'
import { clientOf, signIn, type Client } from '../support/admin-client'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter, seedUser } from '../support/factories'
import {
  badIdText,
  badJsonValue,
  encodeLoose,
  expectRefusal,
  fuzzSeed,
  heapUsed,
  hostileStrings,
  rawBadBody,
  rowCounts,
} from '../support/fuzz'

// Generated bad input for the staff side: login, and every admin endpoint found by walking the app's route
// table (so a new endpoint is fuzzed without being listed here). Signed in as an admin, who may do the most.

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
let admin: Client
let anonymous: Client
let countsBefore: Record<string, number>
let heapBefore: number
let tried = 0

type Route = { method: string; path: string }
const routes: Route[] = []

// Endpoints that are not the admin API's: citizens' pages and ratings (fuzz-citizen.test.ts), the health check,
// the admin app's own screens, logout, which takes no input, and the public widget script and kiosk page.
const notAdmin = [
  /^\/(q|i|cam-on|phan-hoi|healthz|kiosk|widget\.js)\b/,
  /^\/api\/v1\/widget\//,
  /^\/api\/v1\/(responses|public)$/,
  /^\/api\/v1\/public\//,
  /^\/api\/v1\/auth\//,
  /^\/admin\/\*$/,
  /^\/admin$/,
]

// GET endpoints that read a query: the key whose bad value each must refuse. The others take no input and
// are fuzzed with forged sessions.
const queryKeyOf: Record<string, string> = {
  '/api/v1/stats': 'unitId',
  '/api/v1/flags': 'unitId',
  '/api/v1/exports/responses.csv': 'unitId',
  '/api/v1/exports/responses.xlsx': 'unitId',
  '/api/v1/units': 'on',
  '/api/v1/service-points': 'unitId',
  '/api/v1/counters': 'unitId',
  '/api/v1/procedures': 'fieldId',
  '/api/v1/targets': 'unitId',
  '/api/v1/users': 'unitId',
  '/api/v1/audit': 'limit',
  '/api/v1/feedback/inbox': 'unitId',
  '/api/v1/feedback/themes': 'unitId',
  '/api/v1/feedback/figures': 'unitId',
  '/api/v1/feedback/alerts': 'unitId',
  '/api/v1/feedback/cases': 'status',
  '/admin/posters': 'unitId',
  '/api/v1/reports/periodic': 'unitId',
  '/api/v1/reports/periodic.docx': 'unitId',
  '/admin/reports/periodic': 'unitId',
}

beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql, { env: { RATE_LIMIT: 'off' } }).app
  await seedCounter(db.sql)
  admin = (await signIn(app, await seedUser(db.sql, { role: 'admin' }))).client
  anonymous = clientOf(app)
  const seen = new Set<string>()
  for (const { method, path } of app.routes) {
    const key = `${method} ${path}`
    if (method === 'ALL' || seen.has(key) || notAdmin.some((pattern) => pattern.test(path))) continue
    seen.add(key)
    routes.push({ method, path })
  }
  countsBefore = await rowCounts(db.sql)
  heapBefore = heapUsed()
})
afterAll(() => db.drop())

const withParams = (path: string, value: string) => path.replace(/:[a-zA-Z]+/g, encodeLoose(value))

describe('fuzzing the staff side', () => {
  it('walks a route table of every admin endpoint', () => {
    expect(routes.length).toBeGreaterThanOrEqual(50)
    expect(routes).toContainEqual({ method: 'POST', path: '/api/v1/users' })
    expect(routes).toContainEqual({ method: 'DELETE', path: '/api/v1/targets/:id' })
  })

  it('login refuses 1,200 bad bodies with a 4xx in the one error shape', async () => {
    const body = fc.oneof(
      rawBadBody,
      fc
        .tuple(fc.constantFrom('username', 'password'), badJsonValue)
        .filter(([, value]) => typeof value !== 'string' || value.length === 0 || value.length > 100)
        .map(([key, value]) => JSON.stringify({ username: 'admin', password: 'x', [key]: value })),
      fc.constantFrom(
        '{"username":"admin"}',
        '{"password":"x"}',
        '{"username":"","password":""}',
        '{"username":"admin","password":"x".repeat(2000)}',
      ),
      fc.constant(JSON.stringify({ username: 'admin', password: 'p'.repeat(1025) })),
    )
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        tried++
        await expectRefusal(
          await anonymous.request('POST', '/api/v1/auth/login', text, { 'content-type': 'application/json' }),
          text.slice(0, 200),
        )
      }),
      { seed: fuzzSeed, numRuns: 1200 },
    )
  }, 120_000)

  it('every admin endpoint refuses 4,000 bad requests: bad ids, bad bodies, bad queries, forged sessions', async () => {
    const request = fc.nat({ max: routes.length - 1 }).chain((index) => {
      const route = routes[index]!
      const hasParams = route.path.includes(':')
      if (hasParams) {
        return fc
          .tuple(
            badIdText.filter((id) => id !== ''),
            fc.oneof(
              rawBadBody,
              badJsonValue.map((v) => JSON.stringify(v)),
            ),
          )
          .map(([id, body]) => ({
            route,
            send: () =>
              admin.request(
                route.method,
                withParams(route.path, id),
                route.method === 'GET' || route.method === 'DELETE' ? undefined : body,
                { 'content-type': 'application/json' },
              ),
            label: `${route.method} ${withParams(route.path, id)}`,
          }))
      }
      if (route.method !== 'GET') {
        const body = fc.oneof(
          rawBadBody,
          badJsonValue
            .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v) || Object.keys(v).length > 0)
            .map((v) => JSON.stringify(v)),
        )
        return fc.tuple(body, fc.constantFrom('application/json', 'text/csv', 'text/plain')).map(([text, type]) => ({
          route,
          send: () => admin.request(route.method, route.path, text, { 'content-type': type }),
          label: `${route.method} ${route.path} ${text.slice(0, 100)}`,
        }))
      }
      const key = queryKeyOf[route.path]
      if (key) {
        const value =
          key === 'on'
            ? fc
                .oneof(fc.constantFrom(...hostileStrings), fc.string({ maxLength: 20 }))
                .filter((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || v === '2025-02-30' || v === '2025-13-01')
            : badIdText
        return value.map((v) => ({
          route,
          send: () => admin.get(`${route.path}?${key}=${encodeLoose(v)}`),
          label: `GET ${route.path}?${key}=${v.slice(0, 100)}`,
        }))
      }
      const cookie = fc.oneof(fc.constantFrom(...hostileStrings), fc.base64String({ maxLength: 64 }), fc.uuid())
      return cookie.map((forged) => ({
        route,
        send: () => clientOf(app, encodeLoose(forged)).get(route.path),
        label: `GET ${route.path} with session ${forged.slice(0, 60)}`,
      }))
    })
    await fc.assert(
      fc.asyncProperty(request, async ({ send, label }) => {
        tried++
        await expectRefusal(await send(), label)
      }),
      { seed: fuzzSeed, numRuns: 4000 },
    )
  }, 240_000)

  it('changed nothing and kept the heap flat', async () => {
    expect(tried).toBe(5200)
    expect(await rowCounts(db.sql)).toEqual(countsBefore)
    expect(heapUsed() - heapBefore).toBeLessThan(48 * 1024 * 1024)
  })
})
