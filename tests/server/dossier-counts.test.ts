import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounterServing, seedField, seedResponses, seedSurvey, seedUnit, seedUser } from '../support/factories'
import { ownOrigin, signIn } from '../support/sign-in'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql).app
})
afterAll(() => db.drop())

const local = (dateTime: string) => `${dateTime}:00+07:00`

async function seedCommune() {
  const province = await seedUnit(db.sql, { name: 'Tỉnh Thử', level: 'tinh' })
  const unit = await seedUnit(db.sql, { name: 'Xã Nhập Liệu', parentId: province.id })
  const other = await seedUnit(db.sql, { name: 'Xã Khác', parentId: province.id })
  const survey = await seedSurvey(db.sql)
  const c1 = { ...(await seedCounterServing(db.sql, { unitId: unit.id, versionId: survey.versionId, name: 'Quầy 1' })), ...survey }
  const c2 = { ...(await seedCounterServing(db.sql, { unitId: unit.id, versionId: survey.versionId, name: 'Quầy 2' })), ...survey }
  const foreign = await seedCounterServing(db.sql, { unitId: other.id, versionId: survey.versionId })
  const manager = await seedUser(db.sql, { role: 'manager', unitId: unit.id })
  return { province, unit, other, survey, c1, c2, foreign, cookie: await signIn(app, manager) }
}

const importCsv = (cookie: string, csv: string, contentType = 'text/csv; charset=utf-8') =>
  app.request('/api/v1/dossier-counts/import', {
    method: 'POST',
    headers: { cookie, origin: ownOrigin, 'content-type': contentType },
    body: csv,
  })

async function storedRows(counterIds: number[]) {
  return db.sql`
    select day::text as day, counter_id, procedure_code, received, returned, overdue
    from dossier_counts
    where counter_id = any(${counterIds}::int[])
    order by day, counter_id, procedure_code nulls first
  `
}

describe('POST /api/v1/dossier-counts/import', () => {
  it('imports the rows, and importing them again overwrites rather than adds', async () => {
    const w = await seedCommune()
    const csv = [
      'date,counter,procedure,received,returned,overdue',
      `2025-08-04,${w.c1.counterId},1.001193,12,10,1`,
      `2025-08-04,${w.c1.counterId},,5,4,0`,
      `2025-08-05,${w.c2.counterId},1.014465.H50,7,7,2`,
    ].join('\r\n')
    const first = await importCsv(w.cookie, csv)
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ imported: 3, inserted: 3, updated: 0 })
    const expected = [
      { day: '2025-08-04', counterId: w.c1.counterId, procedureCode: null, received: 5, returned: 4, overdue: 0 },
      { day: '2025-08-04', counterId: w.c1.counterId, procedureCode: '1.001193', received: 12, returned: 10, overdue: 1 },
      { day: '2025-08-05', counterId: w.c2.counterId, procedureCode: '1.014465.H50', received: 7, returned: 7, overdue: 2 },
    ]
    expect(await storedRows([w.c1.counterId, w.c2.counterId])).toEqual(expected)
    expect(await (await importCsv(w.cookie, csv)).json()).toEqual({ imported: 3, inserted: 0, updated: 3 })
    expect(await storedRows([w.c1.counterId, w.c2.counterId])).toEqual(expected)
    await importCsv(w.cookie, `date,counter,procedure,received,returned,overdue\n2025-08-04,${w.c1.counterId},,6,6,1\n`)
    expect((await storedRows([w.c1.counterId]))[0]).toMatchObject({ procedureCode: null, received: 6, returned: 6, overdue: 1 })
    const [audit] =
      await db.sql`select action, entity, details from audit_log where entity = 'dossier_counts' and unit_id = ${w.unit.id} order by id limit 1`
    expect(audit).toEqual({
      action: 'import',
      entity: 'dossier_counts',
      details: { imported: 3, inserted: 3, updated: 0, from: '2025-08-04', to: '2025-08-05' },
    })
  })

  it('rejects the whole file when a row is bad, naming each bad line, and imports nothing', async () => {
    const w = await seedCommune()
    const csv = [
      'date,counter,procedure,received,returned,overdue',
      `2025-08-04,${w.c1.counterId},1.001193,12,10,1`,
      `2025-08-04,${w.c1.counterId},,-1,4,0`,
      '',
      `2025-02-30,${w.c2.counterId},,3,3,0`,
      `2025-08-05,${w.c2.counterId},9.999,3,2,5`,
      `2025-08-05,${w.foreign.counterId},,1,1,0`,
      `2025-08-04,${w.c1.counterId},1.001193,1,1,0`,
    ].join('\n')
    const res = await importCsv(w.cookie, csv)
    expect(res.status).toBe(400)
    const { error } = await res.json()
    expect(error.code).toBe('invalid_input')
    expect(error.message).toBe('Có 5 dòng không hợp lệ; chưa nhập dòng nào.')
    expect(error.issues.map((i: { path: unknown[] }) => i.path)).toEqual([
      [3, 'received'],
      [5, 'date'],
      [6, 'procedure'],
      [6, 'overdue'],
      [7, 'counter'],
      [8, 'date'],
    ])
    expect(error.issues[0].message).toBe('Dòng 3, cột received: Phải là số nguyên không âm.')
    expect(error.issues[4].message).toBe(`Dòng 7, cột counter: Không tìm thấy quầy "${w.foreign.counterId}" trong phạm vi của bạn.`)
    expect(error.issues[5].message).toBe('Dòng 8, cột date: Trùng ngày, quầy và thủ tục với dòng 2.')
    expect(await storedRows([w.c1.counterId, w.c2.counterId, w.foreign.counterId])).toEqual([])
  })

  it('takes a multipart upload with ";" separators, dd/mm/yyyy dates and QR codes for counters', async () => {
    const w = await seedCommune()
    const form = new FormData()
    const csv = `\uFEFFdate;counter;procedure;received;returned;overdue\n04/08/2025;${w.c1.code};;9;8;1\n5/8/2025;'${w.c2.code};;2;2;0\n`
    form.set('file', new File([csv], 'ho-so.csv', { type: 'text/csv' }))
    const res = await app.request('/api/v1/dossier-counts/import', {
      method: 'POST',
      headers: { cookie: w.cookie, origin: ownOrigin },
      body: form,
    })
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await storedRows([w.c1.counterId, w.c2.counterId])).toEqual([
      { day: '2025-08-04', counterId: w.c1.counterId, procedureCode: null, received: 9, returned: 8, overdue: 1 },
      { day: '2025-08-05', counterId: w.c2.counterId, procedureCode: null, received: 2, returned: 2, overdue: 0 },
    ])
  })

  it('refuses a file without the required columns, an analyst, and another body type', async () => {
    const w = await seedCommune()
    const res = await importCsv(w.cookie, 'ngay,quay\n2025-08-04,1\n')
    expect(res.status).toBe(400)
    expect((await res.json()).error.issues).toEqual([
      { path: [1], message: 'Dòng 1: thiếu cột date, counter, procedure, received, returned, overdue.' },
    ])
    const analyst = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: w.unit.id }))
    expect((await importCsv(analyst, `date,counter,procedure,received,returned,overdue\n2025-08-04,${w.c1.counterId},,1,1,0`)).status).toBe(
      403,
    )
    expect((await importCsv(w.cookie, '{}', 'application/json')).status).toBe(400)
    expect(await storedRows([w.c1.counterId])).toEqual([])
  })
})

