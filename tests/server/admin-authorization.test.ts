import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { counterQuickRating } from '../../server/demo/questionnaires'
import { testApp } from '../support/app'
import { clientOf, signIn, type Client } from '../support/admin-client'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedUnit, seedUser } from '../support/factories'

// The authorization matrix: every admin endpoint × admin, manager of xã A, analyst of xã A × xã A (own
// subtree) and xã B (another subtree). Everything named in xã B carries the marker, so a body that leaks
// xã B's data is caught by a text search.
const marker = 'BMARK'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
const as: Record<Role, Client> = {} as never
type Role = 'admin' | 'manager' | 'analyst'
const roles: Role[] = ['manager', 'analyst', 'admin']

type Side = { unitId: number; servicePointId: number; counterId: number; planId: number; userId: number }
const w = {} as { own: Side; other: Side; fieldId: number; surveyId: number; versionId: number; otherAdminId: number }

let serial = 0
const fresh = (prefix: string) => `${prefix}-${++serial}-${Math.random().toString(36).slice(2, 6)}`

async function json(res: Response) {
  expect(res.status, await res.clone().text()).toBeLessThan(300)
  return res.json()
}

async function seedSide(unitId: number, name: string): Promise<Side> {
  const point = await json(await as.admin.post('/api/v1/service-points', { unitId, name: `Bộ phận Một cửa ${name}` }))
  const counter = await json(
    await as.admin.post('/api/v1/counters', { servicePointId: point.id, name: `Quầy 1 ${name}`, surveyVersionId: w.versionId }),
  )
  const plan = await json(
    await as.admin.post('/api/v1/plans', {
      number: fresh('KH'),
      title: `Kế hoạch CCHC ${name}`,
      issuer: `UBND ${name}`,
      issuedOn: '2024-12-01',
      unitId,
    }),
  )
  const user = await json(
    await as.admin.post('/api/v1/users', {
      username: fresh('cb').toLowerCase(),
      displayName: `Cán bộ ${name}`,
      role: 'analyst',
      unitId,
      password: 'mat-khau-dai-du-10',
    }),
  )
  return { unitId, servicePointId: point.id, counterId: counter.id, planId: plan.id, userId: user.id }
}

let adminSessionId: string

beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql).app
  const province = await seedUnit(db.sql, { name: 'Tỉnh Thử', level: 'tinh' })
  const unitA = await seedUnit(db.sql, { name: 'Xã Bên Này', level: 'xa', parentId: province.id })
  const unitB = await seedUnit(db.sql, { name: `Xã Bên Kia ${marker}`, level: 'xa', parentId: province.id })
  const admin = await signIn(app, await seedUser(db.sql, { role: 'admin' }))
  as.admin = admin.client
  adminSessionId = admin.sessionId
  as.manager = (await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: unitA.id }))).client
  as.analyst = (await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: unitA.id }))).client
  w.otherAdminId = (await seedUser(db.sql, { role: 'admin' })).id

  w.fieldId = (await json(await as.admin.post('/api/v1/fields', { code: 'ho-tich', name: 'Hộ tịch' }))).id
  const survey = await json(await as.admin.post('/api/v1/surveys', { code: 'MATRIX', title: 'Phiếu thử' }))
  await json(await as.admin.put(`/api/v1/surveys/${survey.id}/draft`, counterQuickRating.definition))
  const version = await json(await as.admin.post(`/api/v1/surveys/${survey.id}/publish`))
  w.surveyId = survey.id
  w.versionId = version.id
  w.own = await seedSide(unitA.id, 'Bên Này')
  w.other = await seedSide(unitB.id, `Bên Kia ${marker}`)
})
afterAll(() => db.drop())

type Request = { method: string; path: string; body?: unknown }
type Case = {
  endpoint: string
  side: 'own' | 'other' | 'any'
  request: (s: Side) => Request | Promise<Request>
  status: Record<Role, number>
}

const get = (path: string): Request => ({ method: 'GET', path })
const post = (path: string, body: unknown = {}): Request => ({ method: 'POST', path, body })
const read = { admin: 200, manager: 200, analyst: 200 }
const readOwnOnly = { admin: 200, manager: 404, analyst: 404 }
const forbidOther = { admin: 200, manager: 403, analyst: 403 }
const adminOnly = (status: number) => ({ admin: status, manager: 403, analyst: 403 })
const managerWrite = (status: number) => ({ admin: status, manager: status, analyst: 403 })
const managerWriteOther = (status: number) => ({ admin: status, manager: 404, analyst: 403 })
const both = (endpoint: string, request: Case['request'], own: Record<Role, number>, other: Record<Role, number>): Case[] => [
  { endpoint, side: 'own', request, status: own },
  { endpoint, side: 'other', request, status: other },
]

