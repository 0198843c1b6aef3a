import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Campaign, DemographicsSummary } from '../../shared/campaign-contract'
import { testApp } from '../support/app'
import { answerOf } from '../support/contract'
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
const issuesOf = async (res: Response) => ((await res.json()) as { error: { issues: { path: unknown[]; message: string }[] } }).error.issues

async function world(demographics?: { enabled: boolean; ethnicity: boolean }) {
  const district = await seedUnit(db.sql, { name: 'Thành phố Thử', level: 'huyen' })
  const a = await seedCounter(db.sql, { unitId: (await seedUnit(db.sql, { name: 'Phường A', parentId: district.id })).id })
  const manager = await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: district.id }))
  const res = await send('POST', '/api/v1/campaigns', manager, {
    unitId: district.id,
    name: 'Điều tra xã hội học SIPAS 2025',
    surveyVersionId: a.versionId,
    periodStart: '2025-10-01',
    periodEnd: '2025-10-31',
    samples: [{ counterId: a.counterId, sampleSize: 50 }],
    ...(demographics ? { demographics } : {}),
  })
  const campaign = await answerOf(res, Campaign, 201)
  const form = (formNumber: string, bands?: Record<string, number>) =>
    send('POST', `/api/v1/campaigns/${campaign.id}/forms`, manager, {
      counterId: a.counterId,
      formNumber,
      filledOn: '2025-10-15',
      answers: { overall: 3 },
      ...(bands ? { demographics: bands } : {}),
    })
  const stored = () =>
    db.sql<{ gender: number | null; ageBand: number | null; ethnicity: number | null }[]>`
      select gender, age_band, ethnicity from campaign_form_demographics where campaign_id = ${campaign.id} order by response_id
    `
  const formsStored = async () =>
    (await db.sql<[{ n: number }]>`select count(*)::int as n from campaign_forms where campaign_id = ${campaign.id}`)[0].n
  return { district, a, manager, campaign, form, stored, formsStored }
}

