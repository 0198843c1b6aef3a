import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sipasService } from '../../server/demo/questionnaires'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedSurvey, seedUser } from '../support/factories'
import { signIn } from '../support/sign-in'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql).app
})
afterAll(() => db.drop())

describe('GET /admin/surveys/{id}/preview', () => {
  it('shows a published version as the citizen page itself, which cannot be sent and may be framed by the app', async () => {
    const survey = await seedSurvey(db.sql, sipasService.definition)
    const cookie = await signIn(app, await seedUser(db.sql, { role: 'admin' }))
    const res = await app.request(`/admin/surveys/${survey.surveyId}/preview?version=${survey.versionId}`, { headers: { cookie } })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('II.A Tiếp cận dịch vụ')
    expect(html).toContain('Biển hiệu, chỉ dẫn rõ ràng')
    expect(html).toMatch(/<button type="submit"[^>]*disabled[^>]*>Bản xem trước — không gửi được<\/button>/)
    expect(html).not.toContain('<script')
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'")
  })

  it('refuses an analyst and a draft that was never saved', async () => {
    const survey = await seedSurvey(db.sql)
    const analyst = await signIn(app, await seedUser(db.sql, { role: 'analyst' }))
    expect(
      (await app.request(`/admin/surveys/${survey.surveyId}/preview?version=${survey.versionId}`, { headers: { cookie: analyst } })).status,
    ).toBe(403)
    const admin = await signIn(app, await seedUser(db.sql, { role: 'admin' }))
    expect((await app.request(`/admin/surveys/${survey.surveyId}/preview?version=draft`, { headers: { cookie: admin } })).status).toBe(404)
  })
})
