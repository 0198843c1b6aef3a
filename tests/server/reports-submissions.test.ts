import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemo } from '../../server/demo/load-demo'
import { formatCount, formatPercent } from '../../shared/format'
import { BoardAnswer, ConsolidatedAnswer, FrozenVersion, PlanViewAnswer, ReportAnswer } from '../../shared/reporting-contract'
import { testApp, testSecretKey } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedResponses, seedUser } from '../support/factories'
import { ownOrigin, signIn } from '../support/sign-in'

// The demo's world: Thành phố Chí Linh over phường Sao Đỏ, Phả Lại and xã Lê Lợi, Q3/2025 due before 20/09.
let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
let now = new Date('2025-09-18T09:00:00+07:00')
let unitIds: Record<string, number>
let saoDo: string
let phaLai: string
let leLoi: string
let city: string
const q3 = 'quy-2025-3'
const sections = {
  ketQua: 'Tỷ lệ hài lòng duy trì ở mức cao.',
  hanChe: 'Lĩnh vực đất đai còn chậm.',
  nguyenNhan: 'Hồ sơ tồn đọng từ kỳ trước.',
  deXuat: 'Bổ sung công chức địa chính.',
}

beforeAll(async () => {
  db = await createTestDatabase()
  await loadDemo(db.sql, { secretKey: testSecretKey, timeZone: 'Asia/Ho_Chi_Minh' })
  app = testApp(db.sql, { clock: () => now }).app
  unitIds = Object.fromEntries((await db.sql<{ code: string; id: number }[]>`select code, id from units`).map((u) => [u.code, u.id]))
  users = {
    saoDo: await seedUser(db.sql, { role: 'manager', unitId: unitIds['HD-CL-SD']! }),
    phaLai: await seedUser(db.sql, { role: 'manager', unitId: unitIds['HD-CL-PL']! }),
    leLoi: await seedUser(db.sql, { role: 'manager', unitId: unitIds['HD-CL-LL']! }),
    city: await seedUser(db.sql, { role: 'analyst', unitId: unitIds['HD-CL']! }),
  }
  await setToday('2025-09-18T09:00:00+07:00')
})

let users: Record<'saoDo' | 'phaLai' | 'leLoi' | 'city', { username: string; password: string }>
/** Moves the app's clock and signs everyone in again (a session does not outlive days of idleness). */
async function setToday(instant: string) {
  now = new Date(instant)
  saoDo = await signIn(app, users.saoDo)
  phaLai = await signIn(app, users.phaLai)
  leLoi = await signIn(app, users.leLoi)
  city = await signIn(app, users.city)
}
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
const reportPath = (code: string, key = q3) => `/api/v1/reporting/units/${unitIds[code]}/reports/${key}`
const statsOf = (code: string, surveyId: number) =>
  json(`/api/v1/stats?period=quy&year=2025&index=3&mode=cutoff&unitId=${unitIds[code]}&surveyId=${surveyId}`, city)

describe('the calendar', () => {
  it('gives Sao Đỏ its 2025 reports, due before the 20th, to the city’s Phòng Nội vụ', async () => {
    const calendar = await json(`/api/v1/reporting/calendar?year=2025`, saoDo)
    const report = calendar.reports.find((r: { key: string }) => r.key === q3)
    expect(report).toEqual({
      key: q3,
      label: 'Quý III/2025 (15/06/2025 – 14/09/2025)',
      from: '2025-06-15',
      to: '2025-09-14',
      dueBefore: '2025-09-20',
      deadlineLabel: 'Trước ngày 20/09/2025',
      recipientUnitId: unitIds['HD-CL'],
      recipientLabel: 'UBND Thành phố Chí Linh (qua Phòng Nội vụ)',
    })
    const province = await json(`/api/v1/reporting/calendar?year=2025&unitId=${unitIds['HD-CL']}`, city)
    expect(province.reports.find((r: { key: string }) => r.key === q3).recipientLabel).toBe('UBND Tỉnh Hải Dương (qua Sở Nội vụ)')
  })

  it('refuses a bad year or period key with one 400 shape', async () => {
    const year = await send('GET', '/api/v1/reporting/calendar?year=20x5', saoDo)
    expect(year.status).toBe(400)
    expect((await year.json()).error.issues[0].path).toEqual(['year'])
    const key = await send('GET', reportPath('HD-CL-SD', 'quy-2025-5'), saoDo)
    expect(key.status).toBe(400)
    expect((await key.json()).error.issues[0].path).toEqual(['periodKey'])
  })
})

