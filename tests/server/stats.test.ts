import { StatsAnswer, type StatsGroup } from '../../shared/stats-contract'
import { answerOf } from '../support/contract'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wilsonInterval } from '../../shared/scoring'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import {
  seedCounterServing,
  seedField,
  seedProcedure,
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

const suffix = () => randomBytes(3).toString('hex')
const times = (n: number, rating: SeedRating): SeedRating[] => Array.from({ length: n }, () => rating)
const local = (dateTime: string) => `${dateTime}:00+07:00`

type Group = StatsGroup

async function getStats(cookie: string, params: Record<string, string | number>) {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))
  return app.request(`/api/v1/stats?${query}`, { headers: { cookie } })
}

async function statsOf(cookie: string, params: Record<string, string | number>) {
  return answerOf(await getStats(cookie, params), StatsAnswer)
}

const summary = (g: Group) => ({ key: g.key, label: g.label, responses: g.responses, excluded: g.excluded, rate: g.rate })

/**
 * A province with two communes and three counters serving one quick-rating survey (headline "overall",
 * satisfied = 2 or 3), with answers chosen so that every group's rate is known by hand:
 *
 *   counter A1 (commune A)  Thu 2025-07-10 08:15  land, procedure pLand        3,3,3,3,1        4/5
 *                           Mon 2025-08-04 14:05  construction, pConstruction 2,2,2,1,1        3/5
 *                           Mon 2025-08-04 14:20  construction, flagged burst 1,1          excluded
 *   counter A2 (commune A)  Tue 2025-08-05 09:00  land, no procedure          3 ×5 (thái độ 3, thuận tiện N/A)  5/5
 *   counter B1 (commune B)  Mon 2025-07-21 10:30  construction, verified       3,3,2,1,1        3/5
 */
async function seedProvince() {
  const s = suffix()
  const province = await seedUnit(db.sql, { name: 'Tỉnh Hải Dương Thử', level: 'tinh' })
  const a = await seedUnit(db.sql, { name: 'Xã Đông Hòa', parentId: province.id })
  const b = await seedUnit(db.sql, { name: 'Phường Bình Minh', parentId: province.id })
  const land = await seedField(db.sql, `dat-dai-${s}`, 'Đất đai')
  const construction = await seedField(db.sql, `xay-dung-${s}`, 'Xây dựng')
  const pLand = `1.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`
  const pConstruction = `2.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`
  await seedProcedure(db.sql, { code: pLand, name: 'Đăng ký đất đai lần đầu', fieldId: land.id })
  await seedProcedure(db.sql, { code: pConstruction, name: 'Cấp giấy phép xây dựng', fieldId: construction.id })
  const survey = await seedSurvey(db.sql)
  const serving = async (unitId: number, name: string) => ({
    ...(await seedCounterServing(db.sql, { unitId, versionId: survey.versionId, name })),
    ...survey,
  })
  const a1 = await serving(a.id, 'Quầy 1')
  const a2 = await serving(a.id, 'Quầy 2')
  const b1 = await serving(b.id, 'Quầy 1')
  const landA1 = { at: local('2025-07-10T08:15'), fieldId: land.id, procedureCode: pLand }
  const constructionA1 = { at: local('2025-08-04T14:05'), fieldId: construction.id, procedureCode: pConstruction }
  await seedResponses(db.sql, a1, [
    ...times(4, { ...landA1, answers: { overall: 3 } }),
    { ...landA1, answers: { overall: 1, reasons: [2] } },
    ...times(3, { ...constructionA1, answers: { overall: 2 } }),
    { ...constructionA1, answers: { overall: 1, reasons: [2, 5] } },
    { ...constructionA1, answers: { overall: 1, reasons: [5] } },
    ...times(2, { at: local('2025-08-04T14:20'), fieldId: construction.id, answers: { overall: 1 }, flagReasons: ['burst'] }),
  ])
  await seedResponses(
    db.sql,
    a2,
    times(5, { at: local('2025-08-05T09:00'), fieldId: land.id, answers: { overall: 3, thai_do: 3, thuan_tien: 0 } }),
  )
  const b1Rating = { at: local('2025-07-21T10:30'), fieldId: construction.id, isVerified: true }
  await seedResponses(
    db.sql,
    b1,
    [3, 3, 2, 1, 1].map((overall) => ({ ...b1Rating, answers: { overall } })),
  )
  const analyst = await seedUser(db.sql, { role: 'analyst', unitId: province.id })
  return { province, a, b, land, construction, pLand, pConstruction, survey, a1, a2, b1, cookie: await signIn(app, analyst) }
}

