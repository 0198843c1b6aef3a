import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedUnit, seedUser } from '../support/factories'
import { ownOrigin, signIn } from '../support/sign-in'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql).app
})
afterAll(() => db.drop())

const send = (method: string, path: string, cookie: string, body?: unknown) =>
  app.request(path, {
    method,
    headers: { 'content-type': 'application/json', origin: ownOrigin, cookie },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

async function districtWithCommune() {
  const district = await seedUnit(db.sql, { name: 'Huyện Thử', level: 'huyen' })
  const commune = await seedUnit(db.sql, { name: 'Xã Thử', parentId: district.id })
  return { district, commune }
}

describe('targets: only the level that set one may delete it', () => {
  it('keeps a district’s target from the commune’s manager, and lets the district delete it', async () => {
    const { district, commune } = await districtWithCommune()
    const districtUser = await seedUser(db.sql, { role: 'manager', unitId: district.id })
    const districtManager = await signIn(app, districtUser)
    const communeManager = await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: commune.id }))
    const plan = await (
      await send('POST', '/api/v1/plans', districtManager, {
        number: '12/KH-UBND',
        title: 'Kế hoạch CCHC 2025',
        issuer: 'UBND huyện Thử',
        issuedOn: '2025-01-10',
        unitId: district.id,
      })
    ).json()
    const created = await send('POST', '/api/v1/targets', districtManager, {
      planId: plan.id,
      unitId: commune.id,
      metric: 'tthc',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      valuePercent: 95,
    })
    expect(created.status).toBe(201)
    const target = await created.json()
    expect(target.setByUnitId).toBe(district.id)
    const refused = await send('DELETE', `/api/v1/targets/${target.id}`, communeManager)
    expect(refused.status).toBe(403)
    expect((await refused.json()).error.code).toBe('forbidden')
    const [kept] = await db.sql`select count(*)::int as n from targets where id = ${target.id}`
    expect(kept!.n).toBe(1)
    expect((await send('DELETE', `/api/v1/targets/${target.id}`, districtManager)).status).toBe(204)
    const [gone] = await db.sql`select count(*)::int as n from targets where id = ${target.id}`
    expect(gone!.n).toBe(0)
  })
})

describe('managers manage analysts and lower units only', () => {
  it('refuses to reset, disable or create a peer manager of the same unit, and allows an analyst of it', async () => {
    const { district, commune } = await districtWithCommune()
    const manager = await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: commune.id }))
    const peer = await seedUser(db.sql, { role: 'manager', unitId: commune.id })
    const analyst = await seedUser(db.sql, { role: 'analyst', unitId: commune.id })
    expect((await send('POST', `/api/v1/users/${peer.id}/password`, manager, { password: 'mat-khau-moi-123' })).status).toBe(403)
    expect((await send('POST', `/api/v1/users/${peer.id}/disable`, manager)).status).toBe(403)
    const creating = await send('POST', '/api/v1/users', manager, {
      username: `ql-${peer.id}`,
      role: 'manager',
      unitId: commune.id,
      password: 'mat-khau-moi-123',
    })
    expect(creating.status).toBe(403)
    expect((await send('POST', `/api/v1/users/${analyst.id}/password`, manager, { password: 'mat-khau-moi-123' })).status).toBe(204)
    // The peer still logs in with the old password.
    expect(await signIn(app, peer)).toMatch(/^sipas_session=/)
    const districtManager = await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: district.id }))
    expect((await send('POST', `/api/v1/users/${peer.id}/password`, districtManager, { password: 'mat-khau-moi-456' })).status).toBe(204)
    const audit =
      await db.sql`select action from audit_log where entity = 'user' and entity_id = ${String(peer.id)} and action <> 'login' order by id`
    expect(audit.map((a) => a.action)).toEqual(['reset_password'])
  })
})

describe('own password and login audit', () => {
  it('lets any user change their own password after giving the current one, ending their other sessions', async () => {
    const { commune } = await districtWithCommune()
    const user = await seedUser(db.sql, { role: 'analyst', unitId: commune.id })
    const here = await signIn(app, user)
    const elsewhere = await signIn(app, user)
    const wrong = await send('POST', '/api/v1/auth/password', here, {
      currentPassword: 'khong-dung-mat-khau',
      newPassword: 'mat-khau-moi-789',
    })
    expect(wrong.status).toBe(400)
    expect((await send('POST', '/api/v1/auth/password', here, { currentPassword: user.password, newPassword: 'ngan' })).status).toBe(400)
    expect(
      (await send('POST', '/api/v1/auth/password', here, { currentPassword: user.password, newPassword: 'mat-khau-moi-789' })).status,
    ).toBe(204)
    expect((await app.request('/api/v1/auth/me', { headers: { cookie: here } })).status).toBe(200)
    expect((await app.request('/api/v1/auth/me', { headers: { cookie: elsewhere } })).status).toBe(401)
    expect(await signIn(app, { username: user.username, password: 'mat-khau-moi-789' })).toMatch(/^sipas_session=/)
    expect((await send('POST', '/api/v1/auth/password', '', { currentPassword: 'x', newPassword: 'mat-khau-moi-000' })).status).toBe(401)
  })

  it('audits logins and failed logins, without the name typed for an unknown account', async () => {
    const { commune } = await districtWithCommune()
    const user = await seedUser(db.sql, { role: 'analyst', unitId: commune.id })
    const login = (username: string, password: string) =>
      app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ownOrigin },
        body: JSON.stringify({ username, password }),
      })
    expect((await login(user.username, 'sai-mat-khau')).status).toBe(401)
    expect((await login(user.username, user.password)).status).toBe(200)
    const rows = await db.sql`select user_id, action, unit_id from audit_log where entity_id = ${String(user.id)} order by id`
    expect(rows).toEqual([
      { userId: user.id, action: 'login_failed', unitId: commune.id },
      { userId: user.id, action: 'login', unitId: commune.id },
    ])
    expect((await login('khong-ai-ten-nay', 'mat-khau-bat-ky')).status).toBe(401)
    const [unknown] =
      await db.sql`select user_id, entity_id, details::text from audit_log where action = 'login_failed' order by id desc limit 1`
    expect(unknown).toEqual({ userId: null, entityId: null, details: '{}' })
  })
})
