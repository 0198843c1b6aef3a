import fc from 'fast-check'
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresBinDir } from '../../server/backup'
import { loadDemo } from '../../server/demo/load-demo'
import { testApp, testSecretKey } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedApiKey, seedCounter, seedUser } from '../support/factories'
import { badJsonValue, fuzzSeed, hostileStrings } from '../support/fuzz'

// After the demo, ordinary and hostile traffic from clients with addresses and user agents, invitations for
// dossiers, failed logins and bad input, a pg_dump of the whole database holds none of the personal data
// that went in.

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db.drop())

const clientIps = ['203.0.113.41', '198.51.100.77', '2001:db8::4242']
const userAgent = 'Mozilla/5.0 (Linux; Android 14; SM-A546E) SipasPrivacyProbe/1.0'
const dossierCodes = ['H30.22-251001-0042', 'H30.22-251001-0043', 'H30.22-251001-0044']
// Personal data a citizen might type, in the ways people write it: each must be gone from the dump.
const personal = [
  { written: '0912 345 678', digits: '0912345678' },
  { written: '024.3826.1234', digits: '02438261234' },
  { written: '+84 983-111-222', digits: '983111222' },
  { written: '0084 977 333 444', digits: '977333444' },
  { written: '０９３４５６７８９０', digits: '0934567890' },
  { written: '001 203 004 005', digits: '001203004005' },
  { written: '123.456.789', digits: '123456789' },
]
const emails = ['nguyen.van.a@gmail.com', 'tran.thi.b @ yahoo.com.vn']

const socketOf = (address: string) => ({
  incoming: { socket: { remoteAddress: address, remotePort: 50_000, remoteFamily: address.includes(':') ? 'IPv6' : 'IPv4' } },
})

describe('a pg_dump after the demo, traffic and fuzzing', () => {
  it('holds no IP address, user agent, dossier code, invitation token, or unredacted phone, e-mail or ID', async () => {
    await loadDemo(db.sql, { secretKey: testSecretKey, timeZone: 'Asia/Ho_Chi_Minh' })
    const { app } = testApp(db.sql, { env: { RATE_LIMIT: 'on', TRUSTED_PROXIES: '10.0.0.1' } })
    const withText = await seedCounter(db.sql, {
      fieldCodes: ['ho-tich'],
      definition: {
        title: 'Phiếu có câu hỏi mở',
        questions: [
          { key: 'overall', type: 'scale', scale: 'satisfaction-3', label: 'Hài lòng chung', required: true, allowNotApplicable: false },
          { key: 'y_kien', type: 'text', label: 'Ý kiến khác', required: false, allowNotApplicable: false, maxLength: 200 },
        ],
      } as never,
    })
    const send = (path: string, body: unknown, ip: string, headers: Record<string, string> = {}) =>
      app.request(
        path,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': userAgent, ...headers },
          body: JSON.stringify(body),
        },
        socketOf(ip),
      )

    // Ratings whose comment and free-text answer carry personal data, from several addresses.
    for (const [i, item] of personal.entries()) {
      const ip = clientIps[i % clientIps.length]!
      const text = `Gọi tôi số ${item.written} hoặc mail ${emails[i % emails.length]} nhé`
      const res = await send(
        '/api/v1/responses',
        { counterCode: withText.code, submissionId: randomUUID(), answers: { overall: 3, y_kien: text }, comment: text },
        ip,
      )
      expect(res.status).toBe(201)
    }
    // The no-JavaScript form, through a proxy that forwards the client's address.
    const form = new URLSearchParams({
      'a.overall': '2',
      'a.y_kien': `SĐT ${personal[0]!.written}`,
      comment: `CCCD ${personal[5]!.written}`,
    })
    const posted = await app.request(
      `/q/${withText.code}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': userAgent, 'x-forwarded-for': clientIps[1]! },
        body: form.toString(),
      },
      socketOf('10.0.0.1'),
    )
    expect(posted.status).toBe(303)

    // Invitations for dossiers, and a rating through each.
    const key = await seedApiKey(db.sql, withText.unitId)
    const tokens: string[] = []
    for (const dossierCode of dossierCodes) {
      const minted = await send(
        '/api/v1/invitations',
        { counterId: withText.counterId, dossierCode, fieldCode: withText.fields[0]!.code },
        clientIps[0]!,
        { authorization: `Bearer ${key}` },
      )
      expect(minted.status).toBe(201)
      const { token } = await minted.json()
      tokens.push(token)
      expect(
        (await send('/api/v1/responses', { invitationToken: token, submissionId: randomUUID(), answers: { overall: 3 } }, clientIps[2]!))
          .status,
      ).toBe(201)
    }

    // Failed and successful logins from those addresses, and bad input of every kind.
    const user = await seedUser(db.sql)
    for (const ip of clientIps) {
      await send('/api/v1/auth/login', { username: user.username, password: 'sai-mat-khau' }, ip, { origin: 'http://localhost:3000' })
      await send('/api/v1/auth/login', { username: 'admin@so-noi-vu.gov.vn', password: 'x' }, ip, { origin: 'http://localhost:3000' })
    }
    expect(
      (
        await send('/api/v1/auth/login', { username: user.username, password: user.password }, clientIps[2]!, {
          origin: 'http://localhost:3000',
        })
      ).status,
    ).toBe(200)
    // The fuzzing's bad bodies too, from the same seeded generator as tests/server/fuzz-*.test.ts (fewer of them).
    for (const [i, body] of fc.sample(badJsonValue, { seed: fuzzSeed, numRuns: 400 }).entries()) {
      const path = ['/api/v1/responses', '/api/v1/auth/login', '/api/v1/invitations'][i % 3]!
      await send(path, body, clientIps[i % clientIps.length]!, { origin: 'http://localhost:3000' })
    }
    for (const bad of hostileStrings) {
      await send(
        '/api/v1/responses',
        { counterCode: withText.code, submissionId: randomUUID(), answers: { overall: 3 }, comment: `${bad} ${personal[1]!.written}` },
        clientIps[0]!,
      )
    }

    const dump = spawnSync(join(postgresBinDir, 'pg_dump'), ['--dbname', db.url], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 })
    expect(dump.status, dump.stderr).toBe(0)
    const text = dump.stdout
    expect(text.length).toBeGreaterThan(1_000_000)
    expect(text).toContain('[đã ẩn]')
    const digitsOnly = text.replace(/\D/g, ' ')
    for (const ip of clientIps) expect(text).not.toContain(ip)
    expect(text).not.toContain('SipasPrivacyProbe')
    for (const code of dossierCodes) expect(text).not.toContain(code)
    for (const token of tokens) expect(text).not.toContain(token)
    for (const { digits } of personal) expect(digitsOnly).not.toContain(digits)
    for (const email of emails) expect(text).not.toContain(email.split('@')[0]!.trim())
    expect(text).not.toContain('so-noi-vu.gov.vn')
  }, 120_000)
})
