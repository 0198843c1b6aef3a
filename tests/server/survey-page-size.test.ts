import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { counterQuickRating, sipasService } from '../../server/demo/questionnaires'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter } from '../support/factories'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db.drop())

// docs/architecture.md (budgets): the survey page transfers at most 15 KB on slow 3G. It is one request: styles and script inline.
const budgetBytes = 15 * 1024

const transferredBytes = async (path: string) => {
  const res = await testApp(db.sql).app.request(path, { headers: { 'accept-encoding': 'gzip' } })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-encoding')).toBe('gzip')
  return (await res.arrayBuffer()).byteLength
}

describe('the survey page weight', () => {
  it.each([
    ['the quick rating with four fields and their procedures', counterQuickRating.definition],
    ['the full SIPAS questionnaire', sipasService.definition],
  ])('stays within 15 KB gzipped for %s', async (_, definition) => {
    const counter = await seedCounter(db.sql, { definition, fieldCodes: ['dat-dai', 'xay-dung', 'dau-tu', 'ho-tich'] })
    for (const [i, field] of counter.fields.entries()) {
      for (let p = 0; p < 5; p++) {
        await db.sql`
          insert into procedures (code, name, field_id)
          values (${`1.${String(counter.counterId * 100 + i * 10 + p).padStart(6, '0')}`}, ${`Thủ tục hành chính có tên khá dài số ${p}`}, ${field.id})
        `
      }
    }
    const bytes = await transferredBytes(`/q/${counter.code}`)
    expect(bytes).toBeLessThanOrEqual(budgetBytes)
    expect(bytes).toBeGreaterThan(2000)
  })
})
