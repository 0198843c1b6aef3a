import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DashboardAnswer, StatsAnswer } from '../../shared/stats-contract'
import { testApp } from '../support/app'
import { answerOf } from '../support/contract'
import { createTestDatabase, type TestDatabase } from '../support/database'
import {
  seedCounterServing,
  seedField,
  seedResponses,
  seedSurvey,
  seedTarget,
  seedUnit,
  seedUser,
  type SeedRating,
} from '../support/factories'
import { signIn } from '../support/sign-in'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql).app
})
afterAll(() => db.drop())

const times = (n: number, rating: SeedRating): SeedRating[] => Array.from({ length: n }, () => rating)
const get = (cookie: string, path: string, params: Record<string, string | number>) =>
  app.request(`${path}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`, { headers: { cookie } })
// Where the figures were read and up to when: the same source, a moment apart between two requests.
const withoutFreshness = ({ freshness, ...answer }: StatsAnswer) => {
  expect(freshness.source).toBe('primary')
  return answer
}

/**
 * A province with two communes, two fields pooled by a target (and a third field left alone), ratings in July
 * and August 2025 at three counters, and a province-wide target.
 */
let seeded = 0
async function seedProvince() {
  const s = ++seeded
  const province = await seedUnit(db.sql, { name: 'Tỉnh Bảng Điều Khiển', level: 'tinh' })
  const a = await seedUnit(db.sql, { name: 'Xã An Bình', parentId: province.id })
  const b = await seedUnit(db.sql, { name: 'Phường Bến Thủy', parentId: province.id })
  const land = await seedField(db.sql, `dat-dai-${s}`, 'Đất đai')
  const building = await seedField(db.sql, `xay-dung-${s}`, 'Xây dựng')
  const civil = await seedField(db.sql, `ho-tich-${s}`, 'Hộ tịch')
  const survey = await seedSurvey(db.sql)
  const serving = async (unitId: number, name: string) => ({
    ...(await seedCounterServing(db.sql, { unitId, versionId: survey.versionId, name })),
    ...survey,
  })
  const a1 = await serving(a.id, 'Quầy 1')
  const a2 = await serving(a.id, 'Quầy 2')
  const b1 = await serving(b.id, 'Quầy 1')
  await seedResponses(db.sql, a1, [
    ...times(6, { at: '2025-07-10T08:15:00+07:00', fieldId: land.id, answers: { overall: 3 } }),
    ...times(2, { at: '2025-07-10T08:20:00+07:00', fieldId: land.id, answers: { overall: 1 } }),
    ...times(5, { at: '2025-08-04T14:05:00+07:00', fieldId: building.id, answers: { overall: 2 } }),
  ])
  await seedResponses(db.sql, a2, times(7, { at: '2025-08-05T09:00:00+07:00', fieldId: civil.id, answers: { overall: 3 } }))
  await seedResponses(db.sql, b1, [
    ...times(4, { at: '2025-07-21T10:30:00+07:00', fieldId: building.id, answers: { overall: 1 } }),
    ...times(3, { at: '2025-07-21T10:40:00+07:00', answers: { overall: 3 } }),
  ])
  await seedTarget(db.sql, { unitId: province.id, value: 0.96 })
  await seedTarget(db.sql, { unitId: province.id, value: 0.87, fieldIds: [land.id, building.id] })
  // Imported dossier counts at two counters of two communes: the overall figures sum both.
  await db.sql`
    insert into dossier_counts (day, counter_id, received, returned, overdue)
    values ('2025-07-10', ${a1.counterId}, 30, 20, 2), ('2025-08-05', ${b1.counterId}, 12, 10, 1)
  `
  return { province, a, b, survey, land, building }
}

describe('GET /api/v1/stats/dashboard', () => {
  it('answers every part of the dashboard as /api/v1/stats answers it, in one request', async () => {
    const { province, survey, land, building } = await seedProvince()
    const cookie = await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: province.id }))
    const selection = { surveyId: survey.surveyId, unitId: province.id, period: 'nam', year: 2025, mode: 'calendar' }
    const dashboard = await answerOf(await get(cookie, '/api/v1/stats/dashboard', selection), DashboardAnswer)
    const stats = async (params: Record<string, string | number>) =>
      answerOf(await get(cookie, '/api/v1/stats', { ...selection, ...params }), StatsAnswer)

    expect(withoutFreshness(dashboard.overall)).toEqual(withoutFreshness(await stats({})))
    expect(dashboard.overall.overall.responses).toBe(27)
    expect(dashboard.overall.overall.dossiers).toEqual({ received: 42, returned: 30, overdue: 3 })
    // A calendar year read from the year grain still splits into its months.
    expect(dashboard.months.map((m) => [m.key, m.responses])).toEqual([
      ['2025-07', 15],
      ['2025-08', 12],
    ])
    for (const [part, groupBy] of [
      ['months', 'month'],
      ['fields', 'field'],
      ['units', 'unit'],
      ['counters', 'counter'],
      ['items', 'question'],
    ] as const) {
      expect(dashboard[part], part).toEqual((await stats({ groupBy })).groups)
      expect(dashboard[part].length, part).toBeGreaterThan(0)
    }
    // The one pooled card: land and building together, held to the 87% target that pools them.
    const pooled = await stats({ fields: `${land.code},${building.code}` })
    expect(dashboard.fieldCards).toEqual([
      {
        fields: [
          { id: land.id, code: land.code, name: 'Đất đai' },
          { id: building.id, code: building.code, name: 'Xây dựng' },
        ].sort((x, y) => x.id - y.id),
        group: pooled.overall,
      },
    ])
    expect(pooled.overall.responses).toBe(17)
    expect(pooled.overall.targets.map((t) => t.value)).toEqual([0.87])
  })

  it('refuses what /api/v1/stats refuses, in the one error shape, and needs a session', async () => {
    const { a, b, survey } = await seedProvince()
    const cookie = await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: a.id }))
    const selection = { surveyId: survey.surveyId, period: 'nam', year: 2025, mode: 'calendar' }
    const outside = await get(cookie, '/api/v1/stats/dashboard', { ...selection, unitId: b.id })
    expect(outside.status).toBe(404)
    expect(await outside.json()).toEqual(await (await get(cookie, '/api/v1/stats', { ...selection, unitId: b.id })).json())
    const badYear = await get(cookie, '/api/v1/stats/dashboard', { ...selection, year: 'hai' })
    expect(badYear.status).toBe(400)
    const body = (await badYear.json()) as { error: { code: string; issues: { path: string[] }[] } }
    expect(body.error.code).toBe('invalid_input')
    expect(body.error.issues.map((issue) => issue.path.join('.'))).toContain('year')
    const anonymous = await app.request(`/api/v1/stats/dashboard?surveyId=${survey.surveyId}`)
    expect(anonymous.status).toBe(401)
  })

  it('gives no pooled card when no visible target pools fields for the period', async () => {
    const { a, survey } = await seedProvince()
    const cookie = await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: a.id }))
    // The pooling target sits on the province, above this manager's commune: not among the targets it sees.
    const dashboard = await answerOf(
      await get(cookie, '/api/v1/stats/dashboard', {
        surveyId: survey.surveyId,
        unitId: a.id,
        period: 'nam',
        year: 2025,
        mode: 'calendar',
      }),
      DashboardAnswer,
    )
    expect(dashboard.fieldCards).toEqual([])
    expect(dashboard.overall.overall.responses).toBe(20)
  })
})
