import { gunzipSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportIdOf } from '../../server/exports/service'
import { testApp, testSecretKey } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounterServing, seedField, seedResponses, seedSurvey, seedUnit, seedUser } from '../support/factories'
import { signIn } from '../support/sign-in'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql).app
})
afterAll(() => db.drop())

const local = (dateTime: string) => `${dateTime}:00+07:00`
const header =
  'response_id,submitted_at,unit_code,unit_name,counter_code,field_code,procedure_code,channel,verified,flagged,survey_version,overall,reasons,thuan_tien,thai_do,dung_hen,comment'
// A QR code may start with "-": the export then writes it with a leading apostrophe, like any text cell.
const neutral = (code: string) => (code.startsWith('-') ? `'${code}` : code)
const hyperlink = '=HYPERLINK("http://lua-dao.example","Bấm vào đây")'

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let isQuoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (isQuoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') isQuoted = false
      else cell += ch
    } else if (ch === '"') isQuoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else if (ch !== '\r') cell += ch
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

/** Two communes; commune A has seven ratings (one flagged, one verified, comments that try to be formulas). */
async function seedExportWorld() {
  const province = await seedUnit(db.sql, { name: 'Tỉnh Thử', level: 'tinh' })
  const a = await seedUnit(db.sql, { name: 'Xã Đông Hòa', parentId: province.id })
  const b = await seedUnit(db.sql, { name: 'Phường Bình Minh', parentId: province.id })
  const land = await seedField(db.sql, `dat-dai-${a.id}`, 'Đất đai')
  const survey = await seedSurvey(db.sql)
  const a1 = { ...(await seedCounterServing(db.sql, { unitId: a.id, versionId: survey.versionId })), ...survey }
  const b1 = { ...(await seedCounterServing(db.sql, { unitId: b.id, versionId: survey.versionId })), ...survey }
  const at = local('2025-08-04T14:05')
  const ids = await seedResponses(db.sql, a1, [
    {
      at,
      answers: { overall: 3, thai_do: 3 },
      fieldId: land.id,
      procedureCode: '1.001193.H50',
      comment: 'Cán bộ nhiệt tình, hướng dẫn "rất" rõ ràng',
    },
    { at, answers: { overall: 1, reasons: [2, 5] }, comment: hyperlink },
    { at, answers: { overall: 2 }, comment: '\t=1+1' },
    { at, answers: { overall: 2 }, comment: '-2 điểm vì chờ lâu\ncả buổi sáng' },
    { at, answers: { overall: 3 }, comment: '@SUM(A1:A2)', isVerified: true },
    { at: local('2025-08-31T23:59'), answers: { overall: 3, thuan_tien: 0 } },
    { at, answers: { overall: 1 }, flagReasons: ['burst'] },
  ])
  await seedResponses(db.sql, b1, [{ at, answers: { overall: 3 } }])
  const analyst = await seedUser(db.sql, { role: 'analyst', unitId: a.id })
  // The export names each rating by a keyed hash of its id, never the id itself.
  const exportIds = ids.map((id) => exportIdOf(testSecretKey, id))
  return { province, a, b, land, survey, a1, b1, ids: exportIds, rawIds: ids, cookie: await signIn(app, analyst) }
}

const august = (surveyId: number) => `surveyId=${surveyId}&from=2025-08-01&to=2025-08-31`

async function download(cookie: string, path: string) {
  const res = await app.request(path, { headers: { cookie } })
  expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200)
  return res
}

async function statsTotal(cookie: string, query: string) {
  const { overall } = await (await app.request(`/api/v1/stats?${query}`, { headers: { cookie } })).json()
  return { responses: overall.responses as number, excluded: overall.excluded as number }
}