describe('dossier figures in GET /api/v1/stats', () => {
  it('shows the response rate and the QĐ 766 estimate beside counter groups and the overall', async () => {
    const w = await seedCommune()
    const at = local('2025-08-04T09:00')
    await seedResponses(
      db.sql,
      w.c1,
      Array.from({ length: 10 }, (_, i) => ({ at, answers: { overall: i < 9 ? 3 : 1 } })),
    )
    await seedResponses(
      db.sql,
      w.c2,
      Array.from({ length: 6 }, () => ({ at, answers: { overall: 2 } })),
    )
    await importCsv(
      w.cookie,
      `date,counter,procedure,received,returned,overdue\n2025-08-04,${w.c1.counterId},,50,30,3\n2025-08-20,${w.c1.counterId},1.001193,10,10,1\n2025-09-01,${w.c1.counterId},,99,99,99\n`,
    )
    const query = `surveyId=${w.survey.surveyId}&from=2025-08-01&to=2025-08-31&groupBy=counter`
    const stats = await (await app.request(`/api/v1/stats?${query}`, { headers: { cookie: w.cookie } })).json()
    const c1 = stats.groups.find((g: { key: string }) => g.key === String(w.c1.counterId))
    expect(c1).toMatchObject({
      responses: 10,
      rate: 0.9,
      responseRate: 0.25,
      dossiers: { received: 60, returned: 40, overdue: 4 },
      realtimeIndex: { rate: 0.9, label: expect.stringContaining('QĐ 766/QĐ-TTg') },
    })
    const c2 = stats.groups.find((g: { key: string }) => g.key === String(w.c2.counterId))
    expect(c2).not.toHaveProperty('responseRate')
    expect(stats.overall).toMatchObject({ responses: 16, responseRate: 0.4, dossiers: { returned: 40 } })
    // The same total without a grouping and by month; months carry no dossier figures of their own.
    for (const groupBy of ['none', 'month']) {
      const other = await (
        await app.request(`/api/v1/stats?${query.replace('groupBy=counter', `groupBy=${groupBy}`)}`, { headers: { cookie: w.cookie } })
      ).json()
      expect(other.overall).toMatchObject({ responses: 16, responseRate: 0.4, dossiers: { received: 60, returned: 40, overdue: 4 } })
      for (const group of other.groups) expect(group).not.toHaveProperty('dossiers')
    }

    const land = await seedField(db.sql, `dat-dai-${w.unit.id}`, 'Đất đai')
    const byField = await (await app.request(`/api/v1/stats?${query}&fields=${land.code}`, { headers: { cookie: w.cookie } })).json()
    expect(byField.overall).not.toHaveProperty('responseRate')
  })
})
