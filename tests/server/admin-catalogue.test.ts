import { z } from 'zod'
import { Field, ImportSummary, Procedure } from '../../shared/admin-contract'
import { answerOf } from '../support/contract'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { parseCsv } from '../../server/catalogue/parse-csv'
import { testApp } from '../support/app'
import { signIn, type Client } from '../support/admin-client'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedUser } from '../support/factories'

let db: TestDatabase
let admin: Client

beforeAll(async () => {
  db = await createTestDatabase()
  const { app } = testApp(db.sql)
  admin = (await signIn(app, await seedUser(db.sql, { role: 'admin' }))).client
})
afterAll(() => db.drop())

beforeEach(async () => {
  await db.sql`delete from procedures`
  await db.sql`delete from fields where code in ('ho-tich', 'xay-dung', 'dat-dai')`
  await db.sql`insert into fields (code, name) values ('ho-tich', 'Hộ tịch'), ('xay-dung', 'Xây dựng')`
})

const procedureCount = async () => (await db.sql<[{ n: number }]>`select count(*)::int as n from procedures`)[0].n

const goodFile = [
  'code,name,field',
  '1.001193,Đăng ký khai sinh,ho-tich',
  '1.000894,Đăng ký kết hôn,ho-tich',
  '"1.013225","Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",xay-dung',
  '1.014465.H50,Thủ tục địa phương,ho-tich',
  '1.008377.000.00.00.H13,Thủ tục địa phương dài,xay-dung',
].join('\r\n')

describe('POST /api/v1/procedures/import', () => {
  it('imports every row of a valid file, names with commas in quotes included', async () => {
    const res = await admin.postText('/api/v1/procedures/import', goodFile)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ created: 5, updated: 0, unchanged: 0 })
    const rows = await db.sql<{ code: string; baseCode: string; name: string; field: string }[]>`
      select p.code, p.base_code, p.name, f.code as field from procedures p join fields f on f.id = p.field_id order by p.code
    `
    expect(rows).toContainEqual({
      code: '1.013225',
      baseCode: '1.013225',
      name: 'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ',
      field: 'xay-dung',
    })
    expect(rows.find((r) => r.code === '1.008377.000.00.00.H13')?.baseCode).toBe('1.008377')
  })

  it('changes nothing when the same file is imported again, and updates only the changed rows', async () => {
    await admin.postText('/api/v1/procedures/import', goodFile)
    expect(await answerOf(await admin.postText('/api/v1/procedures/import', goodFile), ImportSummary)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 5,
    })
    const renamed = goodFile.replace('Đăng ký kết hôn', 'Đăng ký kết hôn (sửa đổi)')
    expect(await answerOf(await admin.postText('/api/v1/procedures/import', renamed), ImportSummary)).toEqual({
      created: 0,
      updated: 1,
      unchanged: 4,
    })
    expect(await procedureCount()).toBe(5)
  })

  it('saves nothing when a line is bad, and lists every bad line with its number', async () => {
    const file = [
      'code,name,field',
      '1.001193,Đăng ký khai sinh,ho-tich',
      '1.00119,Mã thiếu một chữ số,ho-tich',
      '',
      '1.000894,,ho-tich',
      '4.000001,Mã sai đầu số,dat-dai',
      '1.001193,Trùng mã với dòng 2,ho-tich',
    ].join('\n')
    const res = await admin.postText('/api/v1/procedures/import', file)
    expect(res.status).toBe(400)
    const { error } = await res.json()
    expect(error.code).toBe('invalid_input')
    expect(error.message).toBe('Có 4 dòng lỗi; chưa lưu dòng nào. Hãy sửa các dòng được liệt kê rồi nhập lại.')
    expect(error.issues).toEqual([
      { path: [3, 'code'], message: expect.stringMatching(/^Dòng 3, cột code: Mã TTHC phải có dạng d\.dddddd/) },
      { path: [5, 'name'], message: 'Dòng 5, cột name: Không được để trống.' },
      { path: [6, 'code'], message: expect.stringMatching(/^Dòng 6, cột code: Mã TTHC/) },
      { path: [7, 'code'], message: 'Dòng 7: mã "1.001193" trùng với dòng 2.' },
    ])
    expect(await procedureCount()).toBe(0)
  })

  it('reports a field code missing from the catalogue on its line', async () => {
    const res = await admin.postText('/api/v1/procedures/import', 'code,name,field\n1.012753,Đăng ký đất đai lần đầu,dat-dai\n')
    expect(res.status).toBe(400)
    expect((await res.json()).error.issues).toEqual([
      { path: [2, 'field'], message: 'Dòng 2, cột field: lĩnh vực "dat-dai" chưa có trong danh mục.' },
    ])
    expect(await procedureCount()).toBe(0)
  })

  it('refuses a file without the code,name,field header', async () => {
    const res = await admin.postText('/api/v1/procedures/import', 'ma,ten\n1.001193,Đăng ký khai sinh\n')
    expect(res.status).toBe(400)
    expect((await res.json()).error.issues).toEqual([
      { path: [1], message: 'Dòng 1: tiêu đề phải có các cột code,name,field; thiếu code, name, field.' },
    ])
  })

  it('reads a semicolon-separated file with a byte-order mark, as Excel saves it in Vietnamese settings', async () => {
    const res = await admin.postText('/api/v1/procedures/import', '\uFEFFCode;Name;Field\r\n1.001193;Đăng ký khai sinh;ho-tich\r\n')
    expect(await res.json()).toEqual({ created: 1, updated: 0, unchanged: 0 })
  })

  it('writes one audit row naming the created and updated codes', async () => {
    await admin.postText('/api/v1/procedures/import', goodFile)
    const [row] = await db.sql<[{ action: string; entity: string; details: { created: number; codes: string[] } }]>`
      select action, entity, details from audit_log where entity = 'procedure' order by id desc limit 1
    `
    expect(row.action).toBe('import')
    expect(row.details.created).toBe(5)
    expect(row.details.codes.sort()).toEqual(['1.000894', '1.001193', '1.008377.000.00.00.H13', '1.013225', '1.014465.H50'])
  })
})