describe('GET /api/v1/exports/responses.csv', () => {
  it('gzips the CSV itself when the client takes gzip, the same bytes inside; a spreadsheet is never gzipped again', async () => {
    const w = await seedExportWorld()
    const path = `/api/v1/exports/responses.csv?${august(w.survey.surveyId)}`
    const plain = await app.request(path, { headers: { cookie: w.cookie } })
    expect(plain.headers.get('content-encoding')).toBeNull()
    const gzipped = await app.request(path, { headers: { cookie: w.cookie, 'accept-encoding': 'gzip, deflate' } })
    expect(gzipped.status).toBe(200)
    expect(gzipped.headers.get('content-encoding')).toBe('gzip')
    expect(gzipped.headers.get('cache-control')).toBe('no-store')
    const unzipped = gunzipSync(Buffer.from(await gzipped.arrayBuffer()))
    expect(unzipped.equals(Buffer.from(await plain.arrayBuffer()))).toBe(true)
    expect(unzipped.toString('utf8')).toContain('Xã Đông Hòa')
    const refused = await app.request(path, { headers: { cookie: w.cookie, 'accept-encoding': 'gzip;q=0' } })
    expect(refused.headers.get('content-encoding')).toBeNull()
    const sheet = await app.request(`/api/v1/exports/responses.xlsx?${august(w.survey.surveyId)}`, {
      headers: { cookie: w.cookie, 'accept-encoding': 'gzip' },
    })
    expect(sheet.status).toBe(200)
    expect(sheet.headers.get('content-encoding')).toBeNull()
    // A zip file's signature: the workbook itself, not a compressed copy of it.
    expect([...new Uint8Array(await sheet.arrayBuffer()).slice(0, 2)]).toEqual([0x50, 0x4b])
  })

  it('streams UTF-8 with a BOM, the contract header and one row per response, as many as stats counts', async () => {
    const w = await seedExportWorld()
    const res = await download(w.cookie, `/api/v1/exports/responses.csv?${august(w.survey.surveyId)}`)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="phieu-S-[0-9a-f]+-2025-08-01-2025-08-31\.csv"$/)
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1)
    const [head, ...rows] = parseCsv(text)
    expect(head!.join(',')).toBe(header)
    const total = await statsTotal(w.cookie, august(w.survey.surveyId))
    expect(rows).toHaveLength(total.responses + total.excluded)
    expect(rows.filter((r) => r[9] === 'true')).toHaveLength(total.excluded)
    expect(rows.map((r) => r[0]).sort()).toEqual([...w.ids].sort())
  })

  it('writes each column as the contract says, in Vietnam time, diacritics intact', async () => {
    const w = await seedExportWorld()
    const text = await (await download(w.cookie, `/api/v1/exports/responses.csv?${august(w.survey.surveyId)}`)).text()
    const rows = parseCsv(text.replace(/^\uFEFF/, '')).slice(1)
    const byId = new Map(rows.map((r) => [r[0], r]))
    expect(byId.get(w.ids[0])).toEqual([
      w.ids[0],
      '2025-08-04 14:05:00',
      w.a.code,
      'Xã Đông Hòa',
      neutral(w.a1.code),
      w.land.code,
      '1.001193.H50',
      'qr',
      'false',
      'false',
      '1',
      '3',
      '',
      '',
      '3',
      '',
      'Cán bộ nhiệt tình, hướng dẫn "rất" rõ ràng',
    ])
    expect(byId.get(w.ids[1])!.slice(11, 13)).toEqual(['1', '2;5'])
    expect(byId.get(w.ids[4])!.slice(7, 10)).toEqual(['invitation', 'true', 'false'])
    expect(byId.get(w.ids[5])!.slice(1, 2).concat(byId.get(w.ids[5])!.slice(13, 14))).toEqual(['2025-08-31 23:59:00', '0'])
    expect(byId.get(w.ids[6])!.slice(9, 10)).toEqual(['true'])
    expect(rows.at(-1)![0]).toBe(w.ids[5])
  })

  it('neutralises comments that a spreadsheet would run as formulas', async () => {
    const w = await seedExportWorld()
    const text = await (await download(w.cookie, `/api/v1/exports/responses.csv?${august(w.survey.surveyId)}`)).text()
    const comments = new Map(
      parseCsv(text.replace(/^\uFEFF/, ''))
        .slice(1)
        .map((r) => [r[0], r.at(-1)]),
    )
    expect(comments.get(w.ids[1])).toBe(`'${hyperlink}`)
    expect(comments.get(w.ids[2])).toBe("'\t=1+1")
    expect(comments.get(w.ids[3])).toBe("'-2 điểm vì chờ lâu\ncả buổi sáng")
    expect(comments.get(w.ids[4])).toBe("'@SUM(A1:A2)")
    expect(comments.get(w.ids[0])).toBe('Cán bộ nhiệt tình, hướng dẫn "rất" rõ ràng')
  })

  it('keeps to the scope: another commune gets 404 for this one and only its own rows without unitId', async () => {
    const w = await seedExportWorld()
    const neighbour = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: w.b.id }))
    const refused = await app.request(`/api/v1/exports/responses.csv?${august(w.survey.surveyId)}&unitId=${w.a.id}`, {
      headers: { cookie: neighbour },
    })
    expect(refused.status).toBe(404)
    const own = parseCsv(
      (await (await download(neighbour, `/api/v1/exports/responses.csv?${august(w.survey.surveyId)}`)).text()).replace(/^\uFEFF/, ''),
    )
    expect(own.slice(1).map((r) => r[3])).toEqual(['Phường Bình Minh'])
    const province = await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: w.province.id }))
    const all = parseCsv(
      (await (await download(province, `/api/v1/exports/responses.csv?${august(w.survey.surveyId)}`)).text()).replace(/^\uFEFF/, ''),
    )
    expect(all).toHaveLength(1 + 8)
  })

  it('refuses a signed-out request', async () => {
    const w = await seedExportWorld()
    expect((await app.request(`/api/v1/exports/responses.csv?${august(w.survey.surveyId)}`)).status).toBe(401)
  })
})