describe('drafting and sending a report', () => {
  it('lets only the unit’s own manager write the draft', async () => {
    expect((await send('PUT', reportPath('HD-CL-SD'), city, { sections })).status).toBe(403)
    expect((await send('PUT', reportPath('HD-CL-SD'), phaLai, { sections })).status).toBe(404)
    const bad = await send('PUT', reportPath('HD-CL-SD'), saoDo, { sections: { ...sections, extra: 'x' } })
    expect(bad.status).toBe(400)
    expect((await send('POST', `${reportPath('HD-CL-SD')}/submit`, saoDo, {})).status).toBe(409)
    const [{ n }] = await db.sql<[{ n: number }]>`select count(*)::int as n from unit_reports`
    expect(n).toBe(0)
  })

  it('freezes what was sent: a later restore and late ratings move the live figures, never the sent version', async () => {
    const put = await send('PUT', reportPath('HD-CL-SD'), saoDo, { sections })
    expect(put.status).toBe(200)
    const draft = ReportAnswer.parse(await put.json())
    expect(draft.recipientLabel).toBe('UBND Thành phố Chí Linh (qua Phòng Nội vụ)')
    const surveyId = draft.draft!.surveyId
    // Two ratings set apart before sending: a restore later brings one back into the live figures.
    const [counter] = await db.sql<[{ counterId: number; unitId: number; surveyId: number; versionId: number }]>`
      select counter_id, unit_id, survey_id, survey_version_id as version_id from responses
      where unit_id = ${unitIds['HD-CL-SD']!} and survey_id = ${surveyId} and submitted_at >= '2025-07-01' order by submitted_at limit 1
    `
    const [flagged] = await seedResponses(db.sql, counter, [
      { at: '2025-08-12T10:00:00+07:00', answers: { overall: 1 }, flagReasons: ['burst'] },
      { at: '2025-08-12T10:01:00+07:00', answers: { overall: 1 }, flagReasons: ['burst'] },
    ])
    const before = await statsOf('HD-CL-SD', surveyId)

    const sent = await send('POST', `${reportPath('HD-CL-SD')}/submit`, saoDo, {})
    expect(sent.status).toBe(201)
    const v1 = FrozenVersion.parse(await sent.json())
    expect([v1.version, v1.submittedOn, v1.recipientLabel, v1.reason]).toEqual([
      1,
      '2025-09-18',
      'UBND Thành phố Chí Linh (qua Phòng Nội vụ)',
      null,
    ])
    expect(v1.figures.overall.responses).toBe(before.overall.responses)
    expect(v1.figures.overall.rate).toBe(before.overall.rate)
    expect(v1.sections).toEqual(sections)
    // The whole-plan section is frozen with the figures: the city's plan (Sao Đỏ has none of its own), every
    // target measured on Sao Đỏ by the plan view's rows, each the dashboard's figure for the same query.
    const plan = PlanViewAnswer.parse(v1.figures.plan)
    const [cityPlan] = await db.sql<[{ id: number }]>`select id from plans where unit_id = ${unitIds['HD-CL']!}`
    expect(plan.planId).toBe(cityPlan.id)
    const tthc = plan.rows.filter((r) => r.metric === 'tthc' && !r.scope.includes('Lĩnh vực'))
    expect(tthc.length).toBeGreaterThan(0)
    for (const row of tthc) {
      const live = await statsOf('HD-CL-SD', row.surveyId!)
      expect([row.unitId, row.scope, row.current.responses, row.current.rate, row.current.ci95]).toEqual([
        unitIds['HD-CL-SD'],
        'Phường Sao Đỏ',
        live.overall.responses,
        live.overall.rate,
        live.overall.ci95,
      ])
    }
    const frozenRow = tthc.find((r) => r.surveyId === surveyId)!

    // After sending: the city restores a set-apart rating, and three unhappy ratings arrive late for Q3.
    const restored = await send('POST', `/api/v1/responses/${flagged}/restore`, city, { reason: 'Đã xác minh là phiếu thật' })
    expect(restored.status).toBe(200)
    await seedResponses(db.sql, counter, [
      { at: '2025-09-10T10:00:00+07:00', answers: { overall: 1 } },
      { at: '2025-09-10T11:00:00+07:00', answers: { overall: 1 } },
      { at: '2025-09-10T12:00:00+07:00', answers: { overall: 1 } },
    ])
    const after = await statsOf('HD-CL-SD', surveyId)
    expect(after.overall.responses).toBe(before.overall.responses + 4)
    expect(after.overall.rate).not.toBe(before.overall.rate)

    const again = FrozenVersion.parse(await json(`${reportPath('HD-CL-SD')}/versions/1`, city))
    expect(again.figures).toEqual(v1.figures)
    expect(again.sections).toEqual(sections)
    // The printable page and the Word file come from the frozen row, not from a recount.
    const page = await send('GET', `/admin/reporting/units/${unitIds['HD-CL-SD']}/reports/${q3}/versions/1`, city)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain(`tỷ lệ hài lòng đạt ${formatPercent(before.overall.rate)}`)
    expect(html).not.toContain(`tỷ lệ hài lòng đạt ${formatPercent(after.overall.rate)}`)
    expect(html).toContain('UBND Thành phố Chí Linh (qua Phòng Nội vụ)')
    expect(html).toContain('Hồ sơ tồn đọng từ kỳ trước.')
    expect(html).toContain('Sao Đỏ, ngày 18 tháng 9 năm 2025')
    expect(html).toContain('TOÀN BỘ CHỈ TIÊU CỦA KẾ HOẠCH')
    expect(html).toContain(`Theo ${plan.planTitle}`)
    expect(html).toContain(`${formatPercent(frozenRow.current.rate)} (${formatCount(frozenRow.current.responses)} phiếu)`)
    const docx = await send('GET', `${reportPath('HD-CL-SD')}/versions/1/report.docx`, city)
    expect(docx.status).toBe(200)
    const xml = await (await JSZip.loadAsync(await docx.arrayBuffer())).file('word/document.xml')!.async('string')
    const text = xml.replace(/<[^>]+>/g, '')
    expect(text).toContain(`tỷ lệ hài lòng đạt ${formatPercent(before.overall.rate)}`)
    expect(text).toContain('- UBND Thành phố Chí Linh (qua Phòng Nội vụ);')
    expect(text).toContain('Bổ sung công chức địa chính.')
    expect(text).toContain('TOÀN BỘ CHỈ TIÊU CỦA KẾ HOẠCH')
    expect(text).toContain(`${formatPercent(frozenRow.current.rate)} (${formatCount(frozenRow.current.responses)} phiếu)`)
    expect(text).not.toContain(`${formatPercent(after.overall.rate)} (${formatCount(after.overall.responses)} phiếu)`)
  })

  it('keeps a sent version from being changed even in the database', async () => {
    await expect(db.sql`update unit_report_versions set sections = '{}'`).rejects.toThrow(/frozen/)
    await expect(db.sql`delete from unit_report_versions`).rejects.toThrow(/frozen/)
  })

  it('makes a new version on re-sending, only with a reason, and leaves the first as sent', async () => {
    await setToday('2025-09-19T08:00:00+07:00')
    const missing = await send('POST', `${reportPath('HD-CL-SD')}/submit`, saoDo, {})
    expect(missing.status).toBe(400)
    expect((await missing.json()).error.issues[0].path).toEqual(['reason'])
    const v1 = FrozenVersion.parse(await json(`${reportPath('HD-CL-SD')}/versions/1`, saoDo))
    const res = await send('POST', `${reportPath('HD-CL-SD')}/submit`, saoDo, { reason: 'Cập nhật phiếu đã xác minh' })
    expect(res.status).toBe(201)
    const v2 = FrozenVersion.parse(await res.json())
    expect([v2.version, v2.reason, v2.submittedOn]).toEqual([2, 'Cập nhật phiếu đã xác minh', '2025-09-19'])
    expect(v2.figures.overall.responses).toBe(v1.figures.overall.responses + 4)
    expect(FrozenVersion.parse(await json(`${reportPath('HD-CL-SD')}/versions/1`, saoDo)).figures).toEqual(v1.figures)
    const report = ReportAnswer.parse(await json(reportPath('HD-CL-SD'), city))
    expect(report.versions.map((v) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, 'Cập nhật phiếu đã xác minh'],
    ])
    const audit = await db.sql<{ action: string }[]>`
      select action from audit_log where entity = 'unit_report' and unit_id = ${unitIds['HD-CL-SD']!} order by id
    `
    expect(audit.map((a) => a.action)).toEqual(['save_draft', 'submit', 'resubmit'])
  })
})