const freshUnitUnder = async (s: Side) =>
  (
    await json(
      await as.admin.post('/api/v1/units', {
        code: fresh('U'),
        name: s === w.other ? `Đơn vị ${marker}` : 'Đơn vị',
        level: 'co_quan',
        parentId: s.unitId,
        validFrom: '2020-01-01',
      }),
    )
  ).id as number
const freshTarget = async (s: Side) =>
  (
    await json(
      await as.admin.post('/api/v1/targets', {
        planId: s.planId,
        unitId: s.unitId,
        metric: 'tthc',
        periodStart: '2025-01-01',
        periodEnd: '2025-12-31',
        valuePercent: 90,
      }),
    )
  ).id as number
const freshSurvey = async () => {
  const survey = await json(await as.admin.post('/api/v1/surveys', { code: fresh('S'), title: 'Phiếu mới' }))
  await json(await as.admin.put(`/api/v1/surveys/${survey.id}/draft`, counterQuickRating.definition))
  return survey.id as number
}
let versionDay = 0
const nextDate = () => new Date(Date.UTC(2030, 0, 1 + ++versionDay)).toISOString().slice(0, 10)

const cases: Case[] = [
  // units: read within scope, changed by admins only
  { endpoint: 'GET /api/v1/units', side: 'any', request: () => get('/api/v1/units'), status: read },
  ...both('GET /api/v1/units/{id}', (s) => get(`/api/v1/units/${s.unitId}`), read, readOwnOnly),
  ...both(
    'POST /api/v1/units',
    (s) => post('/api/v1/units', { code: fresh('U'), name: 'Đơn vị mới', level: 'co_quan', parentId: s.unitId, validFrom: '2024-01-01' }),
    adminOnly(201),
    adminOnly(201),
  ),
  ...both(
    'POST /api/v1/units/{id}/versions',
    (s) => post(`/api/v1/units/${s.unitId}/versions`, { validFrom: nextDate(), name: s === w.own ? 'Xã Bên Này' : `Xã Bên Kia ${marker}` }),
    adminOnly(201),
    adminOnly(201),
  ),
  ...both(
    'POST /api/v1/units/{id}/close',
    async (s) => post(`/api/v1/units/${await freshUnitUnder(s)}/close`, { validTo: '2025-07-01' }),
    adminOnly(200),
    adminOnly(200),
  ),
  ...both(
    'POST /api/v1/units/{id}/predecessors',
    async (s) =>
      post(`/api/v1/units/${await freshUnitUnder(s)}/predecessors`, { predecessorId: await freshUnitUnder(s), effectiveOn: '2025-07-01' }),
    adminOnly(201),
    adminOnly(201),
  ),
  // service points
  { endpoint: 'GET /api/v1/service-points', side: 'any', request: () => get('/api/v1/service-points'), status: read },
  ...both('GET /api/v1/service-points?unitId', (s) => get(`/api/v1/service-points?unitId=${s.unitId}`), read, forbidOther),
  ...both(
    'POST /api/v1/service-points',
    (s) => post('/api/v1/service-points', { unitId: s.unitId, name: fresh('Điểm') }),
    managerWrite(201),
    adminOnly(201),
  ),
  ...both(
    'PATCH /api/v1/service-points/{id}',
    (s) => ({ method: 'PATCH', path: `/api/v1/service-points/${s.servicePointId}`, body: { address: fresh('Số') } }),
    managerWrite(200),
    managerWriteOther(200),
  ),
  // counters and QR codes
  { endpoint: 'GET /api/v1/counters', side: 'any', request: () => get('/api/v1/counters'), status: read },
  ...both('GET /api/v1/counters?unitId', (s) => get(`/api/v1/counters?unitId=${s.unitId}`), read, forbidOther),
  ...both('GET /api/v1/counters/{id}', (s) => get(`/api/v1/counters/${s.counterId}`), read, readOwnOnly),
  ...both('GET /api/v1/counters/{id}/qr.svg', (s) => get(`/api/v1/counters/${s.counterId}/qr.svg`), read, readOwnOnly),
  ...both('GET /api/v1/counters/{id}/qr.png', (s) => get(`/api/v1/counters/${s.counterId}/qr.png`), read, readOwnOnly),
  ...both(
    'POST /api/v1/counters',
    (s) => post('/api/v1/counters', { servicePointId: s.servicePointId, name: fresh('Quầy') }),
    managerWrite(201),
    managerWriteOther(201),
  ),
  ...both(
    'PATCH /api/v1/counters/{id}',
    (s) => ({ method: 'PATCH', path: `/api/v1/counters/${s.counterId}`, body: { isActive: true } }),
    managerWrite(200),
    managerWriteOther(200),
  ),
  ...both(
    'PUT /api/v1/counters/{id}/fields',
    (s) => ({ method: 'PUT', path: `/api/v1/counters/${s.counterId}/fields`, body: { fieldIds: [w.fieldId] } }),
    managerWrite(200),
    managerWriteOther(200),
  ),
  ...both(
    'POST /api/v1/counters/{id}/rotate-code',
    (s) => post(`/api/v1/counters/${s.counterId}/rotate-code`),
    managerWrite(200),
    managerWriteOther(200),
  ),
  // catalogue: one for everybody, written by admins
  { endpoint: 'GET /api/v1/fields', side: 'any', request: () => get('/api/v1/fields'), status: read },
  {
    endpoint: 'POST /api/v1/fields',
    side: 'any',
    request: () => post('/api/v1/fields', { code: fresh('f'), name: 'Lĩnh vực mới' }),
    status: adminOnly(201),
  },
  {
    endpoint: 'POST /api/v1/fields/import',
    side: 'any',
    request: () => post('/api/v1/fields/import', 'code,name\nho-tich,Hộ tịch\n'),
    status: adminOnly(200),
  },
  { endpoint: 'GET /api/v1/procedures', side: 'any', request: () => get('/api/v1/procedures'), status: read },
  {
    endpoint: 'POST /api/v1/procedures/import',
    side: 'any',
    request: () => post('/api/v1/procedures/import', 'code,name,field\n1.001193,Đăng ký khai sinh,ho-tich\n'),
    status: adminOnly(200),
  },
  // questionnaires: read by all, edited by admins, assigned by managers within their subtree
  { endpoint: 'GET /api/v1/surveys', side: 'any', request: () => get('/api/v1/surveys'), status: read },
  { endpoint: 'GET /api/v1/surveys/{id}', side: 'any', request: () => get(`/api/v1/surveys/${w.surveyId}`), status: read },
  {
    endpoint: 'GET /api/v1/surveys/{id}/versions/{versionId}',
    side: 'any',
    request: () => get(`/api/v1/surveys/${w.surveyId}/versions/${w.versionId}`),
    status: read,
  },
  {
    endpoint: 'POST /api/v1/surveys',
    side: 'any',
    request: () => post('/api/v1/surveys', { code: fresh('S'), title: 'Phiếu' }),
    status: adminOnly(201),
  },
  {
    endpoint: 'PUT /api/v1/surveys/{id}/draft',
    side: 'any',
    request: () => ({ method: 'PUT', path: `/api/v1/surveys/${w.surveyId}/draft`, body: counterQuickRating.definition }),
    status: adminOnly(200),
  },
  {
    endpoint: 'POST /api/v1/surveys/{id}/publish',
    side: 'any',
    request: async () => post(`/api/v1/surveys/${await freshSurvey()}/publish`),
    status: adminOnly(201),
  },
  {
    endpoint: 'POST /api/v1/surveys/{id}/draft-from/{versionId}',
    side: 'any',
    request: () => post(`/api/v1/surveys/${w.surveyId}/draft-from/${w.versionId}`),
    status: adminOnly(200),
  },
  ...both(
    'POST /api/v1/assignments {counterIds}',
    (s) => post('/api/v1/assignments', { surveyVersionId: w.versionId, counterIds: [s.counterId] }),
    managerWrite(200),
    managerWriteOther(200),
  ),
  ...both(
    'POST /api/v1/assignments {unitId}',
    (s) => post('/api/v1/assignments', { surveyVersionId: w.versionId, unitId: s.unitId }),
    managerWrite(200),
    adminOnly(200),
  ),
  // plans and targets
  { endpoint: 'GET /api/v1/plans', side: 'any', request: () => get('/api/v1/plans'), status: read },
  ...both(
    'POST /api/v1/plans',
    (s) => post('/api/v1/plans', { number: fresh('KH'), title: 'Kế hoạch', issuer: 'UBND', issuedOn: '2025-01-02', unitId: s.unitId }),
    managerWrite(201),
    adminOnly(201),
  ),
  { endpoint: 'GET /api/v1/targets', side: 'any', request: () => get('/api/v1/targets'), status: read },
  ...both('GET /api/v1/targets?unitId', (s) => get(`/api/v1/targets?unitId=${s.unitId}`), read, forbidOther),
  ...both(
    'POST /api/v1/targets',
    (s) =>
      post('/api/v1/targets', {
        planId: s.planId,
        unitId: s.unitId,
        metric: 'tthc',
        periodStart: '2025-01-01',
        periodEnd: '2025-12-31',
        valuePercent: 96,
      }),
    managerWrite(201),
    adminOnly(201),
  ),
  // The admin set these targets: only that level may delete them, not the commune's manager.
  ...both(
    'DELETE /api/v1/targets/{id}',
    async (s) => ({ method: 'DELETE', path: `/api/v1/targets/${await freshTarget(s)}` }),
    adminOnly(204),
    managerWriteOther(204),
  ),
  // users
  { endpoint: 'GET /api/v1/users', side: 'any', request: () => get('/api/v1/users'), status: managerWrite(200) },
  ...both('GET /api/v1/users?unitId', (s) => get(`/api/v1/users?unitId=${s.unitId}`), managerWrite(200), adminOnly(200)),
  ...both(
    'POST /api/v1/users',
    (s) =>
      post('/api/v1/users', { username: fresh('nv').toLowerCase(), role: 'analyst', unitId: s.unitId, password: 'mat-khau-dai-du-10' }),
    managerWrite(201),
    adminOnly(201),
  ),
  {
    endpoint: 'POST /api/v1/users {role: admin}',
    side: 'any',
    request: () => post('/api/v1/users', { username: fresh('qt').toLowerCase(), role: 'admin', password: 'mat-khau-dai-du-10' }),
    status: adminOnly(201),
  },
  ...both(
    'POST /api/v1/users/{id}/password',
    (s) => post(`/api/v1/users/${s.userId}/password`, { password: 'mat-khau-moi-dai-du' }),
    managerWrite(204),
    managerWriteOther(204),
  ),
  {
    endpoint: 'POST /api/v1/users/{admin}/password',
    side: 'any',
    request: () => post(`/api/v1/users/${w.otherAdminId}/password`, { password: 'mat-khau-moi-dai-du' }),
    status: { admin: 204, manager: 404, analyst: 403 },
  },
  ...both('POST /api/v1/users/{id}/disable', (s) => post(`/api/v1/users/${s.userId}/disable`), managerWrite(200), managerWriteOther(200)),
  ...both('POST /api/v1/users/{id}/enable', (s) => post(`/api/v1/users/${s.userId}/enable`), managerWrite(200), managerWriteOther(200)),
  // audit log and posters
  { endpoint: 'GET /api/v1/audit', side: 'any', request: () => get('/api/v1/audit?limit=200'), status: managerWrite(200) },
  ...both('GET /admin/posters?unitId', (s) => get(`/admin/posters?unitId=${s.unitId}`), read, forbidOther),
]