describe('GET /api/v1/exports/responses.xlsx', () => {
  it('opens with exceljs and holds the same header and as many rows as the CSV', async () => {
    const w = await seedExportWorld()
    const res = await download(w.cookie, `/api/v1/exports/responses.xlsx?${august(w.survey.surveyId)}`)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await res.arrayBuffer())
    const sheet = workbook.worksheets[0]!
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1)
    expect(values(1).join(',')).toBe(header)
    const total = await statsTotal(w.cookie, august(w.survey.surveyId))
    expect(sheet.actualRowCount).toBe(1 + total.responses + total.excluded)
    const rows = Array.from({ length: sheet.actualRowCount - 1 }, (_, i) => values(i + 2))
    const first = rows.find((r) => r[0] === w.ids[0])!
    expect(first.slice(3, 4)).toEqual(['Xã Đông Hòa'])
    expect(first.at(-1)).toBe('Cán bộ nhiệt tình, hướng dẫn "rất" rõ ràng')
    expect(rows.find((r) => r[0] === w.ids[1])!.at(-1)).toBe(`'${hyperlink}`)
  })
})

describe('exported ids', () => {
  it('carry no time, are not the rating ids, and no endpoint taking a rating id accepts them (400)', async () => {
    const w = await seedExportWorld()
    const rows = parseCsv(
      (await (await download(w.cookie, `/api/v1/exports/responses.csv?${august(w.survey.surveyId)}`)).text()).replace(/^\uFEFF/, ''),
    )
    const exported = rows.slice(1).map((r) => r[0]!)
    expect(exported).toHaveLength(7)
    for (const id of exported) expect(id).toMatch(/^r-[0-9a-f]{24}$/)
    expect(exported.sort()).toEqual([...w.ids].sort())
    const supervisor = await signIn(app, await seedUser(db.sql, { role: 'admin' }))
    const flaggedExportId = w.ids[6]!
    const res = await app.request(`/api/v1/responses/${flaggedExportId}/restore`, {
      method: 'POST',
      headers: { cookie: supervisor, origin: 'http://localhost:3000', 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'thử với mã trong tệp xuất' }),
    })
    expect(res.status).toBe(400)
    const [row] = await db.sql`select is_excluded from responses where id = ${w.rawIds[6]!}`
    expect(row!.isExcluded).toBe(true)
  })
})