describe('the phase report', () => {
  it('counts five years (15/12/2020 – 14/12/2025) through the same stats service, within its range cap', async () => {
    const report = ReportAnswer.parse(await json(reportPath('HD-CL-SD', 'giai-doan-2021-2025'), saoDo))
    expect([report.due.from, report.due.to, report.due.dueBefore]).toEqual(['2020-12-15', '2025-12-14', '2025-12-20'])
    // The demo's ratings (and those added above) all fall in 2025: five years count what that year's cut-off counts.
    const year = await json(
      `/api/v1/stats?period=nam&year=2025&mode=cutoff&unitId=${unitIds['HD-CL-SD']}&surveyId=${report.live!.survey.id}`,
      city,
    )
    expect([report.live!.overall.responses, report.live!.overall.rate]).toEqual([year.overall.responses, year.overall.rate])
    expect(report.live!.overall.responses).toBeGreaterThan(0)
  })
})

describe('the city’s deadline board', () => {
  it('shows on time, draft, and not started before the deadline, then overdue and late after it', async () => {
    await setToday('2025-09-19T10:00:00+07:00')
    expect((await send('PUT', reportPath('HD-CL-LL'), leLoi, { sections })).status).toBe(200)
    const board = BoardAnswer.parse(await json(`/api/v1/reporting/board?year=2025`, city))
    const q3Rows = board.rows.filter((r) => r.periodKey === q3).map((r) => [r.unitName, r.status, r.daysLeft, r.daysLate, r.latestVersion])
    expect(q3Rows).toEqual([
      ['Phường Phả Lại', 'chua-bat-dau', 1, null, null],
      ['Phường Sao Đỏ', 'dung-han', null, null, 2],
      ['Xã Lê Lợi', 'ban-nhap', 1, null, null],
    ])
    // Q4 has begun (from 15/09), nam 2025 too; Q1 and Q2 passed unsent.
    expect(new Set(board.rows.map((r) => r.periodKey))).toEqual(
      new Set(['quy-2025-1', 'quy-2025-2', '6-thang-2025', q3, '9-thang-2025', 'quy-2025-4', 'nam-2025']),
    )
    expect(board.rows.find((r) => r.periodKey === 'quy-2025-2' && r.unitName === 'Xã Lê Lợi')?.status).toBe('qua-han')

    await setToday('2025-09-22T09:00:00+07:00')
    expect((await send('PUT', reportPath('HD-CL-PL'), phaLai, { sections })).status).toBe(200)
    expect((await send('POST', `${reportPath('HD-CL-PL')}/submit`, phaLai, {})).status).toBe(201)
    const later = BoardAnswer.parse(await json(`/api/v1/reporting/board?year=2025`, city))
    expect(later.today).toBe('2025-09-22')
    expect(later.rows.filter((r) => r.periodKey === q3).map((r) => [r.unitName, r.statusLabel, r.daysLate])).toEqual([
      ['Phường Phả Lại', 'Gửi muộn', 3],
      ['Phường Sao Đỏ', 'Đã gửi đúng hạn', null],
      ['Xã Lê Lợi', 'Quá hạn chưa gửi', 3],
    ])
    const csv = await send('GET', '/api/v1/reporting/board.csv?year=2025', city)
    expect(csv.status).toBe(200)
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = new TextDecoder().decode(bytes).split('\r\n')
    expect(lines[0]).toBe('Đơn vị,Kỳ báo cáo,Hạn gửi (trước ngày),Tình trạng,Còn (ngày),Chậm (ngày),Lần gửi')
    expect(lines).toContain('Xã Lê Lợi,Quý III/2025 (15/06/2025 – 14/09/2025),20/09/2025,Quá hạn chưa gửi,,3,')
  })

  it('is not shown to a commune for the city, nor to a user outside it', async () => {
    expect((await send('GET', `/api/v1/reporting/board?year=2025&unitId=${unitIds['HD-CL']}`, saoDo)).status).toBe(404)
  })
})

