import { randomUUID } from 'node:crypto'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onlineServices } from '../../server/demo/questionnaires'
import { WidgetForm } from '../../shared/widget-contract'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedApiKey, seedCounter, seedUnit } from '../support/factories'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
let clock: { now: number }
beforeAll(async () => {
  db = await createTestDatabase()
  clock = { now: new Date('2025-08-12T09:00:00+07:00').getTime() }
  app = testApp(db.sql, { clock: () => new Date(clock.now) }).app
})
afterAll(() => db.drop())

const portalOrigin = 'https://dichvucong.example.gov.vn'
const post = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  app.request('/api/v1/responses', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
const storedRow = async (id: string) => {
  const [row] = await db.sql<[{ channel: string; isVerified: boolean; flagReasons: string[] }]>`
    select channel, is_verified, flag_reasons from responses where id = ${id}
  `
  return row
}
const widgetForm = async (code: string) => {
  const res = await app.request(`/api/v1/widget/${code}`, { headers: { origin: portalOrigin } })
  expect(res.status).toBe(200)
  expect(res.headers.get('access-control-allow-origin')).toBe('*')
  expect(res.headers.get('set-cookie')).toBeNull()
  return WidgetForm.parse(await res.json())
}

describe('the online channel', () => {
  it('stores a rating by the portal counter’s code as online and unverified, a one-stop counter’s as qr', async () => {
    const portal = await seedCounter(db.sql, { definition: onlineServices.definition, kind: 'truc_tuyen' })
    const office = await seedCounter(db.sql)
    const online = await post({ counterCode: portal.code, submissionId: randomUUID(), answers: { overall: 5 } })
    const qr = await post({ counterCode: office.code, submissionId: randomUUID(), answers: { overall: 3 } })
    expect(online.status).toBe(201)
    expect(qr.status).toBe(201)
    expect(await storedRow((await online.json()).id)).toMatchObject({ channel: 'online', isVerified: false })
    expect(await storedRow((await qr.json()).id)).toMatchObject({ channel: 'qr', isVerified: false })
  })

  it('gives a verified online rating through an invitation minted for a result returned online', async () => {
    const district = await seedUnit(db.sql, { name: 'Thành phố Thử', level: 'huyen' })
    const portal = await seedCounter(db.sql, { definition: onlineServices.definition, kind: 'truc_tuyen', unitId: district.id })
    const key = await seedApiKey(db.sql, district.id)
    const mint = (body: Record<string, unknown>) =>
      app.request('/api/v1/invitations', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(body),
      })
    const onlineInvitation = await mint({ counterId: portal.counterId, dossierCode: 'H30.22-250812-0101', channel: 'online' })
    const plainInvitation = await mint({ counterId: portal.counterId, dossierCode: 'H30.22-250812-0102' })
    expect(onlineInvitation.status).toBe(201)
    expect(plainInvitation.status).toBe(201)

    const rated = await post({
      invitationToken: (await onlineInvitation.json()).token,
      submissionId: randomUUID(),
      answers: { overall: 4 },
    })
    expect(rated.status).toBe(201)
    const receipt = await rated.json()
    expect(receipt.verified).toBe(true)
    expect(await storedRow(receipt.id)).toMatchObject({ channel: 'online', isVerified: true })

    const plain = await post({ invitationToken: (await plainInvitation.json()).token, submissionId: randomUUID(), answers: { overall: 4 } })
    expect(await storedRow((await plain.json()).id)).toMatchObject({ channel: 'invitation', isVerified: true })

    const bad = await mint({ counterId: portal.counterId, dossierCode: 'H30.22-250812-0103', channel: 'email' })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.code).toBe('invalid_input')
  })

  it('refuses, in the database, a verified rating that spent no invitation', async () => {
    const office = await seedCounter(db.sql)
    const insert = (channel: string, isVerified: boolean) => db.sql`
      insert into responses (submission_id, content_hash, survey_id, survey_version_id, counter_id, unit_id, channel, is_verified, answers)
      values (${randomUUID()}, '\\x00', ${office.surveyId}, ${office.versionId}, ${office.counterId}, ${office.unitId}, ${channel}, ${isVerified}, '{}')
    `
    await expect(insert('qr', true)).rejects.toThrow(/responses_verified_check/)
    await expect(insert('invitation', false)).rejects.toThrow(/responses_verified_check/)
    await expect(insert('kiosk', true)).rejects.toThrow(/responses_verified_check/)
    await expect(insert('online', true)).resolves.toBeDefined()
    await expect(insert('online', false)).resolves.toBeDefined()
  })
})

describe('the embeddable widget', () => {
  it('serves its form across origins, and a rating with its token passes the form rules unflagged', async () => {
    const portal = await seedCounter(db.sql, { definition: onlineServices.definition, kind: 'truc_tuyen' })
    const form = await widgetForm(portal.code)
    expect(form.question.key).toBe('overall')
    expect(form.question.options.map((o) => o.label)).toEqual([
      'Rất hài lòng',
      'Hài lòng',
      'Bình thường',
      'Không hài lòng',
      'Rất không hài lòng',
    ])
    expect(form.ratingUrl).toBe(`http://localhost:3000/q/${portal.code}`)

    clock.now += 20_000
    const preflight = await app.request('/api/v1/responses', {
      method: 'OPTIONS',
      headers: { origin: portalOrigin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull()

    const rated = await post(
      { counterCode: form.counterCode, submissionId: form.submissionId, formToken: form.formToken, answers: { overall: 5 } },
      { origin: portalOrigin },
    )
    expect(rated.status).toBe(201)
    expect(rated.headers.get('access-control-allow-origin')).toBe('*')
    expect(rated.headers.get('set-cookie')).toBeNull()
    expect(await storedRow((await rated.json()).id)).toEqual({ channel: 'online', isVerified: false, flagReasons: [] })
  })

  it('flags a widget rating sent without its form, or at once', async () => {
    const portal = await seedCounter(db.sql, { definition: onlineServices.definition, kind: 'truc_tuyen' })
    const noForm = await post({ counterCode: portal.code, submissionId: randomUUID(), answers: { overall: 5 } }, { origin: portalOrigin })
    expect((await storedRow((await noForm.json()).id)).flagReasons).toEqual(['no_form'])
    const form = await widgetForm(portal.code)
    const atOnce = await post(
      { counterCode: form.counterCode, submissionId: form.submissionId, formToken: form.formToken, answers: { overall: 5 } },
      { origin: portalOrigin },
    )
    expect((await storedRow((await atOnce.json()).id)).flagReasons).toEqual(['too_fast'])
  })

  it('has no form for a one-stop counter or an unknown code', async () => {
    const office = await seedCounter(db.sql)
    for (const code of [office.code, 'khong-co-ma-nay']) {
      const res = await app.request(`/api/v1/widget/${code}`)
      expect(res.status).toBe(404)
      expect((await res.json()).error.code).toBe('not_found')
    }
  })

  it('is one script of at most 10 KB that other origins may load', async () => {
    const res = await app.request('/widget.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect(res.headers.get('set-cookie')).toBeNull()
    const bytes = (await res.arrayBuffer()).byteLength
    expect(bytes).toBe(statSync(join(import.meta.dirname, '../../dist/widget.js')).size)
    expect(bytes).toBeLessThanOrEqual(10 * 1024)
    expect(bytes).toBeGreaterThan(500)
  })
})
