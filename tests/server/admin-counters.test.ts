import { z } from 'zod'
import { CounterDetail, CounterListItem, ServicePointSummary } from '../../shared/admin-contract'
import { PublicSurvey } from '../../shared/response-contract'
import { answerOf } from '../support/contract'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'
import { signIn, type Client } from '../support/admin-client'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedField, seedSurvey, seedUnit, seedUser } from '../support/factories'

const publicUrl = 'https://sipas.example.gov.vn'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
let admin: Client
let versionId: number

beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql, { env: { PUBLIC_URL: publicUrl } }).app
  admin = (await signIn(app, await seedUser(db.sql, { role: 'admin' }), publicUrl)).client
  versionId = (await seedSurvey(db.sql)).versionId
})
afterAll(() => db.drop())

const ok = <S extends z.ZodType>(schema: S, res: Response, status = 200) => answerOf(res, schema, status)

let serial = 0
async function newCounter(unitId?: number, name = 'Quầy 1 – Hộ tịch, Chứng thực') {
  const unit = unitId ?? (await seedUnit(db.sql, { name: 'Phường Sao Đỏ' })).id
  const point = await ok(
    ServicePointSummary,
    await admin.post('/api/v1/service-points', { unitId: unit, name: `Bộ phận Một cửa UBND phường ${++serial}` }),
    201,
  )
  const counter = await ok(
    CounterDetail,
    await admin.post('/api/v1/counters', { servicePointId: point.id, name, surveyVersionId: versionId }),
    201,
  )
  return { ...counter, servicePointId: point.id, unitId: unit }
}

function decodePng(bytes: ArrayBuffer) {
  const png = PNG.sync.read(Buffer.from(bytes))
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data
}

describe('counters', () => {
  it('creates a counter with a signed code and lists it in the contract shape with its survey URL', async () => {
    const counter = await newCounter()
    expect(counter.code).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect(counter.surveyUrl).toBe(`${publicUrl}/q/${counter.code}`)
    const list = await ok(z.array(CounterListItem), await admin.get(`/api/v1/counters?unitId=${counter.unitId}`))
    expect(list).toEqual([
      { id: counter.id, code: counter.code, name: 'Quầy 1 – Hộ tịch, Chứng thực', unitId: counter.unitId, surveyUrl: counter.surveyUrl },
    ])
    expect((await app.request(`/q/${counter.code}`)).status).toBe(200)
  })

  it('lists a deactivated counter only when asked, and its QR code answers 404 until it is reactivated', async () => {
    const counter = await newCounter()
    await ok(CounterDetail, await admin.patch(`/api/v1/counters/${counter.id}`, { isActive: false }))
    expect(await ok(z.array(CounterListItem), await admin.get(`/api/v1/counters?unitId=${counter.unitId}`))).toEqual([])
    expect(
      await ok(z.array(CounterListItem), await admin.get(`/api/v1/counters?unitId=${counter.unitId}&includeInactive=true`)),
    ).toHaveLength(1)
    expect((await app.request(`/q/${counter.code}`)).status).toBe(404)
    await ok(CounterDetail, await admin.patch(`/api/v1/counters/${counter.id}`, { isActive: true }))
    expect((await app.request(`/q/${counter.code}`)).status).toBe(200)
  })

  it('sets the fields a counter serves, refusing unknown ones', async () => {
    const counter = await newCounter()
    const landField = await seedField(db.sql, `dat-dai-${serial}`, 'Đất đai')
    expect(
      (await ok(CounterDetail, await admin.put(`/api/v1/counters/${counter.id}/fields`, { fieldIds: [landField.id] }))).fieldIds,
    ).toEqual([landField.id])
    expect((await ok(PublicSurvey, await app.request(`/api/v1/public/surveys/${counter.code}`))).fields).toEqual([
      { code: landField.code, name: 'Đất đai' },
    ])
    const res = await admin.put(`/api/v1/counters/${counter.id}/fields`, { fieldIds: [landField.id, 999_999] })
    expect(res.status).toBe(400)
    expect((await res.json()).error.issues).toEqual([{ path: ['fieldIds', 1], message: 'Không có lĩnh vực mã số 999999.' }])
  })

  it('renames and deactivates a service point, which takes its counters’ QR codes offline', async () => {
    const counter = await newCounter()
    const point = await ok(
      ServicePointSummary,
      await admin.patch(`/api/v1/service-points/${counter.servicePointId}`, { name: 'Trung tâm Phục vụ hành chính công', isActive: false }),
    )
    expect(point).toMatchObject({ name: 'Trung tâm Phục vụ hành chính công', isActive: false })
    expect((await app.request(`/q/${counter.code}`)).status).toBe(404)
  })
})

