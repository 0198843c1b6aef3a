import { createHash, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreatedKiosk, KioskForm } from '../../shared/kiosk-contract'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter, seedUser } from '../support/factories'
import { ownOrigin, signIn } from '../support/sign-in'

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
let clock: { now: number }
beforeAll(async () => {
  db = await createTestDatabase()
  clock = { now: new Date('2025-08-12T09:00:00+07:00').getTime() }
  app = testApp(db.sql, { clock: () => new Date(clock.now) }).app
})
afterAll(() => db.drop())

const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ownOrigin, ...headers },
    body: JSON.stringify(body),
  })
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

async function managerWithCounter() {
  const counter = await seedCounter(db.sql)
  const manager = await seedUser(db.sql, { role: 'manager', unitId: counter.unitId })
  return { counter, cookie: await signIn(app, manager) }
}

async function pairedKiosk() {
  const { counter, cookie } = await managerWithCounter()
  const created = CreatedKiosk.parse(
    await (await postJson('/api/v1/kiosks', { counterId: counter.counterId, name: 'Máy tính bảng quầy 1' }, { cookie })).json(),
  )
  const paired = await postJson('/api/v1/kiosks/pair', { pairingCode: created.pairingCode })
  expect(paired.status).toBe(200)
  return { counter, cookie, created, token: ((await paired.json()) as { token: string }).token }
}

const at = (hhmmss: string) => `2025-08-12T${hhmmss}+07:00`
const tap = (token: string, ratedAt: string, overall = 3, submissionId = randomUUID()) =>
  postJson('/api/v1/kiosks/ratings', { submissionId, ratedAt, answers: { overall } }, bearer(token))
const stored = async (id: string) => {
  const [row] = await db.sql<[{ channel: string; isVerified: boolean; flagReasons: string[]; submittedAt: Date }]>`
    select channel, is_verified, flag_reasons, submitted_at from responses where id = ${id}
  `
  return row
}