const summer = { from: '2025-07-01', to: '2025-08-31' }

describe('GET /api/v1/stats', () => {
  it('pools the whole scope into one overall group, from rollups, excluded responses counted apart', async () => {
    const w = await seedProvince()
    const stats = await statsOf(w.cookie, { surveyId: w.survey.surveyId, ...summer })
    expect(stats).toMatchObject({ from: '2025-07-01', to: '2025-08-31', label: '01/07/2025 – 31/08/2025', groups: [] })
    const { overall } = stats
    expect(summary(overall)).toEqual({ key: 'overall', label: 'Tỉnh Hải Dương Thử', responses: 20, excluded: 2, rate: 0.75 })
    expect(overall.ci95).toEqual(wilsonInterval(15, 20))
    expect(overall).toMatchObject({ sufficient: false, suppressed: false, targets: [] })
    const item = (key: string) => overall.items.find((i) => i.key === key)
    expect(item('overall')).toEqual({
      key: 'overall',
      label: expect.any(String),
      valid: 20,
      satisfied: 15,
      rate: 0.75,
      mean: 2.3,
      counts: { '1': 5, '2': 4, '3': 11 },
    })
    expect(item('thai_do')).toMatchObject({ valid: 5, satisfied: 5, rate: 1, counts: { '0': 0, '1': 0, '2': 0, '3': 5 } })
    expect(item('thuan_tien')).toMatchObject({ valid: 0, satisfied: 0, rate: null, counts: { '0': 5, '1': 0, '2': 0, '3': 0 } })
    expect(item('reasons')).toMatchObject({ rate: null, counts: { '1': 0, '2': 2, '3': 0, '4': 0, '5': 2, '6': 0 } })
  })

  it('matches a recount from the raw responses, excluded ones included apart', async () => {
    const w = await seedProvince()
    const { overall } = await statsOf(w.cookie, { surveyId: w.survey.surveyId, ...summer })
    const recount = await db.sql<{ isExcluded: boolean; n: number; satisfied: number }[]>`
      select is_excluded, count(*)::int as n, count(*) filter (where (answers->>'overall')::int >= 2)::int as satisfied
      from responses
      where survey_id = ${w.survey.surveyId}
      group by is_excluded
      order by is_excluded
    `
    expect(recount).toEqual([
      { isExcluded: false, n: overall.responses, satisfied: overall.items.find((i) => i.key === 'overall')!.satisfied },
      { isExcluded: true, n: overall.excluded, satisfied: 0 },
    ])
  })

  it('groups by unit as the children of the focus unit, each pooled over its subtree', async () => {
    const w = await seedProvince()
    const stats = await statsOf(w.cookie, { surveyId: w.survey.surveyId, ...summer, groupBy: 'unit' })
    expect(stats.groups.map(summary)).toEqual([
      { key: String(w.b.id), label: 'Phường Bình Minh', responses: 5, excluded: 0, rate: 0.6 },
      { key: String(w.a.id), label: 'Xã Đông Hòa', responses: 15, excluded: 2, rate: 0.8 },
    ])
    const drilled = await statsOf(w.cookie, { surveyId: w.survey.surveyId, ...summer, groupBy: 'unit', unitId: w.a.id })
    expect(drilled.overall).toMatchObject({ label: 'Xã Đông Hòa', responses: 15, rate: 0.8 })
    expect(drilled.groups.map(summary)).toEqual([{ key: String(w.a.id), label: 'Xã Đông Hòa', responses: 15, excluded: 2, rate: 0.8 }])
  })

  it('groups by counter, labelled with its service point', async () => {
    const w = await seedProvince()
    const stats = await statsOf(w.cookie, { surveyId: w.survey.surveyId, ...summer, groupBy: 'counter' })
    const byKey = Object.fromEntries(stats.groups.map((g) => [g.key, summary(g)]))
    expect(byKey[w.a1.counterId]).toMatchObject({
      responses: 10,
      excluded: 2,
      rate: 0.7,
      label: expect.stringMatching(/^Quầy 1 – Bộ phận Một cửa /),
    })
    expect(byKey[w.a2.counterId]).toMatchObject({ responses: 5, excluded: 0, rate: 1 })
    expect(byKey[w.b1.counterId]).toMatchObject({ responses: 5, excluded: 0, rate: 0.6 })
    expect(stats.groups).toHaveLength(3)
  })

  it('groups by field with the field code as key and its name as label', async () => {
    const w = await seedProvince()
    const stats = await statsOf(w.cookie, { surveyId: w.survey.surveyId, ...summer, groupBy: 'field' })
    expect(stats.groups.map(summary)).toEqual([
      { key: w.land.code, label: 'Đất đai', responses: 10, excluded: 0, rate: 0.9 },
      { key: w.construction.code, label: 'Xây dựng', responses: 10, excluded: 2, rate: 0.6 },
    ])
  })

  it('groups by procedure on the national code, with the ratings that named none apart', async () => {
    const w = await seedProvince()
    const stats = await statsOf(w.cookie, { surveyId: w.survey.surveyId, ...summer, groupBy: 'procedure' })
    expect(stats.groups.map(summary)).toEqual([
      { key: w.pLand, label: `${w.pLand} – Đăng ký đất đai lần đầu`, responses: 5, excluded: 0, rate: 0.8 },
      { key: w.pConstruction, label: `${w.pConstruction} – Cấp giấy phép xây dựng`, responses: 5, excluded: 0, rate: 0.6 },
      { key: '', label: 'Không chọn thủ tục', responses: 10, excluded: 2, rate: 0.8 },
    ])
  })

  it('groups by calendar month, labelled in Vietnamese', async () => {
    const w = await seedProvince()
    const stats = await statsOf(w.cookie, { surveyId: w.survey.surveyId, ...summer, groupBy: 'month' })
    expect(stats.groups.map(summary)).toEqual([
      { key: '2025-07', label: 'Tháng 7/2025', responses: 10, excluded: 0, rate: 0.7 },
      { key: '2025-08', label: 'Tháng 8/2025', responses: 10, excluded: 2, rate: 0.8 },
    ])
  })

  it('groups a whole calendar year by month too, though the year grain holds its totals', async () => {
    const w = await seedProvince()
    const year = { period: 'nam', year: 2025, mode: 'calendar' }
    const stats = await statsOf(w.cookie, { surveyId: w.survey.surveyId, ...year, groupBy: 'month' })
    expect(stats.groups.map(summary)).toEqual([
      { key: '2025-07', label: 'Tháng 7/2025', responses: 10, excluded: 0, rate: 0.7 },
      { key: '2025-08', label: 'Tháng 8/2025', responses: 10, excluded: 2, rate: 0.8 },
    ])
  })

  it('groups by weekday and local hour', async () => {
    const w = await seedProvince()
    const stats = await statsOf(w.cookie, { surveyId: w.survey.surveyId, ...summer, groupBy: 'hour-weekday' })
    expect(stats.groups.map(summary)).toEqual([
      { key: '1-10', label: 'Thứ Hai 10:00', responses: 5, excluded: 0, rate: 0.6 },
      { key: '1-14', label: 'Thứ Hai 14:00', responses: 5, excluded: 2, rate: 0.6 },
      { key: '2-09', label: 'Thứ Ba 09:00', responses: 5, excluded: 0, rate: 1 },
      { key: '4-08', label: 'Thứ Năm 08:00', responses: 5, excluded: 0, rate: 0.8 },
    ])
  })

  it('groups by question, one item each, withholding questions with fewer than 5 answers', async () => {
    const w = await seedProvince()
    const stats = await statsOf(w.cookie, { surveyId: w.survey.surveyId, ...summer, groupBy: 'question' })
    const byKey = Object.fromEntries(stats.groups.map((g) => [g.key, g]))
    expect(stats.groups.map((g) => g.key)).toEqual(['overall', 'reasons', 'thuan_tien', 'thai_do', 'dung_hen'])
    expect(byKey.overall).toMatchObject({ responses: 20, rate: 0.75, ci95: wilsonInterval(15, 20), suppressed: false })
    expect(byKey.overall!.items).toEqual([expect.objectContaining({ key: 'overall', valid: 20, satisfied: 15 })])
    expect(byKey.thai_do).toMatchObject({ label: 'Thái độ của công chức', responses: 5, rate: 1, suppressed: false })
    expect(byKey.thuan_tien).toMatchObject({ responses: 5, rate: null, ci95: null })
    expect(byKey.reasons).toMatchObject({ responses: 4, rate: null, suppressed: true, items: [] })
    expect(byKey.dung_hen).toMatchObject({ responses: 0, suppressed: true, items: [] })
  })

  it('counts only verified ratings with verified=only', async () => {
    const w = await seedProvince()
    const { overall } = await statsOf(w.cookie, { surveyId: w.survey.surveyId, ...summer, verified: 'only' })
    expect(summary(overall)).toMatchObject({ responses: 5, excluded: 0, rate: 0.6 })
  })

  it('narrows to one counter', async () => {
    const w = await seedProvince()
    const { overall } = await statsOf(w.cookie, { surveyId: w.survey.surveyId, ...summer, counterId: w.a1.counterId })
    expect(summary(overall)).toMatchObject({ responses: 10, excluded: 2, rate: 0.7, label: expect.stringMatching(/^Quầy 1 – /) })
  })

  it('defaults to the survey with the most responses in scope', async () => {
    const w = await seedProvince()
    const stats = await statsOf(w.cookie, summer)
    expect(stats.survey.id).toBe(w.survey.surveyId)
    expect(stats.overall.responses).toBe(20)
  })

  it('withholds the rate and counts of a group with fewer than 5 responses, not of one with 5', async () => {
    const w = await seedProvince()
    await seedResponses(db.sql, w.b1, times(3, { at: local('2025-09-02T09:00'), answers: { overall: 1 } }))
    const stats = await statsOf(w.cookie, { surveyId: w.survey.surveyId, from: '2025-08-05', to: '2025-09-30', groupBy: 'unit' })
    expect(stats.groups).toEqual([
      expect.objectContaining({
        key: String(w.b.id),
        responses: 3,
        suppressed: true,
        rate: null,
        ci95: null,
        items: [],
        sufficient: false,
      }),
      expect.objectContaining({ key: String(w.a.id), responses: 5, suppressed: false, rate: 1 }),
    ])
    expect(stats.groups[1]!.items.find((i) => i.key === 'overall')).toMatchObject({ valid: 5, counts: { '3': 5 } })
  })

  it('counts a rating of the 14th in the cut-off quarter and one of the 15th in the next', async () => {
    const unit = await seedUnit(db.sql, { name: 'Xã Kỳ Báo Cáo' })
    const survey = await seedSurvey(db.sql)
    const counter = { ...(await seedCounterServing(db.sql, { unitId: unit.id, versionId: survey.versionId })), ...survey }
    await seedResponses(db.sql, counter, [
      { at: local('2025-06-14T16:00'), answers: { overall: 1 } },
      ...times(5, { at: local('2025-06-15T07:30'), answers: { overall: 3 } }),
      ...times(5, { at: local('2025-09-14T23:30'), answers: { overall: 2 } }),
      ...times(2, { at: local('2025-09-15T00:10'), answers: { overall: 1 } }),
    ])
    const cookie = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: unit.id }))
    const q3 = await statsOf(cookie, { surveyId: survey.surveyId, period: 'quy', year: 2025, index: 3, mode: 'cutoff' })
    expect(q3).toMatchObject({ from: '2025-06-15', to: '2025-09-14', label: 'Quý III/2025 (15/06/2025 – 14/09/2025)' })
    expect(summary(q3.overall)).toMatchObject({ responses: 10, rate: 1 })
    const q4 = await statsOf(cookie, { surveyId: survey.surveyId, period: 'quy', year: 2025, index: 4 })
    expect(summary(q4.overall)).toMatchObject({ responses: 2, rate: null })
    const calendarQ3 = await statsOf(cookie, { surveyId: survey.surveyId, period: 'quy', year: 2025, index: 3, mode: 'calendar' })
    expect(calendarQ3.overall.responses).toBe(7)
  })

  it('reproduces the pooled field-group example of docs/domain.md §4 and its targets', async () => {
    const s = suffix()
    const unit = await seedUnit(db.sql, { name: 'Thành phố Chí Linh Thử', level: 'huyen' })
    const land = await seedField(db.sql, `dat-dai-${s}`, 'Đất đai')
    const construction = await seedField(db.sql, `xay-dung-${s}`, 'Xây dựng')
    const investment = await seedField(db.sql, `dau-tu-${s}`, 'Đầu tư')
    const survey = await seedSurvey(db.sql)
    const counter = { ...(await seedCounterServing(db.sql, { unitId: unit.id, versionId: survey.versionId })), ...survey }
    const at = local('2025-05-06T09:00')
    await seedResponses(db.sql, counter, [
      ...times(40, { at, fieldId: land.id, answers: { overall: 3 } }),
      ...times(10, { at, fieldId: land.id, answers: { overall: 1 } }),
      ...times(144, { at, fieldId: construction.id, answers: { overall: 2 } }),
      ...times(6, { at, fieldId: construction.id, answers: { overall: 1 } }),
    ])
    await seedTarget(db.sql, {
      unitId: unit.id,
      value: 0.96,
      planNumber: `${s}/KH-UBND`,
      issuer: 'UBND TP Chí Linh',
      title: 'Kế hoạch CCHC năm 2025',
    })
    const pooledTarget = await seedTarget(db.sql, { unitId: unit.id, value: 0.87, fieldIds: [land.id, construction.id, investment.id] })
    const cookie = await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: unit.id }))
    const range = { surveyId: survey.surveyId, from: '2025-01-01', to: '2025-12-31' }

    const pooled = await statsOf(cookie, { ...range, fields: `${land.code},${construction.code}` })
    expect(pooled.overall).toMatchObject({
      responses: 200,
      rate: 0.92,
      sufficient: true,
      label: 'Thành phố Chí Linh Thử · Lĩnh vực Đất đai + Xây dựng',
    })
    expect(pooled.overall.targets).toEqual([{ value: 0.87, met: true, source: pooledTarget.source }])

    const all = await statsOf(cookie, range)
    expect(all.overall.targets).toEqual([{ value: 0.96, met: false, source: `${s}/KH-UBND (UBND TP Chí Linh): Kế hoạch CCHC năm 2025` }])

    const byField = await statsOf(cookie, { ...range, groupBy: 'field' })
    expect(byField.groups.map((g) => [g.key, g.rate, g.targets])).toEqual([
      [land.code, 0.8, [{ value: 0.87, met: false, source: pooledTarget.source }]],
      [construction.code, 0.96, [{ value: 0.87, met: true, source: pooledTarget.source }]],
    ])
  })

  it('evaluates the targets of the unit and its ancestors, strictest first', async () => {
    const w = await seedProvince()
    const provinceTarget = await seedTarget(db.sql, { unitId: w.province.id, value: 0.7 })
    const communeTarget = await seedTarget(db.sql, { unitId: w.a.id, value: 0.96 })
    await seedTarget(db.sql, { unitId: w.a.id, value: 0.5, periodStart: '2024-01-01', periodEnd: '2024-12-31' })
    await seedTarget(db.sql, { unitId: w.a.id, value: 0.5, metric: 'sipas' })
    const stats = await statsOf(w.cookie, { surveyId: w.survey.surveyId, ...summer, groupBy: 'unit' })
    const byKey = Object.fromEntries(stats.groups.map((g) => [g.key, g.targets]))
    expect(byKey[w.a.id]).toEqual([
      { value: 0.96, met: false, source: communeTarget.source },
      { value: 0.7, met: true, source: provinceTarget.source },
    ])
    expect(byKey[w.b.id]).toEqual([{ value: 0.7, met: false, source: provinceTarget.source }])
    expect(stats.overall.targets).toEqual([{ value: 0.7, met: true, source: provinceTarget.source }])
  })

  it('labels units by their name at the end of the period', async () => {
    const w = await seedProvince()
    await db.sql`update unit_versions set valid_to = '2025-08-01' where unit_id = ${w.a.id}`
    await db.sql`
      insert into unit_versions (unit_id, name, level, parent_id, valid_from)
      values (${w.a.id}, 'Phường Đông Hòa', 'xa', ${w.province.id}, '2025-08-01')
    `
    const july = await statsOf(w.cookie, { surveyId: w.survey.surveyId, from: '2025-07-01', to: '2025-07-31', groupBy: 'unit' })
    expect(july.groups.map((g) => g.label)).toEqual(['Phường Bình Minh', 'Xã Đông Hòa'])
    const summerStats = await statsOf(w.cookie, { surveyId: w.survey.surveyId, ...summer, groupBy: 'unit' })
    expect(summerStats.groups.map(summary)).toEqual([
      { key: String(w.b.id), label: 'Phường Bình Minh', responses: 5, excluded: 0, rate: 0.6 },
      { key: String(w.a.id), label: 'Phường Đông Hòa', responses: 15, excluded: 2, rate: 0.8 },
    ])
  })
})

