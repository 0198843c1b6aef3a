import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter } from '../support/factories'

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
    expect(html).toContain('Phường Thử · Quầy 1')
    expect(html).toContain('name="a.overall"')
    expect(html).toContain('<select id="fieldCode" name="fieldCode">')
  })

  it('stores a posted form with its rollups and redirects to the thank-you page', async () => {
    const counter = await seedCounter(db.sql, { fieldCodes: ['dat-dai'] })
    const submissionId = randomUUID()
    const res = await postForm(counter.code, { submissionId, 'a.overall': '1', 'a.reasons': '2', comment: ' Chờ lâu ' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/q/${counter.code}/cam-on`)
    const [row] = await db.sql`select answers, comment from responses where submission_id = ${submissionId}`
    expect(row).toEqual({ answers: { overall: 1, reasons: [2] }, comment: 'Chờ lâu' })
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
    expect(html).toContain('an answer is required')
    expect(html).toMatch(/value="2" checked/)
    const [row] = await db.sql<[{ n: number }]>`select count(*)::int as n from responses where submission_id = ${submissionId}`
    expect(row.n).toBe(0)
  })

  it('answers a friendly Vietnamese 404 page for a forged code', async () => {
    const res = await app.request('/q/AAAAAAAAAAAAAAAA')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(await res.text()).toContain('Không tìm thấy phiếu đánh giá')
  })
})
