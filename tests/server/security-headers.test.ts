import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter } from '../support/factories'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db.drop())

/** The answers of one app, through app.request and through a real @hono/node-server on 127.0.0.1. */
async function bothWays(path: string, init?: RequestInit): Promise<[string, Response][]> {
  const { app } = testApp(db.sql)
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  try {
    const { port } = server.address() as AddressInfo
    return [
      ['app.request', await app.request(path, init)],
      ['node server', await fetch(`http://127.0.0.1:${port}${path}`, init)],
    ]
  } finally {
    await new Promise((done) => {
      server.close(done)
      if ('closeAllConnections' in server) server.closeAllConnections()
    })
  }
}

describe('security headers', () => {
  it('come with API answers, errors included', async () => {
    for (const [way, error] of await bothWays('/api/v1/nope')) {
      expect(error.status, way).toBe(404)
      expect(error.headers.get('x-content-type-options'), way).toBe('nosniff')
      expect(error.headers.get('x-frame-options'), way).toBe('SAMEORIGIN')
      expect(error.headers.get('referrer-policy'), way).toBe('no-referrer')
      expect(error.headers.get('permissions-policy'), way).toContain('camera=()')
      expect(error.headers.get('content-type'), way).toContain('application/json')
    }
  })

  it('come with a stored rating', async () => {
    const counter = await seedCounter(db.sql)
    const body = JSON.stringify({ counterCode: counter.code, submissionId: crypto.randomUUID(), answers: { overall: 3 } })
    for (const [way, created] of await bothWays('/api/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })) {
      expect([200, 201], way).toContain(created.status)
      expect(created.headers.get('x-content-type-options'), way).toBe('nosniff')
      expect(created.headers.get('strict-transport-security'), way).toContain('max-age=')
    }
  })

  it('give way to a page’s own policy, which overrides them', async () => {
    const counter = await seedCounter(db.sql)
    for (const [way, page] of await bothWays(`/q/${counter.code}`)) {
      expect(page.status, way).toBe(200)
      expect(page.headers.get('content-security-policy'), way).toContain("frame-ancestors 'none'")
      expect(page.headers.get('x-content-type-options'), way).toBe('nosniff')
      // One value per header: the page's secureHeaders replaces the default rather than adding a second.
      expect(page.headers.get('x-frame-options'), way).toBe('SAMEORIGIN')
      expect(page.headers.get('cross-origin-opener-policy'), way).toBe('same-origin')
    }
  })
})