describe('POST /api/v1/counters/{id}/rotate-code', () => {
  it('revokes the live code and mints a new one: the old URL answers 404, the new one 200', async () => {
    const counter = await newCounter()
    expect((await app.request(`/q/${counter.code}`)).status).toBe(200)
    const rotated = await ok(CounterDetail, await admin.post(`/api/v1/counters/${counter.id}/rotate-code`))
    expect(rotated.code).not.toBe(counter.code)
    expect(rotated.surveyUrl).toBe(`${publicUrl}/q/${rotated.code}`)
    expect((await app.request(`/q/${counter.code}`)).status).toBe(404)
    expect((await app.request(`/q/${rotated.code}`)).status).toBe(200)
    const codes = await db.sql<{ code: string; isRevoked: boolean }[]>`
      select code, revoked_at is not null as is_revoked from counter_codes where counter_id = ${counter.id} order by issued_at, is_revoked desc
    `
    expect(codes).toEqual(
      expect.arrayContaining([
        { code: counter.code, isRevoked: true },
        { code: rotated.code, isRevoked: false },
      ]),
    )
    const [audit] = await db.sql<[{ details: { revokedCode: string; code: string } }]>`
      select details from audit_log where action = 'rotate_code' and entity_id = ${String(counter.id)}
    `
    expect(audit.details).toEqual({ revokedCode: counter.code, code: rotated.code })
  })
})

describe('QR codes', () => {
  it('encodes exactly the counter’s survey URL in the PNG', async () => {
    const counter = await newCounter()
    const res = await admin.get(`/api/v1/counters/${counter.id}/qr.png`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(decodePng(await res.arrayBuffer())).toBe(`${publicUrl}/q/${counter.code}`)
  })

  it('follows a rotation: the PNG encodes the new code', async () => {
    const counter = await newCounter()
    const rotated = await ok(CounterDetail, await admin.post(`/api/v1/counters/${counter.id}/rotate-code`))
    const png = await (await admin.get(`/api/v1/counters/${counter.id}/qr.png`)).arrayBuffer()
    expect(decodePng(png)).toBe(rotated.surveyUrl)
  })

  it('answers an SVG with a quiet zone of four modules', async () => {
    const counter = await newCounter()
    const res = await admin.get(`/api/v1/counters/${counter.id}/qr.svg`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8')
    const svg = await res.text()
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1])
    // A symbol is 17 + 4 × version modules wide; the quiet zone adds 4 on each side.
    expect((size - 8 - 17) % 4).toBe(0)
    // The top-left finder pattern's first row: 7 dark modules starting 4 modules in.
    expect(svg).toContain('<path stroke="#000000" d="M4 4.5h7')
  })
})

describe('GET /admin/posters', () => {
  it('prints an A5 poster and an A6 tent card for every live counter of the subtree, in Vietnamese', async () => {
    const district = await seedUnit(db.sql, { name: 'Thành phố Chí Linh', level: 'huyen' })
    const ward = await seedUnit(db.sql, { name: 'Phường Phả Lại', parentId: district.id })
    const first = await newCounter(district.id, 'Quầy 1 – Đất đai, Xây dựng, Đầu tư')
    const second = await newCounter(ward.id, 'Quầy 2 – Tư pháp, Hộ tịch')
    const retired = await newCounter(ward.id, 'Quầy cũ đã nghỉ')
    await ok(CounterDetail, await admin.patch(`/api/v1/counters/${retired.id}`, { isActive: false }))

    const res = await admin.get(`/admin/posters?unitId=${district.id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(html).toContain('<html lang="vi">')
    expect(html).toContain('@page { size: A4; margin: 0 }')
    expect(html).toContain('break-after: page')
    expect(html.match(/class="poster"/g)).toHaveLength(2)
    expect(html.match(/class="tent"/g)).toHaveLength(2)
    expect(html.match(/<svg /g)).toHaveLength(6)
    for (const text of [
      'Quét mã QR để đánh giá mức độ hài lòng',
      'Dùng Zalo hoặc camera điện thoại',
      'Thành phố Chí Linh',
      'Phường Phả Lại',
      'Quầy 1 – Đất đai, Xây dựng, Đầu tư',
      'Quầy 2 – Tư pháp, Hộ tịch',
      `sipas.example.gov.vn/q/${first.code}`,
      `sipas.example.gov.vn/q/${second.code}`,
    ]) {
      expect(html).toContain(text)
    }
    expect(html).not.toContain('Quầy cũ đã nghỉ')
  })

  it('styles the page with the nonce its Content-Security-Policy allows', async () => {
    const counter = await newCounter()
    const res = await admin.get(`/admin/posters?unitId=${counter.unitId}`)
    const policy = res.headers.get('content-security-policy') ?? ''
    const nonce = /<style nonce="([^"]+)"/.exec(await res.text())?.[1]
    expect(nonce).toBeTruthy()
    expect(policy).toContain(`style-src 'nonce-${nonce}'`)
  })

  it('refuses a unit outside the user’s subtree, and a request without a session', async () => {
    const ward = await seedUnit(db.sql, { name: 'Xã Của Mình' })
    const other = await newCounter()
    const analyst = (await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: ward.id }), publicUrl)).client
    expect((await analyst.get(`/admin/posters?unitId=${ward.id}`)).status).toBe(200)
    const foreign = await analyst.get(`/admin/posters?unitId=${other.unitId}`)
    expect(foreign.status).toBe(403)
    expect(await foreign.text()).not.toContain(other.code)
    expect((await app.request(`/admin/posters?unitId=${ward.id}`)).status).toBe(401)
  })
})
