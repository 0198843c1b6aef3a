import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findSubtreeUnitIds } from '../../server/units/queries'
import { isInScope, scopeOf } from '../../server/units/scope'
import type { CurrentUser } from '../../shared/auth-contract'
import { testConfig } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedUnit } from '../support/factories'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db.drop())

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b)

/** Two districts; a ward moves, with its hamlet-level child, from the old one to the new one on 2025-07-01. */
async function seedReparentedWard() {
  const oldParent = await seedUnit(db.sql, { name: 'Huyện Cũ', level: 'huyen' })
  const newParent = await seedUnit(db.sql, { name: 'Huyện Mới', level: 'huyen' })
  const ward = await seedUnit(db.sql, { name: 'Phường Chuyển', parentId: oldParent.id })
  const child = await seedUnit(db.sql, { name: 'Điểm phục vụ', level: 'co_quan', parentId: ward.id })
  await db.sql`update unit_versions set valid_to = '2025-07-01' where unit_id = ${ward.id}`
  await db.sql`
    insert into unit_versions (unit_id, name, level, parent_id, valid_from)
    values (${ward.id}, 'Phường Chuyển', 'xa', ${newParent.id}, '2025-07-01')
  `
  return { oldParent: oldParent.id, newParent: newParent.id, ward: ward.id, child: child.id }
}

describe('findSubtreeUnitIds', () => {
  it('follows the parent links valid on the given date', async () => {
    const u = await seedReparentedWard()
    expect(sorted(await findSubtreeUnitIds(db.sql, u.oldParent, '2025-06-30'))).toEqual(sorted([u.oldParent, u.ward, u.child]))
    expect(await findSubtreeUnitIds(db.sql, u.newParent, '2025-06-30')).toEqual([u.newParent])
    expect(await findSubtreeUnitIds(db.sql, u.oldParent, '2025-07-01')).toEqual([u.oldParent])
    expect(sorted(await findSubtreeUnitIds(db.sql, u.newParent, '2025-07-01'))).toEqual(sorted([u.newParent, u.ward, u.child]))
  })

  it('leaves out a unit before its first version starts', async () => {
    const province = await seedUnit(db.sql, { name: 'Tỉnh Thử', level: 'tinh' })
    const founded = await seedUnit(db.sql, { name: 'Phường Mới Lập', parentId: province.id })
    await db.sql`update unit_versions set valid_from = '2025-07-01' where unit_id = ${founded.id}`
    expect(await findSubtreeUnitIds(db.sql, province.id, '2025-06-30')).toEqual([province.id])
    expect(sorted(await findSubtreeUnitIds(db.sql, province.id, '2025-07-01'))).toEqual(sorted([province.id, founded.id]))
  })
})

describe('unit scope', () => {
  const deps = () => ({ sql: db.sql, clock: () => new Date(), config: testConfig() })
  const user = (role: CurrentUser['role'], unitId: number | null): CurrentUser => ({ id: 1, username: 'u', displayName: 'U', role, unitId })
  const within = async (who: CurrentUser, unitId: number, onDate: string) => isInScope(await scopeOf(deps(), who, onDate), unitId)

  it('keeps a manager to the subtree of their unit on the given date', async () => {
    const u = await seedReparentedWard()
    const manager = user('manager', u.oldParent)
    expect(await within(manager, u.child, '2025-06-30')).toBe(true)
    expect(await within(manager, u.child, '2025-07-01')).toBe(false)
    expect(await within(user('analyst', u.newParent), u.child, '2025-07-01')).toBe(true)
    expect(await within(user('manager', u.ward), u.oldParent, '2025-06-30')).toBe(false)
  })

  it('lets an admin see every unit, bound to one or not, and a manager bound to none see none', async () => {
    const u = await seedReparentedWard()
    expect(await scopeOf(deps(), user('admin', null), '2025-07-01')).toBeNull()
    expect(await within(user('admin', u.ward), u.oldParent, '2025-07-01')).toBe(true)
    expect(await scopeOf(deps(), user('manager', null), '2025-07-01')).toEqual([])
  })
})
