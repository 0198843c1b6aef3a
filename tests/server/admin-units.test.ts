import { z } from 'zod'
import { AuditPage, ServicePointSummary, UnitHistory, UnitOnDate } from '../../shared/admin-contract'
import { answerOf } from '../support/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'
import { signIn, type Client } from '../support/admin-client'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedUnit, seedUser } from '../support/factories'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
let admin: Client
let adminId: number

beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql).app
  const user = await seedUser(db.sql, { role: 'admin' })
  adminId = user.id
  admin = (await signIn(app, user)).client
})
afterAll(() => db.drop())

let serial = 0
const code = (prefix: string) => `${prefix}-${++serial}-${Date.now().toString(36)}`

const created = (res: Response) => answerOf(res, UnitHistory, 201)

const treeOn = async (client: Client, date: string) => answerOf(await client.get(`/api/v1/units?on=${date}`), z.array(UnitOnDate))
const rowOf = (tree: UnitOnDate[], id: number) => tree.find((row) => row.id === id)

/** Before 1 July 2025: tỉnh → thành phố (district level) → two phường. */
async function enterOldTree() {
  const province = await created(
    await admin.post('/api/v1/units', { code: code('HD'), name: 'Tỉnh Hải Dương', level: 'tinh', validFrom: '2008-08-01' }),
  )
  const city = await created(
    await admin.post('/api/v1/units', {
      code: code('CL'),
      name: 'Thành phố Chí Linh',
      level: 'huyen',
      parentId: province.id,
      validFrom: '2019-01-10',
    }),
  )
  const saoDo = await created(
    await admin.post('/api/v1/units', { code: code('SD'), name: 'Phường Sao Đỏ', level: 'xa', parentId: city.id, validFrom: '2019-01-10' }),
  )
  const phaLai = await created(
    await admin.post('/api/v1/units', {
      code: code('PL'),
      name: 'Phường Phả Lại',
      level: 'xa',
      parentId: city.id,
      validFrom: '2019-01-10',
    }),
  )
  return { province: province.id as number, city: city.id as number, saoDo: saoDo.id as number, phaLai: phaLai.id as number }
}

/** The 2025 reform: the wards go straight under the province, one renamed, and the city closes. */
async function enterReform(u: Awaited<ReturnType<typeof enterOldTree>>) {
  await created(
    await admin.post(`/api/v1/units/${u.saoDo}/versions`, { validFrom: '2025-07-01', parentId: u.province, name: 'Phường Chu Văn An' }),
  )
  await created(await admin.post(`/api/v1/units/${u.phaLai}/versions`, { validFrom: '2025-07-01', parentId: u.province }))
  const closed = await admin.post(`/api/v1/units/${u.city}/close`, { validTo: '2025-07-01' })
  expect(closed.status, await closed.clone().text()).toBe(200)
  await created(await admin.post(`/api/v1/units/${u.saoDo}/predecessors`, { predecessorId: u.city, effectiveOn: '2025-07-01' }))
}