describe('stats scope', () => {
  it('answers 404 for a unit or counter of another commune, and 200 for its own', async () => {
    const w = await seedProvince()
    const cookie = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: w.a.id }))
    const base = { surveyId: w.survey.surveyId, ...summer }
    expect((await getStats(cookie, { ...base, unitId: w.b.id })).status).toBe(404)
    expect((await getStats(cookie, { ...base, unitId: w.province.id })).status).toBe(404)
    expect((await getStats(cookie, { ...base, counterId: w.b1.counterId })).status).toBe(404)
    expect((await getStats(cookie, { ...base, counterId: 2_000_000_000 })).status).toBe(404)
    const body = await (await getStats(cookie, { ...base, counterId: w.b1.counterId })).json()
    expect(body).toEqual({ error: { code: 'not_found', message: 'Không tìm thấy quầy này trong phạm vi của bạn.' } })
    expect((await statsOf(cookie, { ...base, counterId: w.a2.counterId })).overall.responses).toBe(5)
  })

  it('answers an unknown questionnaire 404, and a unit out of scope its own 404 first, whichever is found first', async () => {
    const w = await seedProvince()
    const cookie = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: w.a.id }))
    const unknownSurvey = { surveyId: 2_000_000_000, ...summer }
    expect(await (await getStats(cookie, unknownSurvey)).json()).toEqual({
      error: { code: 'not_found', message: 'Không tìm thấy khảo sát.' },
    })
    for (let i = 0; i < 5; i++) {
      const res = await getStats(cookie, { ...unknownSurvey, unitId: w.b.id })
      expect(res.status).toBe(404)
      expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Không tìm thấy đơn vị này trong phạm vi của bạn.' } })
    }
  })

  it('shows a user without a unitId only their own subtree', async () => {
    const w = await seedProvince()
    const cookie = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: w.a.id }))
    const stats = await statsOf(cookie, { surveyId: w.survey.surveyId, ...summer, groupBy: 'counter' })
    expect(summary(stats.overall)).toMatchObject({ label: 'Xã Đông Hòa', responses: 15, excluded: 2, rate: 0.8 })
    expect(stats.groups.map((g) => Number(g.key)).sort()).toEqual([w.a1.counterId, w.a2.counterId].sort())
  })

  it('follows a unit moved to another parent day by day', async () => {
    const oldDistrict = await seedUnit(db.sql, { name: 'Huyện Cũ', level: 'huyen' })
    const newDistrict = await seedUnit(db.sql, { name: 'Huyện Mới', level: 'huyen' })
    const ward = await seedUnit(db.sql, { name: 'Phường Chuyển', parentId: oldDistrict.id })
    await db.sql`update unit_versions set valid_to = '2025-08-01' where unit_id = ${ward.id}`
    await db.sql`insert into unit_versions (unit_id, name, level, parent_id, valid_from) values (${ward.id}, 'Phường Chuyển', 'xa', ${newDistrict.id}, '2025-08-01')`
    const survey = await seedSurvey(db.sql)
    const counter = { ...(await seedCounterServing(db.sql, { unitId: ward.id, versionId: survey.versionId })), ...survey }
    await seedResponses(db.sql, counter, [
      ...times(6, { at: local('2025-07-31T10:00'), answers: { overall: 3 } }),
      ...times(7, { at: local('2025-08-01T10:00'), answers: { overall: 1 } }),
    ])
    const oldAnalyst = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: oldDistrict.id }))
    const newAnalyst = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: newDistrict.id }))
    const range = { surveyId: survey.surveyId, ...summer }
    expect(summary((await statsOf(oldAnalyst, range)).overall)).toMatchObject({ responses: 6, rate: 1 })
    expect(summary((await statsOf(newAnalyst, range)).overall)).toMatchObject({ responses: 7, rate: 0 })
    expect(summary((await statsOf(oldAnalyst, { ...range, unitId: ward.id })).overall)).toMatchObject({ responses: 6 })
  })

  it('reads a calendar year across a mid-month move from years, months and days without losing or doubling a rating', async () => {
    const oldDistrict = await seedUnit(db.sql, { name: 'Huyện Cũ Năm', level: 'huyen' })
    const newDistrict = await seedUnit(db.sql, { name: 'Huyện Mới Năm', level: 'huyen' })
    const ward = await seedUnit(db.sql, { name: 'Phường Giữa Tháng', parentId: oldDistrict.id })
    const stays = await seedUnit(db.sql, { name: 'Xã Ở Yên', parentId: oldDistrict.id })
    await db.sql`update unit_versions set valid_to = '2025-08-15' where unit_id = ${ward.id}`
    await db.sql`insert into unit_versions (unit_id, name, level, parent_id, valid_from) values (${ward.id}, 'Phường Giữa Tháng', 'xa', ${newDistrict.id}, '2025-08-15')`
    const survey = await seedSurvey(db.sql)
    const moved = { ...(await seedCounterServing(db.sql, { unitId: ward.id, versionId: survey.versionId })), ...survey }
    const still = { ...(await seedCounterServing(db.sql, { unitId: stays.id, versionId: survey.versionId })), ...survey }
    await seedResponses(db.sql, moved, [
      ...times(5, { at: local('2025-01-10T09:00'), answers: { overall: 3 } }), // a whole month under the old district
      ...times(6, { at: local('2025-08-14T16:00'), answers: { overall: 3 } }), // the last day under it
      ...times(7, { at: local('2025-08-15T08:00'), answers: { overall: 1 } }), // the first day under the new one
      ...times(8, { at: local('2025-11-03T10:00'), answers: { overall: 1 } }), // a whole month under the new one
    ])
    await seedResponses(db.sql, still, times(9, { at: local('2025-03-03T10:00'), answers: { overall: 2 } }))
    const oldAnalyst = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: oldDistrict.id }))
    const newAnalyst = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: newDistrict.id }))
    const year = { surveyId: survey.surveyId, from: '2025-01-01', to: '2025-12-31' }
    expect(summary((await statsOf(oldAnalyst, year)).overall)).toMatchObject({ responses: 5 + 6 + 9, rate: 1 })
    expect(summary((await statsOf(newAnalyst, year)).overall)).toMatchObject({ responses: 7 + 8, rate: 0 })
    // By month and by unit, as the dashboard reads them (from the grains without counter and field): August split at
    // the move, the ward's ratings under the district it belonged to on each day.
    const byMonth = async (cookie: string) => (await statsOf(cookie, { ...year, groupBy: 'month' })).groups.map((g) => [g.key, g.responses])
    expect(await byMonth(oldAnalyst)).toEqual([
      ['2025-01', 5],
      ['2025-03', 9],
      ['2025-08', 6],
    ])
    expect(await byMonth(newAnalyst)).toEqual([
      ['2025-08', 7],
      ['2025-11', 8],
    ])
    const admin = await signIn(app, await seedUser(db.sql, { role: 'admin' }))
    const byUnit = (await statsOf(admin, { ...year, groupBy: 'unit' })).groups.map((g) => [g.label, g.responses, g.rate])
    expect(byUnit).toEqual([
      ['Huyện Cũ Năm', 20, 1],
      ['Huyện Mới Năm', 15, 0],
    ])
    // Two years, the move in the first: the same counts, and the whole 2026 read from its (empty) year rows.
    const twoYears = { ...year, to: '2026-12-31' }
    expect(summary((await statsOf(oldAnalyst, twoYears)).overall)).toMatchObject({ responses: 20 })
    expect(summary((await statsOf(newAnalyst, twoYears)).overall)).toMatchObject({ responses: 15 })
    // A year from the 15th of December: eleven whole months and edge days around them.
    const fiscal = { ...year, from: '2024-12-15', to: '2025-12-14' }
    expect(summary((await statsOf(oldAnalyst, fiscal)).overall)).toMatchObject({ responses: 20 })
    expect(summary((await statsOf(newAnalyst, fiscal)).overall)).toMatchObject({ responses: 15 })
  })

  it('refuses a signed-out request and a request without a valid period', async () => {
    const w = await seedProvince()
    expect((await app.request(`/api/v1/stats?from=2025-07-01&to=2025-07-31`)).status).toBe(401)
    const res = await getStats(w.cookie, { surveyId: w.survey.surveyId })
    expect(res.status).toBe(400)
    expect((await res.json()).error.code).toBe('invalid_input')
    expect((await getStats(w.cookie, { ...summer, fields: 'khong-co-linh-vuc-nay' })).status).toBe(400)
    const noQuarter = await getStats(w.cookie, { surveyId: w.survey.surveyId, period: 'quy', year: 2025 })
    expect((await noQuarter.json()).error.issues).toEqual([
      { path: ['index'], message: 'Kỳ báo cáo không hợp lệ: Quý cần index từ 1 đến 4; các kỳ khác không có index.' },
    ])
    const both = await getStats(w.cookie, { surveyId: w.survey.surveyId, period: 'nam', year: 2025, ...summer })
    expect(both.status).toBe(400)
  })
})