describe('the consolidated report', () => {
  it('sets the frozen figures side by side, sums them, ranks them and flags a recount that differs', async () => {
    const answer = ConsolidatedAnswer.parse(await json(`/api/v1/reporting/consolidated?periodKey=${q3}`, city))
    expect(answer.unitName).toBe('Thành phố Chí Linh')
    const sent = [
      FrozenVersion.parse(await json(`${reportPath('HD-CL-SD')}/versions/2`, city)),
      FrozenVersion.parse(await json(`${reportPath('HD-CL-PL')}/versions/1`, city)),
    ]
    const byUnit = new Map(answer.rows.map((r) => [r.unitId, r]))
    for (const version of sent) {
      const row = byUnit.get(version.unitId)!
      expect(row.frozen).toEqual({
        responses: version.figures.overall.responses,
        rate: version.figures.overall.rate,
        ci95: version.figures.overall.ci95,
        sufficient: version.figures.overall.sufficient,
      })
      expect(row.targets).toEqual(version.figures.targets)
    }
    expect(answer.frozenTotals).toEqual({ reports: 2, responses: sent[0]!.figures.overall.responses + sent[1]!.figures.overall.responses })
    const ranked = answer.rows.filter((r) => r.rank !== null)
    expect(ranked.map((r) => r.rank)).toEqual(ranked.map((_, i) => i + 1))
    expect(ranked.map((r) => r.frozen!.rate)).toEqual([...ranked.map((r) => r.frozen!.rate)].sort((a, b) => b! - a!))
    expect(byUnit.get(unitIds['HD-CL-LL']!)).toMatchObject({ rank: null, frozen: null, version: null, differsFromLive: false })
    expect(answer.rows.every((r) => !r.differsFromLive)).toBe(true)
    // The city's own pooled figures are the dashboard's for the same query.
    const stats = await statsOf('HD-CL', answer.survey.id)
    expect(answer.own.overall.responses).toBe(stats.overall.responses)
    expect(answer.own.overall.rate).toBe(stats.overall.rate)

    // A late rating for Phả Lại after it sent: its row now differs from a recount.
    const [counter] = await db.sql<[{ counterId: number; unitId: number; surveyId: number; versionId: number }]>`
      select counter_id, unit_id, survey_id, survey_version_id as version_id from responses
      where unit_id = ${unitIds['HD-CL-PL']!} and survey_id = ${answer.survey.id} order by submitted_at desc limit 1
    `
    await seedResponses(db.sql, counter, [{ at: '2025-09-01T10:00:00+07:00', answers: { overall: 1 } }])
    const recount = ConsolidatedAnswer.parse(await json(`/api/v1/reporting/consolidated?periodKey=${q3}`, city))
    const pl = recount.rows.find((r) => r.unitId === unitIds['HD-CL-PL'])!
    expect(pl.differsFromLive).toBe(true)
    expect(pl.live.responses).toBe(pl.frozen!.responses + 1)
    expect(recount.frozenTotals).toEqual(answer.frozenTotals)
    // The recount is one query grouped by unit: each subordinate's figures equal its own stats query's.
    const codeOf = new Map(Object.entries(unitIds).map(([code, id]) => [id, code]))
    expect(recount.rows).toHaveLength(3)
    for (const row of recount.rows) {
      const own = await statsOf(codeOf.get(row.unitId)!, recount.survey.id)
      expect(row.live, codeOf.get(row.unitId)).toEqual({
        responses: own.overall.responses,
        rate: own.overall.rate,
        ci95: own.overall.ci95,
        sufficient: own.overall.sufficient,
      })
      expect(row.live.responses).toBeGreaterThan(0)
    }
  })
})

