import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemo } from '../../server/demo/load-demo'
import { FrozenVersion, PlanViewAnswer, ReportAnswer } from '../../shared/reporting-contract'
import { testApp, testSecretKey } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedResponses, seedUser } from '../support/factories'
import { ownOrigin, signIn } from '../support/sign-in'

// Ad-hoc ("đột xuất") and phase reports go through the same draft, send and freeze flow as the periodic ones.
let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
let unitIds: Record<string, number>
let saoDo: string
let city: string
const adHoc = 'dot-xuat-2025-07-01-2025-08-15'
const sections = { ketQua: 'Kết quả tháng 7 và nửa tháng 8.', hanChe: '', nguyenNhan: '', deXuat: 'Duy trì.' }

beforeAll(async () => {
  db = await createTestDatabase()
  await loadDemo(db.sql, { secretKey: testSecretKey, timeZone: 'Asia/Ho_Chi_Minh' })
  app = testApp(db.sql, { clock: () => new Date('2025-08-20T09:00:00+07:00') }).app
  unitIds = Object.fromEntries((await db.sql<{ code: string; id: number }[]>`select code, id from units`).map((u) => [u.code, u.id]))
  saoDo = await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: unitIds['HD-CL-SD']! }))
  city = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: unitIds['HD-CL']! }))
})
afterAll(() => db.drop())

