import { z } from 'zod'
import { Plan, Target, UserSummary } from '../../shared/admin-contract'
import { answerOf } from '../support/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'
import { clientOf, signIn, type Client } from '../support/admin-client'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedField, seedUnit, seedUser } from '../support/factories'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
let admin: Client
let adminUser: Awaited<ReturnType<typeof seedUser>>

beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql).app
  adminUser = await seedUser(db.sql, { role: 'admin' })
  admin = (await signIn(app, adminUser)).client
})
afterAll(() => db.drop())

const ok = <S extends z.ZodType>(schema: S, res: Response, status = 200) => answerOf(res, schema, status)

let serial = 0

describe('plans and targets (docs/domain.md §5)', () => {
  it('enters the plans’ rows as they are written, percent included, and stores each value as a 0..1 fraction', async () => {
    const province = await seedUnit(db.sql, { name: 'Tỉnh Hải Dương', level: 'tinh' })
    const city = await seedUnit(db.sql, { name: 'Thành phố Chí Linh', level: 'huyen', parentId: province.id })
    const town = await seedUnit(db.sql, { name: 'Thị xã Hương Trà', level: 'huyen' })
    const commune = await seedUnit(db.sql, { name: 'Xã Hải Dương', level: 'xa' })
    const land = await seedField(db.sql, `dat-dai-${++serial}`)
    const building = await seedField(db.sql, `xay-dung-${serial}`)
    const investment = await seedField(db.sql, `dau-tu-${serial}`)
    const landGroup = [land.id, building.id, investment.id]
    const plan = async (unitId: number, number: string, issuer: string) =>
      (
        await ok(
          Plan,
          await admin.post('/api/v1/plans', { number, title: `Kế hoạch CCHC ${issuer}`, issuer, issuedOn: '2020-12-01', unitId }),
          201,
        )
      ).id
    const chiLinh = await plan(city.id, `${++serial}/KH-UBND`, 'UBND thành phố Chí Linh')
    const huongTra = await plan(town.id, `${++serial}/KH-UBND`, 'UBND thị xã Hương Trà')
    const haiDuongCommune = await plan(commune.id, `${++serial}/KH-UBND`, 'UBND xã Hải Dương')
    const haiDuongProvince = await plan(province.id, `${++serial}/KH-UBND`, 'UBND tỉnh Hải Dương')
    const year = (y: number) => ({ periodStart: `${y}-01-01`, periodEnd: `${y}-12-31` })
    const rows = [
      { planId: chiLinh, unitId: city.id, metric: 'tthc', fieldIds: [], ...year(2025), valuePercent: 96 },
      { planId: chiLinh, unitId: city.id, metric: 'tthc', fieldIds: landGroup, ...year(2025), valuePercent: 87 },
      { planId: chiLinh, unitId: city.id, metric: 'dvc_truc_tuyen', fieldIds: [], ...year(2025), valuePercent: 90 },
      { planId: huongTra, unitId: town.id, metric: 'tthc', fieldIds: [], ...year(2025), valuePercent: 90 },
      { planId: huongTra, unitId: town.id, metric: 'tthc', fieldIds: landGroup, ...year(2025), valuePercent: 85 },
      { planId: huongTra, unitId: town.id, metric: 'sipas', fieldIds: [], ...year(2025), valuePercent: 90 },
      { planId: huongTra, unitId: town.id, metric: 'sipas', fieldIds: [], ...year(2030), valuePercent: 95 },
      { planId: huongTra, unitId: town.id, metric: 'y_te_giao_duc', fieldIds: [], ...year(2025), valuePercent: 85 },
      { planId: huongTra, unitId: town.id, metric: 'y_te_giao_duc', fieldIds: [], ...year(2030), valuePercent: 90 },
      { planId: huongTra, unitId: town.id, metric: 'dvc_truc_tuyen', fieldIds: [], ...year(2025), valuePercent: 80 },
      { planId: haiDuongCommune, unitId: commune.id, metric: 'tthc', fieldIds: [], ...year(2024), valuePercent: 90 },
      { planId: haiDuongCommune, unitId: commune.id, metric: 'tthc', fieldIds: [land.id], ...year(2024), valuePercent: 85 },
      { planId: haiDuongProvince, unitId: province.id, metric: 'tthc', fieldIds: [], ...year(2022), valuePercent: 90 },
    ]
    for (const row of rows) expect(await ok(Target, await admin.post('/api/v1/targets', row), 201)).toMatchObject(row)

    const stored = await db.sql<{ value: string }[]>`
      select value::text from targets where plan_id = ${chiLinh} order by id
    `
    expect(stored.map((r) => r.value)).toEqual(['0.9600', '0.8700', '0.9000'])
    const pooled = (await ok(z.array(Target), await admin.get(`/api/v1/targets?planId=${chiLinh}`))).find((t) => t.valuePercent === 87)
    expect(pooled?.fieldIds).toEqual(landGroup)
    expect(await ok(z.array(Target), await admin.get(`/api/v1/targets?unitId=${province.id}`))).toHaveLength(4)
  })

  it('refuses a 0..1 value under the old key, a value over 100 and an end before the start', async () => {
    const unit = await seedUnit(db.sql)
    const planId = (
      await ok(
        Plan,
        await admin.post('/api/v1/plans', {
          number: `${++serial}/KH`,
          title: 'KH',
          issuer: 'UBND',
          issuedOn: '2025-01-01',
          unitId: unit.id,
        }),
        201,
      )
    ).id
    const base = { planId, unitId: unit.id, metric: 'tthc', periodStart: '2025-01-01', periodEnd: '2025-12-31' }
    const fractional = await admin.post('/api/v1/targets', { ...base, value: 0.96 })
    expect(fractional.status).toBe(400)
    expect((await fractional.json()).error.issues).toEqual(
      expect.arrayContaining([
        { path: [], message: 'Trường không được hỗ trợ: value.' },
        { path: ['valuePercent'], message: 'Bắt buộc nhập.' },
      ]),
    )
    expect((await admin.post('/api/v1/targets', { ...base, valuePercent: 120 })).status).toBe(400)
    expect((await admin.post('/api/v1/targets', { ...base, valuePercent: 96.125 })).status).toBe(400)
    const backwards = await admin.post('/api/v1/targets', { ...base, periodEnd: '2024-12-31', valuePercent: 96 })
    expect((await backwards.json()).error.issues).toEqual([{ path: ['periodEnd'], message: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.' }])
    expect(await db.sql`select id from targets where plan_id = ${planId}`).toHaveLength(0)
  })

  it('deletes a target with its pooled fields and audits it', async () => {
    const unit = await seedUnit(db.sql)
    const field = await seedField(db.sql)
    const planId = (
      await ok(
        Plan,
        await admin.post('/api/v1/plans', {
          number: `${++serial}/KH`,
          title: 'KH',
          issuer: 'UBND',
          issuedOn: '2025-01-01',
          unitId: unit.id,
        }),
        201,
      )
    ).id
    const target = await ok(
      Target,
      await admin.post('/api/v1/targets', {
        planId,
        unitId: unit.id,
        metric: 'tthc',
        fieldIds: [field.id],
        periodStart: '2025-01-01',
        periodEnd: '2025-12-31',
        valuePercent: 87.5,
      }),
      201,
    )
    expect(target.valuePercent).toBe(87.5)
    expect((await admin.delete(`/api/v1/targets/${target.id}`)).status).toBe(204)
    expect(await db.sql`select 1 from target_fields where target_id = ${target.id}`).toHaveLength(0)
    const [audit] = await db.sql<[{ action: string; details: { valuePercent: number } }]>`
      select action, details from audit_log where entity = 'target' and entity_id = ${String(target.id)} order by id desc limit 1
    `
    expect(audit).toEqual({ action: 'delete', details: expect.objectContaining({ valuePercent: 87.5 }) })
  })
})

describe('users', () => {
  it('creates an account with an argon2id hash of its password, never storing or auditing the password', async () => {
    const unit = await seedUnit(db.sql)
    const user = await ok(
      UserSummary,
      await admin.post('/api/v1/users', {
        username: `Can.Bo${++serial}`,
        displayName: 'Nguyễn Văn A',
        role: 'manager',
        unitId: unit.id,
        password: 'mat-khau-ban-dau',
      }),
      201,
    )
    expect(user).toEqual({
      id: expect.any(Number),
      username: `can.bo${serial}`,
      displayName: 'Nguyễn Văn A',
      role: 'manager',
      unitId: unit.id,
      isDisabled: false,
    })
    const [row] = await db.sql<[{ passwordHash: string }]>`select password_hash from users where id = ${user.id}`
    expect(row.passwordHash).toMatch(/^\$argon2id\$/)
    const audits = await db.sql<
      { details: unknown }[]
    >`select details from audit_log where entity = 'user' and entity_id = ${String(user.id)}`
    expect(JSON.stringify(audits)).not.toContain('mat-khau-ban-dau')
    await signIn(app, { username: user.username, password: 'mat-khau-ban-dau' })
  })

  it('lets a manager create analysts of their subtree but no admin and nobody elsewhere', async () => {
    const unit = await seedUnit(db.sql)
    const other = await seedUnit(db.sql)
    const manager = (await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: unit.id }))).client
    const body = { role: 'analyst', unitId: unit.id, password: 'mat-khau-ban-dau' }
    expect((await manager.post('/api/v1/users', { ...body, username: `pt${++serial}` })).status).toBe(201)
    const asAdmin = await manager.post('/api/v1/users', { ...body, role: 'admin', username: `qt${++serial}` })
    expect(asAdmin.status).toBe(403)
    expect((await asAdmin.json()).error.message).toBe('Chỉ quản trị hệ thống mới tạo được tài khoản quản trị.')
    expect((await manager.post('/api/v1/users', { ...body, unitId: other.id, username: `kh${++serial}` })).status).toBe(403)
    expect(await db.sql`select 1 from users where username in ${db.sql([`qt${serial - 1}`, `kh${serial}`])}`).toHaveLength(0)
  })

  it('resets a password and ends that user’s sessions: the old session and password stop working', async () => {
    const unit = await seedUnit(db.sql)
    const analyst = await seedUser(db.sql, { role: 'analyst', unitId: unit.id })
    const { client: session } = await signIn(app, analyst)
    expect((await session.get('/api/v1/auth/me')).status).toBe(200)
    const manager = (await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: unit.id }))).client
    expect((await manager.post(`/api/v1/users/${analyst.id}/password`, { password: 'mat-khau-moi-sau-reset' })).status).toBe(204)
    expect((await session.get('/api/v1/auth/me')).status).toBe(401)
    expect((await clientOf(app).post('/api/v1/auth/login', { username: analyst.username, password: analyst.password })).status).toBe(401)
    await signIn(app, { username: analyst.username, password: 'mat-khau-moi-sau-reset' })
    const [audit] = await db.sql<[{ details: { endedSessions: number } }]>`
      select details from audit_log where action = 'reset_password' and entity_id = ${String(analyst.id)}
    `
    expect(audit.details.endedSessions).toBe(1)
  })

  it('disables an account, ending its sessions, and refuses to disable one’s own', async () => {
    const unit = await seedUnit(db.sql)
    const analyst = await seedUser(db.sql, { role: 'analyst', unitId: unit.id })
    const { client: session } = await signIn(app, analyst)
    expect((await ok(UserSummary, await admin.post(`/api/v1/users/${analyst.id}/disable`))).isDisabled).toBe(true)
    expect((await session.get('/api/v1/auth/me')).status).toBe(401)
    expect((await clientOf(app).post('/api/v1/auth/login', { username: analyst.username, password: analyst.password })).status).toBe(401)
    expect((await admin.post(`/api/v1/users/${adminUser.id}/disable`)).status).toBe(409)
    expect((await ok(UserSummary, await admin.post(`/api/v1/users/${analyst.id}/enable`))).isDisabled).toBe(false)
    await signIn(app, analyst)
  })

  it('lists a manager’s subtree without admin accounts', async () => {
    const unit = await seedUnit(db.sql)
    const child = await seedUnit(db.sql, { parentId: unit.id })
    const manager = await seedUser(db.sql, { role: 'manager', unitId: unit.id })
    const analyst = await seedUser(db.sql, { role: 'analyst', unitId: child.id })
    const boundAdmin = await seedUser(db.sql, { role: 'admin', unitId: unit.id })
    const outsider = await seedUser(db.sql, { role: 'analyst' })
    const { client } = await signIn(app, manager)
    const ids = (await ok(z.array(UserSummary), await client.get('/api/v1/users'))).map((u) => u.id)
    expect(ids.sort()).toEqual([manager.id, analyst.id].sort())
    expect(ids).not.toContain(boundAdmin.id)
    expect(ids).not.toContain(outsider.id)
    expect((await client.post(`/api/v1/users/${boundAdmin.id}/disable`)).status).toBe(404)
  })

  it('refuses a short password and an unknown role in Vietnamese', async () => {
    const res = await admin.post('/api/v1/users', { username: `x${++serial}xx`, role: 'root', unitId: null, password: 'ngan' })
    expect(res.status).toBe(400)
    expect((await res.json()).error.issues).toEqual([
      { path: ['role'], message: 'Phải là một trong: admin, manager, analyst.' },
      { path: ['password'], message: 'Mật khẩu cần ít nhất 10 ký tự.' },
    ])
  })
})