describe('the effective-dated unit tree', () => {
  it('shows the old tree for a 2024 date and the reformed tree for a date after 1 July 2025', async () => {
    const u = await enterOldTree()
    await enterReform(u)

    const old = await treeOn(admin, '2024-06-30')
    expect(rowOf(old, u.city)).toMatchObject({ name: 'Thành phố Chí Linh', level: 'huyen', parentId: u.province })
    expect(rowOf(old, u.saoDo)).toMatchObject({ name: 'Phường Sao Đỏ', parentId: u.city })
    expect(rowOf(old, u.phaLai)).toMatchObject({ name: 'Phường Phả Lại', parentId: u.city })

    const reformed = await treeOn(admin, '2025-08-01')
    expect(rowOf(reformed, u.city)).toBeUndefined()
    expect(rowOf(reformed, u.saoDo)).toMatchObject({ name: 'Phường Chu Văn An', parentId: u.province, predecessorIds: [u.city] })
    expect(rowOf(reformed, u.phaLai)).toMatchObject({ name: 'Phường Phả Lại', parentId: u.province })

    expect(rowOf(await treeOn(admin, '2025-06-30'), u.saoDo)?.parentId).toBe(u.city)
    expect(rowOf(await treeOn(admin, '2025-07-01'), u.saoDo)?.parentId).toBe(u.province)
  })

  it('keeps a manager of the old city to its 2024 subtree, and to nothing after it closed', async () => {
    const u = await enterOldTree()
    await enterReform(u)
    const manager = (await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: u.city }))).client
    expect((await treeOn(manager, '2024-06-30')).map((row) => row.id).sort()).toEqual([u.city, u.saoDo, u.phaLai].sort())
    expect(await treeOn(manager, '2025-08-01')).toEqual([])
  })

  it('closes the previous version the day before the new one starts', async () => {
    const u = await enterOldTree()
    await created(await admin.post(`/api/v1/units/${u.phaLai}/versions`, { validFrom: '2025-07-01', name: 'Phường Phả Lại mới' }))
    const versions = await db.sql<{ name: string; validFrom: string; validTo: string | null }[]>`
      select name, valid_from::text as valid_from, valid_to::text as valid_to from unit_versions where unit_id = ${u.phaLai} order by valid_from
    `
    expect(versions).toEqual([
      { name: 'Phường Phả Lại', validFrom: '2019-01-10', validTo: '2025-07-01' },
      { name: 'Phường Phả Lại mới', validFrom: '2025-07-01', validTo: null },
    ])
    expect(rowOf(await treeOn(admin, '2025-06-30'), u.phaLai)?.name).toBe('Phường Phả Lại')
  })

  it('refuses to close a unit that still has units under it after the closing date', async () => {
    const u = await enterOldTree()
    const res = await admin.post(`/api/v1/units/${u.city}/close`, { validTo: '2025-07-01' })
    expect(res.status).toBe(409)
    expect((await res.json()).error.message).toContain('Phường Sao Đỏ')
    expect(rowOf(await treeOn(admin, '2025-08-01'), u.city)).toBeDefined()
  })

  it('refuses a version that starts before the current one, and a parent inside the unit’s own subtree', async () => {
    const u = await enterOldTree()
    expect((await admin.post(`/api/v1/units/${u.saoDo}/versions`, { validFrom: '2019-01-01', name: 'Sớm quá' })).status).toBe(409)
    const cycle = await admin.post(`/api/v1/units/${u.city}/versions`, { validFrom: '2025-01-01', parentId: u.saoDo })
    expect(cycle.status).toBe(400)
    expect((await cycle.json()).error.issues).toEqual([{ path: ['parentId'], message: 'Không thể đặt một đơn vị trực thuộc chính nó.' }])
  })

  it('refuses a parent that does not exist on the start date', async () => {
    const u = await enterOldTree()
    await enterReform(u)
    const res = await admin.post('/api/v1/units', {
      code: code('X'),
      name: 'Phường mới',
      level: 'xa',
      parentId: u.city,
      validFrom: '2025-08-01',
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error.issues).toEqual([{ path: ['parentId'], message: 'Đơn vị cấp trên không tồn tại vào ngày 2025-08-01.' }])
  })

  it('refuses a duplicate unit code', async () => {
    const first = await created(
      await admin.post('/api/v1/units', { code: code('DUP'), name: 'Một', level: 'tinh', validFrom: '2020-01-01' }),
    )
    const res = await admin.post('/api/v1/units', { code: first.code, name: 'Hai', level: 'tinh', validFrom: '2020-01-01' })
    expect(res.status).toBe(409)
  })
})

