import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app'
import { createLogger } from '../../server/logger'
import { testConfig } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'

let db: TestDatabase
let lines: string[]
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  db = await createTestDatabase()
  lines = []
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk))
      done()
    },
  })
  app = createApp({ sql: db.sql, config: testConfig({ RATE_LIMIT: 'off' }), logger: createLogger('info', sink) })
  await db.sql`create table log_probe (comment text check (length(comment) < 5))`
  app.get('/probe/:secret', async (c) => {
    await db.sql`insert into log_probe values (${c.req.param('secret')})`
    return c.text('never')
  })
})
afterAll(() => db.drop())

describe('request logs', () => {
  it('name the route pattern, never the path with its token', async () => {
    const token = 'Tk_live-invitation-0123456789abcdef'
    const res = await app.request(`/i/${token}`)
    expect(res.status).toBe(404)
    const log = lines.join('')
    expect(log).toContain('"route":"/i/:token"')
    expect(log).not.toContain(token)
  })

  it("leave PostgreSQL's detail (the failing row) out of an error", async () => {
    lines.length = 0
    const res = await app.request('/probe/0912345678-binh-luan')
    expect(res.status).toBe(500)
    const log = lines.join('')
    expect(log).toContain('unhandled error')
    expect(log).toContain('"code":"23514"')
    expect(log).not.toContain('0912345678')
    expect(log).not.toContain('Failing row')
  })
})