const send = (method: string, path: string, cookie: string, body?: unknown) =>
  app.request(path, {
    method,
    headers: { 'content-type': 'application/json', origin: ownOrigin, cookie },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
const json = async (path: string, cookie: string) => {
  const res = await send('GET', path, cookie)
  expect(res.status, await res.clone().text()).toBe(200)
  return res.json()
}
const reportPath = (key: string) => `/api/v1/reporting/units/${unitIds['HD-CL-SD']}/reports/${key}`

describe('an ad-hoc report', () => {
  it('needs its subject and the request’s deadline, after its days; a periodic report refuses them; nothing is written', async () => {
    const cases: [string, object, string[]][] = [
      [adHoc, { sections }, ['title', 'dueBefore']],
      [adHoc, { sections, title: 'Tình hình tiếp nhận hồ sơ đất đai', dueBefore: '2025-08-15' }, ['dueBefore']],
      [adHoc, { sections, title: '   ', dueBefore: '2025-08-25' }, ['title']],
      ['quy-2025-3', { sections, title: 'Không dùng cho báo cáo quý' }, ['title']],
    ]
    for (const [key, body, paths] of cases) {
      const res = await send('PUT', reportPath(key), saoDo, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect((await res.json()).error.issues.map((i: { path: string[] }) => i.path[0])).toEqual(paths)
    }
    for (const key of ['dot-xuat-2025-08-15-2025-07-01', 'dot-xuat-2025-02-30-2025-03-01', 'dot-xuat-2015-01-01-2025-12-31']) {
      const res = await send('GET', reportPath(key), saoDo)
      expect(res.status, key).toBe(400)
      expect((await res.json()).error.issues[0].path).toEqual(['periodKey'])
    }
    const [{ n }] = await db.sql<[{ n: number }]>`select count(*)::int as n from unit_reports`
    expect(n).toBe(0)
  })

  it('is sent to the supervising unit of its last day, frozen with the stats of its days, and re-sent only with a reason', async () => {
    const put = await send('PUT', reportPath(adHoc), saoDo, {
      sections,
      title: 'Tình hình tiếp nhận hồ sơ đất đai',
      dueBefore: '2025-08-25',
    })
    expect(put.status, await put.clone().text()).toBe(200)
    const draft = ReportAnswer.parse(await put.json())
    expect([draft.due.label, draft.due.from, draft.due.to, draft.due.dueBefore, draft.recipientLabel]).toEqual([
      'Báo cáo đột xuất: Tình hình tiếp nhận hồ sơ đất đai (01/07/2025 – 15/08/2025)',
      '2025-07-01',
      '2025-08-15',
      '2025-08-25',
      'UBND Thành phố Chí Linh (qua Phòng Nội vụ)',
    ])
    const surveyId = draft.draft!.surveyId
    const stats = await json(`/api/v1/stats?from=2025-07-01&to=2025-08-15&unitId=${unitIds['HD-CL-SD']}&surveyId=${surveyId}`, city)
    expect(stats.overall.responses).toBeGreaterThan(0)

    const sent = await send('POST', `${reportPath(adHoc)}/submit`, saoDo, {})
    expect(sent.status).toBe(201)
    const v1 = FrozenVersion.parse(await sent.json())
    expect([v1.version, v1.periodLabel, v1.dueBefore, v1.recipientLabel]).toEqual([
      1,
      'Báo cáo đột xuất: Tình hình tiếp nhận hồ sơ đất đai (01/07/2025 – 15/08/2025)',
      '2025-08-25',
      'UBND Thành phố Chí Linh (qua Phòng Nội vụ)',
    ])
    expect([v1.figures.overall.responses, v1.figures.overall.rate]).toEqual([stats.overall.responses, stats.overall.rate])
    // The whole-plan section compares the days with the 46 days before and the same days a year earlier.
    const plan = PlanViewAnswer.parse(v1.figures.plan)
    expect([plan.periodLabel, plan.previousLabel, plan.lastYearLabel]).toEqual([
      'Báo cáo đột xuất (01/07/2025 – 15/08/2025)',
      'Báo cáo đột xuất (16/05/2025 – 30/06/2025)',
      'Báo cáo đột xuất (01/07/2024 – 15/08/2024)',
    ])

    // A late rating moves the live figures, not the sent version; a re-send needs a reason and makes version 2.
    const [counter] = await db.sql<[{ counterId: number; unitId: number; surveyId: number; versionId: number }]>`
      select counter_id, unit_id, survey_id, survey_version_id as version_id from responses
      where unit_id = ${unitIds['HD-CL-SD']!} and survey_id = ${surveyId} order by submitted_at limit 1
    `
    await seedResponses(db.sql, counter, [{ at: '2025-08-01T10:00:00+07:00', answers: { overall: 1 } }])
    expect(FrozenVersion.parse(await json(`${reportPath(adHoc)}/versions/1`, city)).figures).toEqual(v1.figures)
    expect((await send('POST', `${reportPath(adHoc)}/submit`, saoDo, {})).status).toBe(400)
    const again = await send('POST', `${reportPath(adHoc)}/submit`, saoDo, { reason: 'Bổ sung phiếu đến muộn' })
    expect(again.status).toBe(201)
    const v2 = FrozenVersion.parse(await again.json())
    expect([v2.version, v2.figures.overall.responses]).toEqual([2, v1.figures.overall.responses + 1])

    const page = await send('GET', `/admin/reporting/units/${unitIds['HD-CL-SD']}/reports/${adHoc}/versions/1`, city)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Báo cáo đột xuất: Tình hình tiếp nhận hồ sơ đất đai')
  })
})

describe('a phase report (sơ kết 05 năm)', () => {
  it('is drafted, sent and frozen for 2021–2025 like any other report', async () => {
    const key = 'giai-doan-2021-2025'
    expect((await send('PUT', reportPath(key), saoDo, { sections })).status).toBe(200)
    const sent = await send('POST', `${reportPath(key)}/submit`, saoDo, {})
    expect(sent.status).toBe(201)
    const v1 = FrozenVersion.parse(await sent.json())
    expect([v1.periodLabel, v1.from, v1.to, v1.dueBefore]).toEqual([
      'Giai đoạn 2021–2025 (15/12/2020 – 14/12/2025)',
      '2020-12-15',
      '2025-12-14',
      '2025-12-20',
    ])
    const stats = await json(
      `/api/v1/stats?from=2020-12-15&to=2025-12-14&unitId=${unitIds['HD-CL-SD']}&surveyId=${v1.figures.survey.id}`,
      city,
    )
    expect([v1.figures.overall.responses, v1.figures.overall.rate]).toEqual([stats.overall.responses, stats.overall.rate])
  })
})