describe('validation', () => {
  it('answers 400 invalid_input with Vietnamese messages on each bad field', async () => {
    const res = await admin.post('/api/v1/units', { code: 'có dấu', level: 'thon', validFrom: '30/06/2025', extra: 1 })
    expect(res.status).toBe(400)
    const { error } = await res.json()
    expect(error.code).toBe('invalid_input')
    expect(error.message).toBe('Dữ liệu không hợp lệ.')
    const byPath = Object.fromEntries(
      error.issues.map((i: { path: string[]; message: string }) => [i.path.join('.') || '(body)', i.message]),
    )
    expect(byPath).toEqual({
      '(body)': 'Trường không được hỗ trợ: extra.',
      code: 'Mã đơn vị gồm chữ, số, ".", "_" hoặc "-", tối đa 40 ký tự.',
      name: 'Bắt buộc nhập.',
      level: 'Phải là một trong: tinh, huyen, xa, co_quan.',
      validFrom: 'Phải là ngày dạng YYYY-MM-DD.',
    })
  })

  it('answers 400 for a date query that is not a date', async () => {
    const res = await admin.get('/api/v1/units?on=2025-13-01')
    expect(res.status).toBe(400)
    expect((await res.json()).error.issues).toEqual([{ path: ['on'], message: 'Phải là ngày dạng YYYY-MM-DD.' }])
  })
})

describe('audit of unit changes', () => {
  it('writes one audit row per change, in the change’s transaction, naming the user and the unit', async () => {
    const u = await enterOldTree()
    await enterReform(u)
    const rows = await db.sql<{ userId: number; action: string; entity: string; entityId: string; unitId: number }[]>`
      select user_id, action, entity, entity_id, unit_id from audit_log
      where unit_id in ${db.sql([u.province, u.city, u.saoDo, u.phaLai])}
      order by id
    `
    expect(rows.map((r) => [r.action, r.entity, Number(r.entityId), r.unitId, r.userId])).toEqual([
      ['create', 'unit', u.province, u.province, adminId],
      ['create', 'unit', u.city, u.city, adminId],
      ['create', 'unit', u.saoDo, u.saoDo, adminId],
      ['create', 'unit', u.phaLai, u.phaLai, adminId],
      ['new_version', 'unit', u.saoDo, u.saoDo, adminId],
      ['new_version', 'unit', u.phaLai, u.phaLai, adminId],
      ['close', 'unit', u.city, u.city, adminId],
      ['add_predecessor', 'unit', u.saoDo, u.saoDo, adminId],
    ])
  })

  it('writes no audit row for a refused change', async () => {
    const u = await enterOldTree()
    const [before] = await db.sql<[{ n: number }]>`select count(*)::int as n from audit_log`
    expect((await admin.post(`/api/v1/units/${u.city}/close`, { validTo: '2025-07-01' })).status).toBe(409)
    const [after] = await db.sql<[{ n: number }]>`select count(*)::int as n from audit_log`
    expect(after.n).toBe(before.n)
  })

  it('pages the audit log newest first, and shows a manager only their subtree’s rows', async () => {
    const u = await enterOldTree()
    const other = await seedUnit(db.sql, { name: 'Tỉnh Khác', level: 'tinh' })
    await answerOf(await admin.post('/api/v1/service-points', { unitId: other.id, name: 'Một cửa tỉnh khác' }), ServicePointSummary, 201)
    await answerOf(await admin.post('/api/v1/service-points', { unitId: u.saoDo, name: 'Một cửa Sao Đỏ' }), ServicePointSummary, 201)
    const firstPage = await answerOf(await admin.get('/api/v1/audit?limit=2'), AuditPage)
    expect(firstPage.items).toHaveLength(2)
    expect(firstPage.items[0]?.details.name).toBe('Một cửa Sao Đỏ')
    expect(firstPage.items[0]?.username).toMatch(/^u-/)
    const secondPage = await answerOf(await admin.get(`/api/v1/audit?limit=2&before=${firstPage.nextBefore}`), AuditPage)
    expect(secondPage.items[0]?.id).toBeLessThan(firstPage.items[1]?.id ?? 0)

    const manager = (await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: u.city }))).client
    const { items } = await answerOf(await manager.get('/api/v1/audit?limit=200'), AuditPage)
    const changes = items.filter((i) => i.action !== 'login')
    expect(changes.map((i) => i.unitId).sort()).toEqual([u.city, u.saoDo, u.saoDo, u.phaLai].sort())
    // The manager's own login is audited too, under their unit.
    expect(items.filter((i) => i.action === 'login').map((i) => i.unitId)).toEqual([u.city])
  })
})