describe('campaign demographics', () => {
  it('are off by default: a form or a CSV column carrying them is refused and nothing is stored', async () => {
    const { campaign, manager, a, form, formsStored } = await world()
    expect(campaign.demographics).toEqual({ enabled: false, ethnicity: false })
    const res = await form('P-1', { gioi_tinh: 1 })
    expect(res.status).toBe(400)
    expect(await issuesOf(res)).toEqual([{ path: ['demographics'], message: 'Đợt khảo sát này không thu thông tin nhân khẩu học.' }])
    const csv = `so_phieu,ma_quay,ngay,overall,gioi_tinh\nP-2,${a.counterId},2025-10-15,3,1\n`
    const imported = await send('POST', `/api/v1/campaigns/${campaign.id}/import`, manager, csv, 'text/csv')
    expect(imported.status).toBe(400)
    expect(await issuesOf(imported)).toEqual([
      { path: ['dong', 1, 'gioi_tinh'], message: 'Đợt khảo sát này không thu thông tin nhân khẩu học.' },
    ])
    expect(await formsStored()).toBe(0)
  })

  it('refuses ethnicity without demographics when a campaign is set up', async () => {
    const district = await seedUnit(db.sql, { level: 'huyen' })
    const a = await seedCounter(db.sql, { unitId: district.id })
    const manager = await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: district.id }))
    const res = await send('POST', '/api/v1/campaigns', manager, {
      unitId: district.id,
      name: 'Đợt thử',
      surveyVersionId: a.versionId,
      periodStart: '2025-10-01',
      periodEnd: '2025-10-31',
      samples: [{ counterId: a.counterId, sampleSize: 5 }],
      demographics: { enabled: false, ethnicity: true },
    })
    expect(res.status).toBe(400)
    expect((await issuesOf(res)).map((i) => i.path)).toEqual([['demographics', 'ethnicity']])
  })

  it('keeps the bands of a form when turned on, ethnicity still refused unless turned on too', async () => {
    const { form, stored, formsStored } = await world({ enabled: true, ethnicity: false })
    expect((await form('P-1', { gioi_tinh: 2, do_tuoi: 3 })).status).toBe(201)
    expect((await form('P-1', { gioi_tinh: 2, do_tuoi: 3 })).status).toBe(200)
    expect((await form('P-1', { gioi_tinh: 1, do_tuoi: 3 })).status).toBe(409)
    const ethnic = await form('P-2', { gioi_tinh: 1, dan_toc: 1 })
    expect(ethnic.status).toBe(400)
    expect(await issuesOf(ethnic)).toEqual([{ path: ['demographics', 'dan_toc'], message: 'Đợt khảo sát này không hỏi dân tộc.' }])
    expect((await form('P-3', { do_tuoi: 5 })).status).toBe(400)
    expect((await form('P-4', { do_tuoi: 1, tuoi: 27 } as Record<string, number>)).status).toBe(400)
    expect((await form('P-5')).status).toBe(201)
    expect(await stored()).toEqual([{ gender: 2, ageBand: 3, ethnicity: null }])
    expect(await formsStored()).toBe(2)
  })

  it('imports band columns all or nothing, naming a bad cell by line and column', async () => {
    const { campaign, manager, a, stored, formsStored } = await world({ enabled: true, ethnicity: true })
    const header = 'so_phieu,ma_quay,ngay,overall,gioi_tinh,do_tuoi,dan_toc'
    const bad = `${header}\nP-1,${a.counterId},2025-10-15,3,1,2,1\nP-2,${a.counterId},2025-10-15,2,2,9,\n`
    const refused = await send('POST', `/api/v1/campaigns/${campaign.id}/import`, manager, bad, 'text/csv')
    expect(refused.status).toBe(400)
    expect((await issuesOf(refused)).map((i) => i.path)).toEqual([['dong', 3, 'do_tuoi']])
    expect(await formsStored()).toBe(0)
    const good = `${header}\nP-1,${a.counterId},2025-10-15,3,1,2,1\nP-2,${a.counterId},2025-10-15,2,2,4,\n`
    const imported = await send('POST', `/api/v1/campaigns/${campaign.id}/import`, manager, good, 'text/csv')
    expect(imported.status).toBe(200)
    expect((await stored()).sort((x, y) => (x.gender ?? 0) - (y.gender ?? 0))).toEqual([
      { gender: 1, ageBand: 2, ethnicity: 1 },
      { gender: 2, ageBand: 4, ethnicity: null },
    ])
  })

  it('stores nothing beyond the bands, exports no band row by row, and counts them with small cells withheld', async () => {
    const { campaign, manager, form } = await world({ enabled: true, ethnicity: true })
    for (let i = 0; i < 6; i++) expect((await form(`K-${i}`, { dan_toc: 1, gioi_tinh: 1 + (i % 2) })).status).toBe(201)
    expect((await form('T-1', { dan_toc: 2, gioi_tinh: 1 })).status).toBe(201)
    expect((await form('N-1')).status).toBe(201)
    const columns = await db.sql<{ name: string }[]>`
      select column_name as name from information_schema.columns where table_name = 'campaign_form_demographics' order by ordinal_position
    `
    expect(columns.map((c) => c.name)).toEqual(['response_id', 'campaign_id', 'gender', 'age_band', 'education', 'occupation', 'ethnicity'])
    const summary = await answerOf(
      await send('GET', `/api/v1/campaigns/${campaign.id}/demographics`, manager, undefined),
      DemographicsSummary,
    )
    expect(summary.forms).toBe(8)
    const ethnicity = summary.dimensions.find((d) => d.key === 'dan_toc')!
    expect(ethnicity.bands).toEqual([
      { value: 1, label: 'Kinh', count: 6 },
      { value: 2, label: 'Dân tộc thiểu số', count: null },
    ])
    expect(ethnicity.notGiven).toBeNull()
    const gender = summary.dimensions.find((d) => d.key === 'gioi_tinh')!
    expect(gender.bands.map((b) => b.count)).toEqual([null, null, 0])
    const age = summary.dimensions.find((d) => d.key === 'do_tuoi')!
    expect(age.notGiven).toBe(8)
    const exported = await send('GET', '/api/v1/exports/responses.csv?from=2025-10-01&to=2025-10-31', manager, undefined)
    expect(exported.status).toBe(200)
    const text = await exported.text()
    expect(text).toContain('response_id')
    expect(text).not.toMatch(/dan_toc|gioi_tinh|do_tuoi|Kinh|thiểu số/)
  })

  it('lists no ethnicity in the counts of a campaign that does not ask it', async () => {
    const { campaign, manager } = await world({ enabled: true, ethnicity: false })
    const summary = await answerOf(
      await send('GET', `/api/v1/campaigns/${campaign.id}/demographics`, manager, undefined),
      DemographicsSummary,
    )
    expect(summary.dimensions.map((d) => d.key)).toEqual(['gioi_tinh', 'do_tuoi', 'hoc_van', 'nghe_nghiep'])
  })
})
