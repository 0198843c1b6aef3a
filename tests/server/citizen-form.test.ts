import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter } from '../support/factories'
import { compactRollups } from '../../server/responses/rollup-queries'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql).app
})
afterAll(() => db.drop())

const postForm = (code: string, fields: Record<string, string>) =>
  app.request(`/q/${code}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  })

describe('the survey page without JavaScript', () => {
  it('renders the counter, its unit and the assigned questionnaire', async () => {
    const counter = await seedCounter(db.sql, { fieldCodes: ['ho-tich', 'chung-thuc'] })
    const res = await app.request(`/q/${counter.code}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toMatch(/^<!DOCTYPE html>/)
    expect(html).toContain('<p class="unit">Phường Thử</p>')
    expect(html).toMatch(/<p>Một cửa \w+ · Quầy 1<\/p>/)
    expect(html).toContain('name="a.overall"')
    expect(html.match(/type="radio" name="fieldCode"/g)).toHaveLength(2)
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+'/)
    expect(res.headers.get('set-cookie')).toMatch(/sipas_device=[\w-]+;.*HttpOnly/)
  })

  it('stores a posted form with its rollups and redirects to the thank-you page', async () => {
    const counter = await seedCounter(db.sql, { fieldCodes: ['dat-dai'] })
    const submissionId = randomUUID()
    const res = await postForm(counter.code, { submissionId, 'a.overall': '1', 'a.reasons': '2', comment: ' Chờ lâu ' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/cam-on')
    const [row] = await db.sql`select answers, comment from responses where submission_id = ${submissionId}`
    expect(row).toEqual({ answers: { overall: 1, reasons: [2] }, comment: 'Chờ lâu' })
    await compactRollups(db.sql)
    const [rollup] = await db.sql<[{ n: number }]>`
      select n from rollups where counter_id = ${counter.counterId} and question_key = 'reasons' and value = 2
    `
    expect(rollup.n).toBe(1)
    const thanks = await app.request(res.headers.get('location')!)
    expect(await thanks.text()).toContain('Cảm ơn Ông/Bà đã đánh giá!')
  })

  it('drops a follow-up left filled when its trigger no longer applies', async () => {
    const counter = await seedCounter(db.sql)
    const submissionId = randomUUID()
    const res = await postForm(counter.code, { submissionId, 'a.overall': '3', 'a.reasons': '2' })
    expect(res.status).toBe(303)
    const [row] = await db.sql`select answers from responses where submission_id = ${submissionId}`
    expect(row!.answers).toEqual({ overall: 3 })
  })

  it('shows the form again with its errors and stores nothing when a required answer is missing', async () => {
    const counter = await seedCounter(db.sql)
    const submissionId = randomUUID()
    const res = await postForm(counter.code, { submissionId, 'a.thai_do': '2' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('role="alert"')
    expect(html).toContain('<p class="err" id="err-overall">Vui lòng chọn một câu trả lời.</p>')
    expect(html).toMatch(/value="2" checked/)
    const [row] = await db.sql<[{ n: number }]>`select count(*)::int as n from responses where submission_id = ${submissionId}`
    expect(row.n).toBe(0)
  })

  it('takes a procedure picked from the list or typed by its name, and refuses one it cannot find', async () => {
    const counter = await seedCounter(db.sql, { fieldCodes: ['ho-tich'] })
    await db.sql`insert into procedures (code, name, field_id) values ('1.001193', 'Đăng ký khai sinh', ${counter.fields[0]!.id})`
    const picked = randomUUID()
    expect(
      (await postForm(counter.code, { submissionId: picked, 'a.overall': '3', procedure: '1.001193 – Đăng ký khai sinh' })).status,
    ).toBe(303)
    const typed = randomUUID()
    expect((await postForm(counter.code, { submissionId: typed, 'a.overall': '3', procedure: 'đăng ký khai sinh' })).status).toBe(303)
    const rows = await db.sql`select procedure_code from responses where submission_id in (${picked}, ${typed})`
    expect(rows.map((r) => r.procedureCode)).toEqual(['1.001193', '1.001193'])
    const wrong = await postForm(counter.code, { submissionId: randomUUID(), 'a.overall': '3', procedure: 'làm sổ đỏ' })
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('Mã thủ tục không đúng định dạng')
  })

  it('serves the page and its errors in English with ?lang=en', async () => {
    const counter = await seedCounter(db.sql)
    const page = await (await app.request(`/q/${counter.code}?lang=en`)).text()
    expect(page).toContain('<html lang="en">')
    expect(page).toContain('Send rating')
    expect(page).toContain(`href="/q/${counter.code}" lang="vi"`)
  })

  it('answers a friendly Vietnamese 404 page for a forged code', async () => {
    const res = await app.request('/q/AAAAAAAAAAAAAAAA')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(await res.text()).toContain('Không tìm thấy phiếu đánh giá')
  })
})