describe('pairing a kiosk', () => {
  it('gives a manager a one-time code for a counter of their subtree, and never one for another unit’s', async () => {
    const { counter, cookie } = await managerWithCounter()
    const res = await postJson('/api/v1/kiosks', { counterId: counter.counterId, name: 'Máy 1' }, { cookie })
    expect(res.status).toBe(201)
    const created = CreatedKiosk.parse(await res.json())
    expect(created.pairingCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    expect(Date.parse(created.pairingExpiresAt) - clock.now).toBe(15 * 60_000)
    // Only the code's hash is kept.
    const [row] = await db.sql<[{ pairingCodeHash: Buffer }]>`select pairing_code_hash from kiosks where id = ${created.id}`
    expect(row.pairingCodeHash).toEqual(createHash('sha256').update(created.pairingCode.replace('-', '')).digest())

    const other = await seedCounter(db.sql)
    const outside = await postJson('/api/v1/kiosks', { counterId: other.counterId, name: 'Máy 2' }, { cookie })
    expect(outside.status).toBe(404)
    const analyst = await signIn(app, await seedUser(db.sql, { role: 'analyst', unitId: counter.unitId }))
    expect((await postJson('/api/v1/kiosks', { counterId: counter.counterId, name: 'Máy 3' }, { cookie: analyst })).status).toBe(403)
  })

  it('spends the code once, typed in any case and with or without its dash, and refuses it after 15 minutes', async () => {
    const { counter, cookie } = await managerWithCounter()
    const create = async () =>
      CreatedKiosk.parse(await (await postJson('/api/v1/kiosks', { counterId: counter.counterId, name: 'Máy' }, { cookie })).json())
    const first = await create()
    const typed = first.pairingCode.replace('-', ' ').toLowerCase()
    expect((await postJson('/api/v1/kiosks/pair', { pairingCode: typed })).status).toBe(200)
    const again = await postJson('/api/v1/kiosks/pair', { pairingCode: first.pairingCode })
    expect(again.status).toBe(404)
    expect((await again.json()).error.code).toBe('not_found')

    const late = await create()
    clock.now += 15 * 60_000 + 1
    expect((await postJson('/api/v1/kiosks/pair', { pairingCode: late.pairingCode })).status).toBe(404)
    const malformed = await postJson('/api/v1/kiosks/pair', { pairingCode: 'ABC' })
    expect(malformed.status).toBe(400)
    expect((await malformed.json()).error.code).toBe('invalid_input')
  })

  it('shows the paired tablet its counter’s headline question, and nothing without a live token', async () => {
    const { token } = await pairedKiosk()
    const res = await app.request('/api/v1/kiosks/me', { headers: bearer(token) })
    expect(res.status).toBe(200)
    const form = KioskForm.parse(await res.json())
    expect(form.question.key).toBe('overall')
    expect(form.question.options.map((o) => o.value)).toEqual([3, 2, 1])
    expect(form.place).toContain('Quầy 1')
    expect((await app.request('/api/v1/kiosks/me')).status).toBe(401)
    expect((await app.request('/api/v1/kiosks/me', { headers: bearer('x'.repeat(32)) })).status).toBe(401)
  })
})

describe('rating on a kiosk', () => {
  it('stores each tap once, on channel kiosk at the tablet’s time, and flags a tap within the kiosk’s interval', async () => {
    const { token } = await pairedKiosk()
    const first = await tap(token, at('08:59:00'))
    expect(first.status).toBe(201)
    const firstId = (await first.json()).id as string
    expect(await stored(firstId)).toEqual({
      channel: 'kiosk',
      isVerified: false,
      flagReasons: [],
      submittedAt: new Date(at('08:59:00')),
    })
    const next = await tap(token, at('08:59:05'))
    expect((await stored((await next.json()).id)).flagReasons).toEqual([])
    const tooSoon = await tap(token, at('08:59:06'))
    expect((await stored((await tooSoon.json()).id)).flagReasons).toEqual(['too_fast'])
  })

  it('answers a resent tap (an offline queue sending again) with the same rating, stored once', async () => {
    const { token } = await pairedKiosk()
    const submissionId = randomUUID()
    const sent = await tap(token, at('08:30:00'), 2, submissionId)
    const resent = await tap(token, at('08:30:00'), 2, submissionId)
    expect(sent.status).toBe(201)
    expect(resent.status).toBe(200)
    expect(await resent.json()).toEqual(await sent.json())
    const [count] = await db.sql<[{ n: number }]>`select count(*)::int as n from responses where submission_id = ${submissionId}`
    expect(count.n).toBe(1)
  })

  it('refuses an invalid answer, a tap without a token, a removed kiosk and a signed-in staff browser, storing nothing', async () => {
    const { token, created, cookie } = await pairedKiosk()
    const [before] = await db.sql<[{ n: number }]>`select count(*)::int as n from responses`
    const invalid = await tap(token, at('08:00:00'), 7)
    expect(invalid.status).toBe(400)
    expect((await invalid.json()).error.code).toBe('invalid_input')
    expect(
      (await postJson('/api/v1/kiosks/ratings', { submissionId: randomUUID(), ratedAt: at('08:00:00'), answers: { overall: 3 } })).status,
    ).toBe(401)
    const staff = await postJson(
      '/api/v1/kiosks/ratings',
      { submissionId: randomUUID(), ratedAt: at('08:00:10'), answers: { overall: 3 } },
      { ...bearer(token), cookie },
    )
    expect(staff.status).toBe(403)
    const removed = await app.request(`/api/v1/kiosks/${created.id}/remove`, { method: 'POST', headers: { origin: ownOrigin, cookie } })
    expect(removed.status).toBe(204)
    expect((await tap(token, at('08:00:20'))).status).toBe(401)
    const [after] = await db.sql<[{ n: number }]>`select count(*)::int as n from responses`
    expect(after.n).toBe(before.n)
  })

  it('serves the full-screen page with its own script under a strict policy', async () => {
    const res = await app.request('/kiosk')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    const html = await res.text()
    expect(html).toContain('Mã ghép nối')
    expect(html).toContain('sipas.kiosk.queue')
  })
})
