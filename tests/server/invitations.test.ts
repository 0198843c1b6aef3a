import { MintedInvitation } from '../../shared/invitation-contract'
import { answerOf } from '../support/contract'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { storeBatch } from '../../server/responses/writer'
import { formTokenFor, testApp } from '../support/app'
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

const mint = (key: string, body: unknown) =>
  app.request('/api/v1/invitations', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  })
const rate = (invitationToken: string, submissionId = randomUUID(), overall = 3) =>
  app.request('/api/v1/responses', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ invitationToken, submissionId, answers: { overall } }),
  })

async function invitedCounter() {
  const district = await seedUnit(db.sql, { name: 'Thành phố Thử', level: 'huyen' })
  const commune = await seedUnit(db.sql, { name: 'Phường Con', parentId: district.id })
  const counter = await seedCounter(db.sql, { unitId: commune.id, fieldCodes: ['ho-tich'] })
  return { counter, key: await seedApiKey(db.sql, district.id) }
}

describe('invitations for one dossier', () => {
  it('mints a token without storing the dossier code, and the rating through it is verified', async () => {
    const { counter, key } = await invitedCounter()
    const res = await mint(key, {
      counterId: counter.counterId,
      dossierCode: 'H30.22-250812-0001',
      fieldCode: counter.fields[0]!.code,
      procedureCode: '1.001193',
    })
    const { token, url } = await answerOf(res, MintedInvitation, 201)
    expect(url).toBe(`http://localhost:3000/i/${token}`)
    const [dump] = await db.sql<[{ text: string }]>`select string_agg(i::text, ' ') as text from invitations i`
    expect(dump.text).not.toContain('H30.22-250812-0001')
    expect(dump.text).not.toContain(token)

    const page = await app.request(`/i/${token}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(`data-target="invitationToken"`)

    const rated = await rate(token)
    expect(rated.status).toBe(201)
    const body = await rated.json()
    expect(body.verified).toBe(true)
    const [row] = await db.sql`select channel, is_verified, procedure_code, field_id from responses where id = ${body.id}`
    expect(row).toEqual({ channel: 'invitation', isVerified: true, procedureCode: '1.001193', fieldId: counter.fields[0]!.id })
  })

  it('refuses a second rating of the same dossier, and answers a replay of the first as such', async () => {
    const { counter, key } = await invitedCounter()
    const { token } = await (await mint(key, { counterId: counter.counterId, dossierCode: 'HS-2' })).json()
    const submissionId = randomUUID()
    const first = await rate(token, submissionId)
    expect(first.status).toBe(201)
    const replay = await rate(token, submissionId)
    expect(replay.status).toBe(200)
    expect(await replay.json()).toEqual(await first.json())
    const again = await rate(token, randomUUID(), 1)
    expect(again.status).toBe(410)
    const page = await app.request(`/i/${token}`)
    expect(page.status).toBe(410)
    expect(await page.text()).toContain('Hồ sơ này đã được đánh giá')
    const reminted = await mint(key, { counterId: counter.counterId, dossierCode: 'hs-2' })
    expect(reminted.status).toBe(409)
  })

  it('counts one rating when one token is used twice at the same moment', async () => {
    const { counter, key } = await invitedCounter()
    const { token } = await (await mint(key, { counterId: counter.counterId, dossierCode: 'HS-3' })).json()
    const statuses = (await Promise.all([rate(token), rate(token), rate(token)])).map((r) => r.status).sort()
    expect(statuses).toEqual([201, 410, 410])
  })

  it('replaces the token of an unused invitation when the receipt is printed again', async () => {
    const { counter, key } = await invitedCounter()
    const old = (await (await mint(key, { counterId: counter.counterId, dossierCode: 'HS-4' })).json()).token
    const fresh = (await (await mint(key, { counterId: counter.counterId, dossierCode: 'HS-4' })).json()).token
    expect((await app.request(`/i/${old}`)).status).toBe(404)
    expect((await rate(fresh)).status).toBe(201)
  })

  it('shows a clear page for an expired invitation', async () => {
    const { counter, key } = await invitedCounter()
    const { token } = await (await mint(key, { counterId: counter.counterId, dossierCode: 'HS-5', expiresInDays: 1 })).json()
    clock.now += 2 * 86_400_000
    const page = await app.request(`/i/${token}`)
    expect(page.status).toBe(410)
    expect(await page.text()).toContain('Lời mời đánh giá đã hết hạn')
    expect((await rate(token)).status).toBe(410)
    clock.now -= 2 * 86_400_000
  })

  it('refuses a key that is unknown, and a counter outside the key’s unit subtree', async () => {
    const { counter } = await invitedCounter()
    const elsewhere = await seedUnit(db.sql, { name: 'Xã Khác' })
    const foreignKey = await seedApiKey(db.sql, elsewhere.id)
    expect((await mint('sipas_nope', { counterId: counter.counterId, dossierCode: 'X' })).status).toBe(401)
    expect((await mint(foreignKey, { counterId: counter.counterId, dossierCode: 'X' })).status).toBe(404)
  })
})

describe('verified ratings under the same rules', () => {
  const rateFromPage = (invitationToken: string, cookie?: string, submissionId = randomUUID()) =>
    app.request('/api/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({
        invitationToken,
        submissionId,
        answers: { overall: 3 },
        formToken: formTokenFor({ invitationToken }, submissionId, new Date(clock.now)),
      }),
    })
  const flagsOf = async (id: string) =>
    (await db.sql<[{ flagReasons: string[]; isExcluded: boolean }]>`select flag_reasons, is_excluded from responses where id = ${id}`)[0]

  it('keeps only that an invitation was spent: no time, no link to the rating', async () => {
    const { counter, key } = await invitedCounter()
    const { token } = await (await mint(key, { counterId: counter.counterId, dossierCode: 'HS-LINK' })).json()
    const rated = await rateFromPage(token)
    expect(rated.status).toBe(201)
    const columns = await db.sql<{ name: string }[]>`
      select column_name as name from information_schema.columns where table_name = 'invitations' order by column_name
    `
    expect(columns.map((c) => c.name)).toEqual([
      'api_key_id',
      'channel',
      'counter_id',
      'created_at',
      'dossier_hmac',
      'expires_at',
      'field_id',
      'id',
      'is_used',
      'procedure_code',
      'token_hash',
    ])
    const [spent] = await db.sql`select is_used, created_at from invitations where counter_id = ${counter.counterId}`
    expect(spent).toEqual({ isUsed: true, createdAt: new Date('2025-08-12T09:00:00+07:00') })
  })

  it('flags a verified rating sent without its rendered form, or a second from one device, like any other', async () => {
    const { counter, key } = await invitedCounter()
    const tokens = []
    for (const code of ['HS-R1', 'HS-R2', 'HS-R3'])
      tokens.push((await (await mint(key, { counterId: counter.counterId, dossierCode: code })).json()).token)
    const scripted = await rate(tokens[0]!)
    expect(await flagsOf((await scripted.json()).id)).toEqual({ flagReasons: ['no_form'], isExcluded: true })
    const cookie = 'sipas_device=one-phone'
    expect(await flagsOf((await (await rateFromPage(tokens[1]!, cookie)).json()).id)).toEqual({ flagReasons: [], isExcluded: false })
    expect(await flagsOf((await (await rateFromPage(tokens[2]!, cookie)).json()).id)).toEqual({
      flagReasons: ['repeat_device'],
      isExcluded: true,
    })
  })

  it('flags verified ratings beyond the dossiers returned at that counter that day', async () => {
    const { counter, key } = await invitedCounter()
    await db.sql`insert into dossier_counts (day, counter_id, received, returned, overdue) values ('2025-08-12', ${counter.counterId}, 10, 2, 0)`
    const reasons = []
    for (const code of ['HS-D1', 'HS-D2', 'HS-D3']) {
      const { token } = await (await mint(key, { counterId: counter.counterId, dossierCode: code })).json()
      clock.now += 60_000
      reasons.push((await flagsOf((await (await rateFromPage(token)).json()).id)).flagReasons)
    }
    clock.now -= 3 * 60_000
    expect(reasons).toEqual([[], [], ['busy_day']])
  })

  it('stores one rating per invitation when a batch holds several of it, and spends it in the same statement', async () => {
    const { counter, key } = await invitedCounter()
    await mint(key, { counterId: counter.counterId, dossierCode: 'HS-BATCH' })
    const [invitation] = await db.sql<[{ id: number }]>`select id from invitations where counter_id = ${counter.counterId}`
    const row = (submissionId: string) => ({
      submissionId,
      contentHash: Buffer.from(submissionId),
      surveyId: counter.surveyId,
      surveyVersionId: counter.versionId,
      counterId: counter.counterId,
      unitId: counter.unitId,
      fieldId: null,
      procedureCode: null,
      channel: 'invitation' as const,
      isVerified: true,
      flagReasons: [],
      isExcluded: false,
      submittedAt: new Date(clock.now),
      answers: { overall: 3 },
      comment: null,
      invitationId: invitation.id,
    })
    const ids = ['00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-0000000000b3']
    const outcomes = await storeBatch(db.sql, ids.map(row), { timeZone: 'Asia/Ho_Chi_Minh', burst: { limit: 100, windowMs: 600_000 } })
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['created', 'spent', 'spent'])
    const [stored] = await db.sql<[{ n: number }]>`select count(*)::int as n from responses where counter_id = ${counter.counterId}`
    expect(stored.n).toBe(1)
    const [spent] = await db.sql`select is_used from invitations where id = ${invitation.id}`
    expect(spent).toEqual({ isUsed: true })
  })

  it('binds the dossier HMAC to the issuing unit: another unit’s key neither replaces the invitation nor learns it was rated', async () => {
    const { counter, key } = await invitedCounter()
    const province = await seedUnit(db.sql, { name: 'Tỉnh Trên', level: 'tinh' })
    await db.sql`update unit_versions set parent_id = ${province.id} where unit_id = (select parent_id from unit_versions where unit_id = ${counter.unitId} limit 1)`
    const otherKey = await seedApiKey(db.sql, province.id)
    const { token } = await (await mint(key, { counterId: counter.counterId, dossierCode: 'HS-UNIT' })).json()
    const probe = await mint(otherKey, { counterId: counter.counterId, dossierCode: 'HS-UNIT' })
    expect(probe.status).toBe(201)
    expect((await app.request(`/i/${token}`)).status).toBe(200)
    expect((await rateFromPage(token)).status).toBe(201)
    // Rated now: the issuing key is told so (409), the other key still cannot tell (201).
    expect((await mint(key, { counterId: counter.counterId, dossierCode: 'HS-UNIT' })).status).toBe(409)
    expect((await mint(otherKey, { counterId: counter.counterId, dossierCode: 'HS-UNIT' })).status).toBe(201)
  })
})

describe('GET /api/v1/public/surveys/{code}', () => {
  it('describes the counter, its unit, fields and the questionnaire version it serves', async () => {
    const counter = await seedCounter(db.sql, { fieldCodes: ['dat-dai', 'xay-dung'] })
    const res = await app.request(`/api/v1/public/surveys/${counter.code}`)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.counter).toEqual({ code: counter.code, name: 'Quầy 1' })
    expect(body.unit.name).toBe('Phường Thử')
    expect(body.fields).toHaveLength(2)
    expect(body.survey).toMatchObject({ id: counter.surveyId, versionId: counter.versionId })
    expect(body.survey.questions[0]).toMatchObject({ key: 'overall', type: 'scale', scale: 'satisfaction-3', required: true })
  })

  it('answers 404 in the one error shape for a forged code', async () => {
    const res = await app.request('/api/v1/public/surveys/AAAAAAAAAAAAAAAA')
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('not_found')
  })
})
