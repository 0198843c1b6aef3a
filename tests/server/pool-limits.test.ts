import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb, requestPoolTimeouts } from '../../server/db'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounterServing, seedResponses, seedSurvey, seedUnit, seedUser } from '../support/factories'
import { signIn } from '../support/sign-in'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db.drop())

describe('request pools', () => {
  it('run with a statement timeout and an idle-in-transaction timeout', async () => {
    const pool = createDb(db.url, { max: 1, timeouts: requestPoolTimeouts })
    try {
      const [row] = await pool<[{ statementTimeout: string; idleInTransactionSessionTimeout: string }]>`
        select current_setting('statement_timeout') as statement_timeout,
               current_setting('idle_in_transaction_session_timeout') as idle_in_transaction_session_timeout
      `
      expect(row).toEqual({ statementTimeout: '30s', idleInTransactionSessionTimeout: '1min' })
    } finally {
      await pool.end()
    }
  })

  it('cancel a statement past its limit', async () => {
    const pool = createDb(db.url, { max: 1, timeouts: { statementMs: 100, idleInTransactionMs: 60_000 } })
    try {
      await expect(pool`select pg_sleep(3)`).rejects.toMatchObject({ code: '57014' })
    } finally {
      await pool.end()
    }
  })
})

/** A unit with enough ratings that a CSV of them (about 1 MB) cannot sit in the stream buffers whole. */
async function seedBigExport() {
  const unit = await seedUnit(db.sql)
  const survey = await seedSurvey(db.sql)
  const counter = { ...(await seedCounterServing(db.sql, { unitId: unit.id, versionId: survey.versionId })), ...survey }
  const comment = 'Cán bộ hướng dẫn tận tình, thủ tục nhanh gọn, nơi chờ sạch sẽ. '.repeat(2)
  for (let batch = 0; batch < 4; batch++) {
    await seedResponses(
      db.sql,
      counter,
      Array.from({ length: 2000 }, () => ({ at: '2025-08-04T07:05:00Z', answers: { overall: 3 }, comment })),
    )
  }
  const admin = await seedUser(db.sql, { role: 'admin' })
  return { survey, admin }
}

describe('exports', () => {
  it('hold at most EXPORT_CONCURRENCY connections: one more download answers 503 until one ends', async () => {
    const { survey, admin } = await seedBigExport()
    const { app } = testApp(db.sql, { env: { EXPORT_CONCURRENCY: '1' } })
    const cookie = await signIn(app, admin)
    const path = `/api/v1/exports/responses.csv?surveyId=${survey.surveyId}&from=2025-08-01&to=2025-08-31`
    // A client that does not read: its download holds the one slot.
    const slow = await app.request(path, { headers: { cookie } })
    expect(slow.status).toBe(200)
    const refused = await app.request(path, { headers: { cookie } })
    expect(refused.status).toBe(503)
    expect(refused.headers.get('retry-after')).toBe('30')
    expect((await refused.json()).error.code).toBe('unavailable')
    // Once the slow download is read to its end, the slot is free again.
    expect((await slow.text()).length).toBeGreaterThan(500_000)
    let status = 503
    for (let attempt = 0; attempt < 100 && status === 503; attempt++) {
      const res = await app.request(path, { headers: { cookie } })
      status = res.status
      await res.arrayBuffer()
      if (status === 503) await new Promise((done) => setTimeout(done, 100))
    }
    expect(status).toBe(200)
  }, 60_000)

  it('cut a download that a client reads too slowly after EXPORT_MAX_SECONDS, freeing its connection', async () => {
    const { survey, admin } = await seedBigExport()
    const { app } = testApp(db.sql, { env: { EXPORT_CONCURRENCY: '1', EXPORT_MAX_SECONDS: '1' } })
    const cookie = await signIn(app, admin)
    const path = `/api/v1/exports/responses.csv?surveyId=${survey.surveyId}&from=2025-08-01&to=2025-08-31`
    const stalled = await app.request(path, { headers: { cookie } })
    expect(stalled.status).toBe(200)
    // Never read: only the deadline can free the slot. Polled for up to 20 s, far past the 1 s limit.
    let status = 503
    for (let attempt = 0; attempt < 200 && status === 503; attempt++) {
      await new Promise((done) => setTimeout(done, 100))
      const res = await app.request(path, { headers: { cookie } })
      status = res.status
      if (status === 200) await res.arrayBuffer()
      else await res.text()
    }
    expect(status).toBe(200)
    await expect(stalled.text()).rejects.toThrow()
  }, 60_000)
})