const sideOf = (c: Case) => (c.side === 'other' ? w.other : w.own)
const statusLine = (s: Record<Role, number>) => `admin ${s.admin}, manager ${s.manager}, analyst ${s.analyst}`

describe('the authorization matrix', () => {
  for (const c of cases) {
    const where = c.side === 'any' ? '' : ` on ${c.side === 'own' ? 'xã A' : 'xã B'}`
    it(`answers ${c.endpoint}${where} with ${statusLine(c.status)}, and no xã B data to xã A’s users`, async () => {
      const got: Partial<Record<Role, number>> = {}
      for (const role of roles) {
        const { method, path, body } = await c.request(sideOf(c))
        const res = await as[role].request(method, path, body)
        got[role] = res.status
        const text = res.headers.get('content-type')?.startsWith('image/png') ? '' : await res.text()
        if (role !== 'admin') expect(text, `${role} ${method} ${path}`).not.toContain(marker)
      }
      expect(got).toEqual(c.status)
    })
  }

  it.each([
    '/api/v1/units',
    '/api/v1/service-points',
    '/api/v1/counters',
    '/api/v1/plans',
    '/api/v1/targets',
    '/api/v1/users',
    '/api/v1/audit?limit=200',
  ])('shows xã B in the admin’s %s, so the leak check above can fail', async (path) => {
    const res = await as.admin.get(path)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain(path.includes('targets') ? `"unitId":${w.other.unitId}` : marker)
  })

  it('answers 401 to every endpoint without a session, and 403 to a write from another site', async () => {
    const anonymous = clientOf(app)
    for (const c of cases) {
      const { method, path, body } = await c.request(sideOf(c))
      expect((await anonymous.request(method, path, body)).status, `${method} ${path}`).toBe(401)
    }
    const before = await db.sql`select count(*)::int as n from units`
    const withoutOrigin = await app.request('/api/v1/units', {
      method: 'POST',
      headers: { cookie: `sipas_session=${adminSessionId}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: fresh('X'), name: 'Không có Origin', level: 'tinh', validFrom: '2024-01-01' }),
    })
    expect(withoutOrigin.status).toBe(403)
    expect((await withoutOrigin.json()).error.code).toBe('forbidden')
    const crossSite = await as.admin.request(
      'POST',
      '/api/v1/units',
      { code: fresh('X'), name: 'Trang khác', level: 'tinh', validFrom: '2024-01-01' },
      { origin: 'https://evil.example' },
    )
    expect(crossSite.status).toBe(403)
    expect(await db.sql`select count(*)::int as n from units`).toEqual(before)
  })
})