describe('fields', () => {
  it('creates a field, refuses its code twice, and imports new fields from CSV idempotently', async () => {
    const created = await admin.post('/api/v1/fields', { code: 'dat-dai', name: 'Đất đai' })
    expect(created.status).toBe(201)
    expect(await answerOf(created, Field, 201)).toMatchObject({ code: 'dat-dai', name: 'Đất đai' })
    expect((await admin.post('/api/v1/fields', { code: 'dat-dai', name: 'Đất đai' })).status).toBe(409)
    const file = 'code,name\ndat-dai,Đất đai\ndau-tu,Đầu tư\n'
    expect(await answerOf(await admin.postText('/api/v1/fields/import', file), ImportSummary)).toEqual({
      created: 1,
      updated: 0,
      unchanged: 1,
    })
    expect(await answerOf(await admin.postText('/api/v1/fields/import', file), ImportSummary)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
    })
    const fields = await answerOf(await admin.get('/api/v1/fields'), z.array(Field))
    expect(fields.map((f: { code: string }) => f.code)).toEqual(expect.arrayContaining(['dat-dai', 'dau-tu', 'ho-tich']))
  })

  it('refuses a field code with capitals or diacritics, in Vietnamese', async () => {
    const res = await admin.post('/api/v1/fields', { code: 'Đất-đai', name: 'Đất đai' })
    expect(res.status).toBe(400)
    expect((await res.json()).error.issues).toEqual([
      { path: ['code'], message: 'Mã lĩnh vực gồm chữ thường không dấu, số và dấu "-", ví dụ "dat-dai".' },
    ])
  })

  it('lists procedures by field', async () => {
    await admin.postText('/api/v1/procedures/import', goodFile)
    const [field] = await db.sql<[{ id: number }]>`select id from fields where code = 'xay-dung'`
    const res = await admin.get(`/api/v1/procedures?fieldId=${field.id}`)
    expect((await answerOf(res, z.array(Procedure))).map((p) => p.code)).toEqual(['1.008377.000.00.00.H13', '1.013225'])
  })
})

describe('parseCsv', () => {
  it('numbers each record by the line it starts on, across quoted line breaks and blank lines', () => {
    expect(parseCsv('a,b\n"x\ny",z\n\n"say ""hi""",w\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x\ny', 'z'] },
      { line: 5, cells: ['say "hi"', 'w'] },
    ])
  })

  it('keeps an empty last cell and a last line without a line break', () => {
    expect(parseCsv('a,b\r\n1,')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', ''] },
    ])
  })
})
