import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classifyAgainstTarget, EmulationAnswer, Official } from '../../shared/officials-contract'
import { signIn, type Client } from '../support/admin-client'
import { testApp } from '../support/app'
import { answerOf } from '../support/contract'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter, seedCounterServing, seedResponses, seedTarget, seedUnit, seedUser } from '../support/factories'

describe('the indicative thi đua rule', () => {
  const figure = (responses: number, rate: number, ci95: [number, number]) => ({ responses, rate, ci95 })
  it.each([
    ['lower bound at or above the target', figure(40, 0.975, [0.871, 0.995]), 'xuat_sac'],
    ['lower bound exactly the target', figure(40, 0.95, [0.85, 0.99]), 'xuat_sac'],
    ['rate at the target, interval across it', figure(40, 0.85, [0.71, 0.93]), 'tot'],
    ['rate under the target within the margin of error', figure(40, 0.8, [0.652, 0.895]), 'hoan_thanh'],
    ['upper bound under the target', figure(40, 0.7, [0.546, 0.819]), 'khong_hoan_thanh'],
    ['fewer responses than the minimum', figure(29, 1, [0.88, 1]), 'chua_du_mau'],
  ] as const)('%s', (_, f, level) => {
    expect(classifyAgainstTarget(f, 0.85, 30)).toBe(level)
  })
  it('does not classify without a target', () => {
    expect(classifyAgainstTarget(figure(40, 0.9, [0.77, 0.96]), null, 30)).toBe('chua_co_chi_tieu')
  })
})

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
let admin: Client

beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql).app
  admin = (await signIn(app, await seedUser(db.sql, { role: 'admin' }))).client
})
afterAll(() => db.drop())

describe('GET /api/v1/emulation', () => {
  const day = (i: number) => `2025-${String(1 + (i % 12)).padStart(2, '0')}-10T03:00:00Z`
  const ratings = (n: number, satisfied: number, officialId?: number) =>
    Array.from({ length: n }, (_, i) => ({ at: day(i), answers: { overall: i < satisfied ? 3 : 1 }, officialId: officialId ?? null }))

  async function scene() {
    const district = await seedUnit(db.sql, { name: 'Thị xã Hương Trà', level: 'huyen' })
    const commune = async (name: string) => (await seedUnit(db.sql, { name, level: 'xa', parentId: district.id })).id
    const first = await seedCounter(db.sql, { unitId: await commune('Phường Tứ Hạ') })
    const counters = [first]
    for (const name of ['Phường Hương Văn', 'Phường Hương Xuân', 'Phường Hương Chữ', 'Xã Hương Toàn']) {
      counters.push({ ...first, ...(await seedCounterServing(db.sql, { unitId: await commune(name), versionId: first.versionId })) })
    }
    await seedTarget(db.sql, { unitId: district.id, value: 0.85 })
    const official = await answerOf(
      await admin.post('/api/v1/officials', { counterId: first.counterId, displayName: 'Nguyễn Văn A – công chức Tư pháp' }),
      Official,
      201,
    )
    await seedResponses(db.sql, counters[0]!, [...ratings(30, 30, official.id), ...ratings(10, 9)])
    await seedResponses(db.sql, counters[1]!, ratings(40, 34))
    await seedResponses(db.sql, counters[2]!, ratings(40, 28))
    await seedResponses(db.sql, counters[3]!, ratings(40, 32))
    await seedResponses(db.sql, counters[4]!, ratings(10, 10))
    return { district, official, firstUnitId: first.unitId }
  }

  it('classifies each unit against the strictest target with its interval, and officials above the minimum n', async () => {
    const { district, official, firstUnitId } = await scene()
    const answer = await answerOf(await admin.get(`/api/v1/emulation?year=2025&unitId=${district.id}`), EmulationAnswer)
    const units = answer.rows.filter((r) => r.kind === 'unit').map((r) => [r.label, r.responses, r.level, r.target])
    expect(units.sort()).toEqual(
      [
        ['Phường Hương Chữ', 40, 'hoan_thanh', 0.85],
        ['Phường Hương Văn', 40, 'tot', 0.85],
        ['Phường Hương Xuân', 40, 'khong_hoan_thanh', 0.85],
        ['Phường Tứ Hạ', 40, 'xuat_sac', 0.85],
        ['Xã Hương Toàn', 10, 'chua_du_mau', 0.85],
      ].sort(),
    )
    const tuHa = answer.rows.find((r) => r.kind === 'unit' && r.unitId === firstUnitId)!
    expect(tuHa.rate).toBeCloseTo(0.975, 6)
    expect(tuHa.ci95![0]).toBeGreaterThanOrEqual(0.85)
    expect(tuHa.levelLabel).toBe('Hoàn thành xuất sắc')
    const officials = answer.rows.filter((r) => r.kind === 'official')
    expect(officials).toHaveLength(1)
    expect(officials[0]).toMatchObject({ id: official.id, responses: 30, rate: 1, level: 'xuat_sac', target: 0.85 })
    expect(answer.rule).toContain('Hội đồng thi đua quyết định')
  })

  it('never shows an official to peers at their unit, and exports the table as CSV', async () => {
    const { firstUnitId } = await scene()
    const peer = (await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: firstUnitId }))).client
    const answer = await answerOf(await peer.get('/api/v1/emulation?year=2025'), EmulationAnswer)
    expect(answer.rows.filter((r) => r.kind === 'official')).toEqual([])
    expect(answer.rows.filter((r) => r.kind === 'unit').map((r) => r.level)).toEqual(['xuat_sac'])
    const csv = await peer.get('/api/v1/emulation/export.csv?year=2025')
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const bytes = Buffer.from(await csv.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.subarray(3).toString('utf8')
    expect(text.startsWith('Loại,Đơn vị / công chức,')).toBe(true)
    expect(text).toContain('Đơn vị,Phường Tứ Hạ,')
    expect(text).toContain(',40,97.5,')
    expect(text).toContain(',85.0,Hoàn thành xuất sắc')
  })

  it('refuses a unit outside the scope and a bad year', async () => {
    const outsider = (await signIn(app, await seedUser(db.sql, { role: 'manager' }))).client
    const { district } = await scene()
    expect((await outsider.get(`/api/v1/emulation?year=2025&unitId=${district.id}`)).status).toBe(404)
    const bad = await admin.get('/api/v1/emulation?year=twenty')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_input')
  })
})
