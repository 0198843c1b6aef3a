import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemo } from '../../server/demo/load-demo'
import { BoardAnswer, CalendarAnswer, PlanCycleAnswer, ReportAnswer } from '../../shared/reporting-contract'
import { testApp, testSecretKey } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedUser } from '../support/factories'
import { ownOrigin, signIn } from '../support/sign-in'

// A plan's reporting cycle set through the API: which reports, how periods are cut, the deadline day, the phase.
let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
let unitIds: Record<string, number>
let planId: number
let cookies: Record<'analyst' | 'manager' | 'commune', string>

beforeAll(async () => {
  db = await createTestDatabase()
  await loadDemo(db.sql, { secretKey: testSecretKey, timeZone: 'Asia/Ho_Chi_Minh' })
  app = testApp(db.sql, { clock: () => new Date('2025-10-01T09:00:00+07:00') }).app
  unitIds = Object.fromEntries((await db.sql<{ code: string; id: number }[]>`select code, id from units`).map((u) => [u.code, u.id]))
  ;[{ id: planId }] = await db.sql<[{ id: number }]>`select id from plans where unit_id = ${unitIds['HD-CL']!}`
  cookies = {
    analyst: await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: unitIds['HD-CL']! })),
    manager: await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: unitIds['HD-CL']! })),
    commune: await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: unitIds['HD-CL-SD']! })),
  }
})
afterAll(() => db.drop())

const send = (method: string, path: string, cookie: string, body?: unknown) =>
  app.request(path, {
    method,
    headers: { 'content-type': 'application/json', origin: ownOrigin, cookie },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
const cyclePath = () => `/api/v1/reporting/plans/${planId}/cycle`
const json = async (path: string, cookie: string) => {
  const res = await send('GET', path, cookie)
  expect(res.status, await res.clone().text()).toBe(200)
  return res.json()
}
const stored = async () =>
  (await db.sql`select report_kinds, report_period_mode, report_deadline_day, phase_from, phase_to from plans where id = ${planId}`)[0]

const calendarRule = {
  reportKinds: ['quy', 'nam', 'giai-doan'],
  periodMode: 'calendar',
  deadlineDay: 10,
  phase: { fromYear: 2021, toYear: 2025 },
}

describe('a plan’s reporting cycle', () => {
  it('reads the default cycle: quý, 6 tháng, 9 tháng, năm by cut-off days, no phase', async () => {
    const answer = PlanCycleAnswer.parse(await json(cyclePath(), cookies.analyst))
    expect(answer.canEdit).toBe(false)
    expect(answer.cycle).toEqual({
      reportKinds: ['quy', '6-thang', '9-thang', 'nam'],
      periodMode: 'cutoff',
      deadlineDay: null,
      phase: null,
    })
    expect(PlanCycleAnswer.parse(await json(cyclePath(), cookies.manager)).canEdit).toBe(true)
  })

  it('refuses an analyst (403), a plan out of scope (404) and each bad cycle (400), writing nothing', async () => {
    const before = await stored()
    expect((await send('PUT', cyclePath(), cookies.analyst, calendarRule)).status).toBe(403)
    expect((await send('PUT', cyclePath(), cookies.commune, calendarRule)).status).toBe(404)
    const bad: [object, (string | number)[]][] = [
      [{ ...calendarRule, phase: null }, ['phase']],
      [{ ...calendarRule, periodMode: 'cutoff' }, ['deadlineDay']],
      [{ ...calendarRule, reportKinds: ['quy', 'quy'] }, ['reportKinds']],
      [{ ...calendarRule, reportKinds: [] }, ['reportKinds']],
      [{ ...calendarRule, reportKinds: ['dot-xuat'] }, ['reportKinds', 0]],
      [{ ...calendarRule, phase: { fromYear: 2021, toYear: 2031 } }, ['phase', 'toYear']],
      [{ ...calendarRule, deadlineDay: 29 }, ['deadlineDay']],
      [{ ...calendarRule, extra: true }, []],
    ]
    for (const [body, path] of bad) {
      const res = await send('PUT', cyclePath(), cookies.manager, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      const error = (await res.json()).error
      expect(error.code).toBe('invalid_input')
      expect(error.issues[0].path, JSON.stringify(body)).toEqual(path)
    }
    expect(await stored()).toEqual(before)
  })

  it('sets calendar months, the 10th of the next month and the 2021–2025 phase; the calendar, board and reports follow; audited', async () => {
    const res = await send('PUT', cyclePath(), cookies.manager, calendarRule)
    expect(res.status, await res.clone().text()).toBe(200)
    expect(PlanCycleAnswer.parse(await res.json()).cycle).toEqual(calendarRule)
    const [audit] = await db.sql<[{ action: string; details: { before: unknown; after: unknown } }]>`
      select action, details from audit_log where entity = 'plan' and entity_id = ${planId} order by id desc limit 1
    `
    expect(audit.action).toBe('update_cycle')
    expect(audit.details.before).toEqual({
      reportKinds: ['quy', '6-thang', '9-thang', 'nam'],
      periodMode: 'cutoff',
      deadlineDay: null,
      phase: null,
    })
    expect(audit.details.after).toEqual(calendarRule)

    const calendar = CalendarAnswer.parse(await json(`/api/v1/reporting/calendar?year=2025&unitId=${unitIds['HD-CL-SD']}`, cookies.manager))
    expect(calendar.reports.map((r) => [r.key, r.from, r.to, r.dueBefore])).toEqual([
      ['quy-2025-1', '2025-01-01', '2025-03-31', '2025-04-10'],
      ['quy-2025-2', '2025-04-01', '2025-06-30', '2025-07-10'],
      ['quy-2025-3', '2025-07-01', '2025-09-30', '2025-10-10'],
      ['quy-2025-4', '2025-10-01', '2025-12-31', '2026-01-10'],
      ['nam-2025', '2025-01-01', '2025-12-31', '2026-01-10'],
      ['giai-doan-2021-2025', '2021-01-01', '2025-12-31', '2026-01-10'],
    ])
    const board = BoardAnswer.parse(await json(`/api/v1/reporting/board?year=2025`, cookies.analyst))
    const q3 = board.rows.filter((r) => r.periodKey === 'quy-2025-3')
    expect(q3.map((r) => [r.dueBefore, r.status, r.daysLeft])).toEqual(q3.map(() => ['2025-10-10', 'chua-bat-dau', 9]))
    const report = ReportAnswer.parse(await json(`/api/v1/reporting/units/${unitIds['HD-CL-SD']}/reports/quy-2025-3`, cookies.commune))
    expect([report.due.label, report.due.from, report.due.to, report.due.deadlineLabel]).toEqual([
      'Quý III/2025',
      '2025-07-01',
      '2025-09-30',
      'Trước ngày 10/10/2025',
    ])
  })
})
