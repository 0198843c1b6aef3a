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

const post = (body: unknown) =>
  app.request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

const countRows = async (submissionId: string) => {
  const [row] = await db.sql<[{ n: number }]>`select count(*)::int as n from responses where submission_id = ${submissionId}`
  return row.n
}

describe('POST /api/v1/responses', () => {
  it('stores a rating with its rollup rows and answers 201', async () => {
    const counter = await seedCounter(db.sql, { fieldCodes: ['dat-dai'] })
    const submissionId = randomUUID()
    const res = await post({ counterCode: counter.code, submissionId, answers: { overall: 3, thai_do: 0 } })
    expect(res.status).toBe(201)
    const body = await res.json()
    expect(body).toEqual({ id: expect.any(String), verified: false })

    const [stored] = await db.sql`select * from responses where id = ${body.id}`
    expect(stored).toMatchObject({ submissionId, counterId: counter.counterId, fieldId: counter.fields[0]!.id, channel: 'qr' })
    expect(stored!.answers).toEqual({ overall: 3, thai_do: 0 })
    await compactRollups(db.sql)
    const rollups = await db.sql`
      select question_key, value, n from rollups where counter_id = ${counter.counterId} order by question_key
    `
    expect(rollups.map((r) => [r.questionKey, r.value, r.n])).toEqual([
      ['*', 0, 1],
      ['overall', 3, 1],
      ['thai_do', 0, 1],
    ])
  })

  it('answers a replay with the same body and 200, storing nothing twice', async () => {
    const counter = await seedCounter(db.sql)
    const payload = { counterCode: counter.code, submissionId: randomUUID(), answers: { overall: 2 } }
    const first = await post(payload)
    const second = await post(payload)
    expect(first.status).toBe(201)
    expect(second.status).toBe(200)
    expect(await second.json()).toEqual(await first.json())
    expect(await countRows(payload.submissionId)).toBe(1)
    await compactRollups(db.sql)
    const [rollup] = await db.sql<[{ n: number }]>`
      select n from rollups where counter_id = ${counter.counterId} and question_key = '*'
    `
    expect(rollup.n).toBe(1)
  })

  it('refuses the same submissionId with other content as a conflict', async () => {
    const counter = await seedCounter(db.sql)
    const submissionId = randomUUID()
    expect((await post({ counterCode: counter.code, submissionId, answers: { overall: 2 } })).status).toBe(201)
    const res = await post({ counterCode: counter.code, submissionId, answers: { overall: 1 } })
    expect(res.status).toBe(409)
    expect((await res.json()).error.code).toBe('conflict')
  })

  it('stores one row when the same submission arrives many times at once', async () => {
    const counter = await seedCounter(db.sql)
    const payload = { counterCode: counter.code, submissionId: randomUUID(), answers: { overall: 3 } }
    const statuses = (await Promise.all(Array.from({ length: 12 }, () => post(payload)))).map((r) => r.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 200)).toHaveLength(11)
    expect(await countRows(payload.submissionId)).toBe(1)
  })

  it('lists every invalid answer in one 400', async () => {
    const counter = await seedCounter(db.sql)
    const res = await post({ counterCode: counter.code, submissionId: randomUUID(), answers: { thai_do: 7, nope: 1 } })
    expect(res.status).toBe(400)
    const { error } = await res.json()
    expect(error.code).toBe('invalid_input')
    expect(error.issues.map((i: { path: string[] }) => i.path.join('.')).sort()).toEqual([
      'answers.nope',
      'answers.overall',
      'answers.thai_do',
    ])
  })

  it('rejects a malformed body and a body over 64 KB in the one error shape', async () => {
    const malformed = await app.request('/api/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"counterCode":',
    })
    expect(malformed.status).toBe(400)
    expect((await malformed.json()).error.code).toBe('invalid_input')
    const huge = await post({ counterCode: 'x', submissionId: randomUUID(), answers: {}, comment: 'x'.repeat(70_000) })
    expect(huge.status).toBe(413)
    expect((await huge.json()).error.code).toBe('payload_too_large')
  })

  it('refuses a body whose declared length is over 64 KB before reading it, and accepts one under it', async () => {
    const body = JSON.stringify({ counterCode: 'x', submissionId: randomUUID(), answers: {}, comment: 'x'.repeat(70_000) })
    const declared = await app.request('/api/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      body,
    })
    expect(declared.status).toBe(413)
    expect((await declared.json()).error.code).toBe('payload_too_large')
    const counter = await seedCounter(db.sql)
    const small = JSON.stringify({ counterCode: counter.code, submissionId: randomUUID(), answers: { overall: 3 } })
    const accepted = await app.request('/api/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(small)) },
      body: small,
    })
    expect(accepted.status).toBe(201)
  })

  it('answers 404 for a forged or unknown counter code', async () => {
    const res = await post({ counterCode: 'AAAAAAAAAAAAAAAA', submissionId: randomUUID(), answers: { overall: 3 } })
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('not_found')
  })

  it('redacts phone numbers, ID numbers and e-mails from the comment before storing it', async () => {
    const counter = await seedCounter(db.sql)
    const res = await post({
      counterCode: counter.code,
      submissionId: randomUUID(),
      answers: { overall: 1 },
      comment: 'Gọi 0912 345 678 hoặc a.b@gmail.com, CCCD 001203004005',
    })
    const { id } = await res.json()
    const [row] = await db.sql<[{ comment: string }]>`select comment from responses where id = ${id}`
    expect(row.comment).toBe('Gọi [đã ẩn] hoặc [đã ẩn], CCCD [đã ẩn]')
  })
})
