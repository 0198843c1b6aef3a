import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Campaign } from '../../shared/campaign-contract'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter, seedUnit, seedUser } from '../support/factories'
import { ownOrigin, signIn } from '../support/sign-in'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql, { clock: () => new Date('2025-10-20T09:00:00+07:00') }).app
})
afterAll(() => db.drop())

const send = (method: string, path: string, cookie: string, body: unknown, contentType = 'application/json') =>
  app.request(path, {
    method,
    headers: { 'content-type': contentType, origin: ownOrigin, cookie },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

async function campaignWorld() {
  const district = await seedUnit(db.sql, { name: 'Thành phố Thử', level: 'huyen' })
  const a = await seedCounter(db.sql, { unitId: (await seedUnit(db.sql, { name: 'Phường A', parentId: district.id })).id })
  const b = await seedCounter(db.sql, { unitId: (await seedUnit(db.sql, { name: 'Phường B', parentId: district.id })).id })
  const manager = await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: district.id }))
  const enumeratorUser = await seedUser(db.sql, { role: 'analyst', unitId: district.id })
  const enumerator = await signIn(app, enumeratorUser)
  const res = await send('POST', '/api/v1/campaigns', manager, {
    unitId: district.id,
    name: 'Điều tra xã hội học SIPAS 2025',
    surveyVersionId: a.versionId,
    periodStart: '2025-10-01',
    periodEnd: '2025-10-31',
    samples: [
      { counterId: a.counterId, sampleSize: 3 },
      { counterId: b.counterId, sampleSize: 2 },
    ],
    enumeratorIds: [enumeratorUser.id],
  })
  expect(res.status).toBe(201)
  return { district, a, b, manager, enumerator, campaign: Campaign.parse(await res.json()) }
}

const progressOf = async (cookie: string, id: number) =>
  Campaign.parse(await (await app.request(`/api/v1/campaigns/${id}`, { headers: { cookie } })).json()).samples.map((s) => [
    s.sampleSize,
    s.entered,
  ])

describe('survey campaigns', () => {
  it('sets up a campaign of the manager’s subtree and refuses a counter outside it', async () => {
    const { campaign, manager, district, a } = await campaignWorld()
    expect(campaign.samples.map((s) => s.entered)).toEqual([0, 0])
    const outsider = await seedCounter(db.sql)
    const res = await send('POST', '/api/v1/campaigns', manager, {
      unitId: district.id,
      name: 'Đợt khác',
      surveyVersionId: a.versionId,
      periodStart: '2025-10-01',
      periodEnd: '2025-10-31',
      samples: [{ counterId: outsider.counterId, sampleSize: 5 }],
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error.issues).toEqual([{ path: ['samples', 0, 'counterId'], message: 'Không có quầy này trong phạm vi.' }])
  })

  it('stores a typed form once on channel paper at noon of its day, and counts it against the sample', async () => {
    const { campaign, enumerator, a } = await campaignWorld()
    const form = { counterId: a.counterId, formNumber: 'A-001', filledOn: '2025-10-15', answers: { overall: 2 } }
    const first = await send('POST', `/api/v1/campaigns/${campaign.id}/forms`, enumerator, form)
    expect(first.status).toBe(201)
    const { id } = await first.json()
    const [row] = await db.sql<[{ channel: string; isVerified: boolean; flagReasons: string[]; submittedAt: Date }]>`
      select channel, is_verified, flag_reasons, submitted_at from responses where id = ${id}
    `
    expect(row).toEqual({ channel: 'paper', isVerified: false, flagReasons: [], submittedAt: new Date('2025-10-15T12:00:00+07:00') })
    const again = await send('POST', `/api/v1/campaigns/${campaign.id}/forms`, enumerator, { ...form, formNumber: ' a-001 ' })
    expect(again.status).toBe(200)
    expect((await again.json()).id).toBe(id)
    const other = await send('POST', `/api/v1/campaigns/${campaign.id}/forms`, enumerator, { ...form, answers: { overall: 1 } })
    expect(other.status).toBe(409)
    const late = await send('POST', `/api/v1/campaigns/${campaign.id}/forms`, enumerator, {
      ...form,
      formNumber: 'A-002',
      filledOn: '2025-11-01',
    })
    expect(late.status).toBe(400)
    expect((await late.json()).error.issues[0].path).toEqual(['filledOn'])
    expect(await progressOf(enumerator, campaign.id)).toEqual([
      [3, 1],
      [2, 0],
    ])
  })

  it('lets only its enumerators and the managers above type forms in', async () => {
    const { campaign, district, a } = await campaignWorld()
    const bystander = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: district.id }))
    const res = await send('POST', `/api/v1/campaigns/${campaign.id}/forms`, bystander, {
      counterId: a.counterId,
      formNumber: '1',
      filledOn: '2025-10-02',
      answers: { overall: 3 },
    })
    expect(res.status).toBe(403)
    const [count] = await db.sql<[{ n: number }]>`select count(*)::int as n from campaign_forms where campaign_id = ${campaign.id}`
    expect(count.n).toBe(0)
  })

  it('imports a CSV all or nothing, naming every bad line and column, and counts a re-import once', async () => {
    const { campaign, enumerator, a, b } = await campaignWorld()
    const path = `/api/v1/campaigns/${campaign.id}/import`
    const bad = [
      'so_phieu;ma_quay;ngay;overall;reasons',
      `1;${a.counterId};02/10/2025;3;`,
      `2;${a.counterId};2025-10-40;3;`,
      `3;999999;2025-10-03;2;`,
      `1;${b.counterId};2025-10-03;2;`,
      `5;${b.counterId};2025-10-04;x;`,
    ].join('\n')
    const refused = await send('POST', path, enumerator, bad, 'text/csv')
    expect(refused.status).toBe(400)
    const paths = ((await refused.json()).error.issues as { path: unknown[] }[]).map((i) => i.path)
    expect(paths).toEqual([
      ['dong', 3, 'ngay'],
      ['dong', 5, 'so_phieu'],
      ['dong', 6, 'overall'],
      ['dong', 4, 'ma_quay'],
    ])
    const [none] = await db.sql<[{ n: number }]>`select count(*)::int as n from campaign_forms where campaign_id = ${campaign.id}`
    expect(none.n).toBe(0)

    const invalidAnswer = await send('POST', path, enumerator, `so_phieu,ma_quay,ngay,overall\n1,${a.counterId},2025-10-02,7`, 'text/csv')
    expect(invalidAnswer.status).toBe(400)
    expect((await invalidAnswer.json()).error.issues[0].path.slice(0, 3)).toEqual(['dong', 2, 'overall'])

    const good = [
      'so_phieu,ma_quay,ngay,overall,reasons',
      `1,${a.counterId},02/10/2025,3,`,
      `2,${a.counterId},2025-10-03,1,1|5`,
      `3,${b.counterId},2025-10-04,2,`,
    ].join('\r\n')
    const imported = await send('POST', path, enumerator, good, 'text/csv')
    expect(imported.status).toBe(200)
    expect(await imported.json()).toEqual({ stored: 3, alreadyEntered: 0 })
    const reimported = await send('POST', path, enumerator, good, 'text/csv')
    expect(await reimported.json()).toEqual({ stored: 0, alreadyEntered: 3 })
    expect(await progressOf(enumerator, campaign.id)).toEqual([
      [3, 2],
      [2, 1],
    ])
  })
})
