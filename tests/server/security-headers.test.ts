import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter } from '../support/factories'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db.drop())

describe('security headers', () => {
  it('come with API answers, errors included, and pages keep their own content security policy', async () => {
    const { app } = testApp(db.sql)
    const error = await app.request('/api/v1/nope')
    expect(error.status).toBe(404)
    expect(error.headers.get('x-content-type-options')).toBe('nosniff')
    expect(error.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(error.headers.get('referrer-policy')).toBe('no-referrer')
    const counter = await seedCounter(db.sql)
    const page = await app.request(`/q/${counter.code}`)
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
  })
})
