import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../server/db'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { freePort } from '../support/free-port'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db.drop())

describe('GET /healthz', () => {
  it('answers 200 when the database answers', async () => {
    const res = await testApp(db.sql).app.request('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('answers 503 when the database does not', async () => {
    const nowhere = createDb(`postgres://nobody:x@127.0.0.1:${await freePort()}/none`, { max: 1 })
    const res = await testApp(nowhere).app.request('/healthz')
    expect(res.status).toBe(503)
    await nowhere.end({ timeout: 1 })
  })
})