describe('the 2025 two-level reform', () => {
  it('sends a commune’s Q2 to its district and its Q3 to the province, on both boards', async () => {
    const adminUser = await seedUser(db.sql, { role: 'admin' })
    const admin = await signIn(app, adminUser)
    const create = async (body: object) => {
      const res = await send('POST', '/api/v1/units', admin, body)
      expect(res.status, await res.clone().text()).toBe(201)
      return (await res.json()).id as number
    }
    const province = await create({ code: 'RF-T', name: 'Tỉnh Cải Cách', level: 'tinh', parentId: null, validFrom: '2000-01-01' })
    const district = await create({ code: 'RF-H', name: 'Huyện Cũ', level: 'huyen', parentId: province, validFrom: '2000-01-01' })
    const commune = await create({ code: 'RF-X', name: 'Xã Mới', level: 'xa', parentId: district, validFrom: '2000-01-01' })
    expect((await send('POST', `/api/v1/units/${commune}/versions`, admin, { parentId: province, validFrom: '2025-07-01' })).status).toBe(
      201,
    )
    expect((await send('POST', `/api/v1/units/${district}/close`, admin, { validTo: '2025-07-01' })).status).toBe(200)

    now = new Date('2025-09-25T09:00:00+07:00')
    const admin2 = await signIn(app, adminUser)
    const calendar = await json(`/api/v1/reporting/calendar?year=2025&unitId=${commune}`, admin2)
    const to = Object.fromEntries(calendar.reports.map((r: { key: string; recipientLabel: string }) => [r.key, r.recipientLabel]))
    expect(to['quy-2025-2']).toBe('UBND Huyện Cũ (qua Phòng Nội vụ)')
    expect(to[q3]).toBe('UBND Tỉnh Cải Cách (qua Sở Nội vụ)')

    const districtBoard = BoardAnswer.parse(await json(`/api/v1/reporting/board?year=2025&unitId=${district}`, admin2))
    expect(districtBoard.rows.map((r) => r.periodKey)).toEqual(['quy-2025-1', 'quy-2025-2', '6-thang-2025'])
    const provinceBoard = BoardAnswer.parse(await json(`/api/v1/reporting/board?year=2025&unitId=${province}`, admin2))
    expect(provinceBoard.rows.filter((r) => r.unitName === 'Huyện Cũ').map((r) => r.periodKey)).toEqual([
      'quy-2025-1',
      'quy-2025-2',
      '6-thang-2025',
    ])
    const communeRows = provinceBoard.rows.filter((r) => r.unitName === 'Xã Mới')
    expect(communeRows.map((r) => [r.unitName, r.periodKey, r.status, r.daysLate])).toEqual([
      ['Xã Mới', q3, 'qua-han', 6],
      ['Xã Mới', '9-thang-2025', 'qua-han', 6],
      ['Xã Mới', 'quy-2025-4', 'chua-bat-dau', null],
      ['Xã Mới', 'nam-2025', 'chua-bat-dau', null],
    ])
  })
})
