import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { storeBatch } from '../../server/responses/writer'
import { keptSince, type NewResponseRow } from '../../server/responses/queries'
import { isWithinOpeningHours } from '../../shared/opening-hours'
import { mintFormToken } from '../../server/responses/form-token'
import { formTokenFor, testApp, testSecretKey } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter, seedResponses, seedUser } from '../support/factories'
import { compactRollups } from '../../server/responses/rollup-queries'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db.drop())

// Tuesday 2025-08-12 09:30 in Vietnam: within office hours.
const officeTime = new Date('2025-08-12T09:30:00+07:00')
const clockAt = (start: Date) => {
  let now = start.getTime()
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) }
}

const postJson = (app: ReturnType<typeof testApp>['app'], body: unknown, cookie?: string) =>
  app.request('/api/v1/responses', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  })

/** A rating as the rendered counter page sends it: with the form token of that page, shown a minute before. */
const fromForm = (counterCode: string, now: Date, extra: Record<string, unknown> = {}) => {
  const submissionId = randomUUID()
  return { counterCode, submissionId, answers: { overall: 3 }, formToken: formTokenFor({ counterCode }, submissionId, now), ...extra }
}

const flagsOf = async (id: string) => {
  const [row] = await db.sql<[{ flagReasons: string[]; isExcluded: boolean }]>`
    select flag_reasons, is_excluded from responses where id = ${id}
  `
  return row
}

describe('integrity signals', () => {
  it('accepts a filled honeypot but flags and excludes the rating, in its rollups too', async () => {
    const time = clockAt(officeTime)
    const { app } = testApp(db.sql, { clock: time.clock })
    const counter = await seedCounter(db.sql)
    const res = await postJson(app, fromForm(counter.code, time.clock(), { website: 'http://spam' }))
    expect(res.status).toBe(201)
    expect(await flagsOf((await res.json()).id)).toEqual({ flagReasons: ['honeypot'], isExcluded: true })
    await compactRollups(db.sql)
    const [rollup] = await db.sql`select is_excluded, n from rollups where counter_id = ${counter.counterId} and question_key = '*'`
    expect(rollup).toEqual({ isExcluded: true, n: 1 })
  })

  it('flags a form sent less than a second after it was rendered, and not one sent later', async () => {
    const time = clockAt(officeTime)
    const { app } = testApp(db.sql, { clock: time.clock })
    const counter = await seedCounter(db.sql)
    const fast = randomUUID()
    const formToken = mintFormToken(testSecretKey, fast, time.clock(), { counterCode: counter.code })
    time.advance(300)
    const res = await postJson(app, { counterCode: counter.code, submissionId: fast, answers: { overall: 3 }, formToken })
    expect((await flagsOf((await res.json()).id)).flagReasons).toEqual(['too_fast'])

    const slow = randomUUID()
    const slowToken = mintFormToken(testSecretKey, slow, time.clock(), { counterCode: counter.code })
    time.advance(4000)
    const ok = await postJson(app, { counterCode: counter.code, submissionId: slow, answers: { overall: 3 }, formToken: slowToken })
    expect((await flagsOf((await ok.json()).id)).flagReasons).toEqual([])
  })

  it('flags as no_form a rating without a token, with a forged one, or with one of another counter or submission', async () => {
    const time = clockAt(officeTime)
    const { app } = testApp(db.sql, { clock: time.clock })
    const [counter, other] = [await seedCounter(db.sql), await seedCounter(db.sql)]
    const now = time.clock()
    const bare = { counterCode: counter.code, submissionId: randomUUID(), answers: { overall: 3 } }
    const forged = { ...bare, submissionId: randomUUID(), formToken: `${now.getTime() - 60_000}.AAAAAAAAAAAAAAAA` }
    const otherCounter = randomUUID()
    const fromOtherCounter = {
      ...bare,
      submissionId: otherCounter,
      formToken: formTokenFor({ counterCode: other.code }, otherCounter, now),
    }
    const fromOtherSubmission = {
      ...bare,
      submissionId: randomUUID(),
      formToken: formTokenFor({ counterCode: counter.code }, randomUUID(), now),
    }
    const stale = randomUUID()
    const fromStalePage = {
      ...bare,
      submissionId: stale,
      formToken: formTokenFor({ counterCode: counter.code }, stale, now, 25 * 3_600_000),
    }
    for (const body of [bare, forged, fromOtherCounter, fromOtherSubmission, fromStalePage]) {
      const res = await postJson(app, body)
      expect(res.status).toBe(201)
      expect(await flagsOf((await res.json()).id)).toEqual({ flagReasons: ['no_form'], isExcluded: true })
    }
    const good = await postJson(app, fromForm(counter.code, now))
    expect(await flagsOf((await good.json()).id)).toEqual({ flagReasons: [], isExcluded: false })
  })

  it('spends a form token with its rating: sending it again is a replay of that rating, never a second one', async () => {
    const time = clockAt(officeTime)
    const { app } = testApp(db.sql, { clock: time.clock })
    const counter = await seedCounter(db.sql)
    const body = fromForm(counter.code, time.clock())
    const first = await postJson(app, body)
    expect(first.status).toBe(201)
    const again = await postJson(app, body)
    expect(again.status).toBe(200)
    expect((await again.json()).id).toBe((await first.json()).id)
    const other = await postJson(app, { ...body, answers: { overall: 1 } })
    expect(other.status).toBe(409)
    const [row] = await db.sql<[{ n: number }]>`select count(*)::int as n from responses where counter_id = ${counter.counterId}`
    expect(row.n).toBe(1)
  })

  it('flags a second rating of one device at one counter within the interval, and sets the first apart with it', async () => {
    const time = clockAt(officeTime)
    const { app } = testApp(db.sql, { clock: time.clock })
    const [first, second] = [await seedCounter(db.sql), await seedCounter(db.sql)]
    const cookie = 'sipas_device=device-a'
    const send = async (code: string) => (await (await postJson(app, fromForm(code, time.clock()), cookie)).json()).id as string
    const one = await send(first.code)
    expect(await flagsOf(one)).toEqual({ flagReasons: [], isExcluded: false })
    time.advance(60_000)
    const two = await send(first.code)
    expect(await flagsOf(two)).toEqual({ flagReasons: ['repeat_device'], isExcluded: true })
    expect(await flagsOf(one)).toEqual({ flagReasons: ['repeat_device'], isExcluded: true })
    const elsewhere = await send(second.code)
    expect(await flagsOf(elsewhere)).toEqual({ flagReasons: [], isExcluded: false })
    time.advance(11 * 60_000)
    const later = await send(first.code)
    expect(await flagsOf(later)).toEqual({ flagReasons: [], isExcluded: false })
    // The rollups moved with the first rating: both set apart, the later one kept.
    await compactRollups(db.sql)
    const rollups = await db.sql`
      select is_excluded, sum(n)::int as n from rollups where counter_id = ${first.counterId} and question_key = '*' group by is_excluded order by is_excluded
    `
    expect(rollups).toEqual([
      { isExcluded: false, n: 1 },
      { isExcluded: true, n: 2 },
    ])
  })

  it('flags ratings outside the service point’s opening hours without setting them apart', async () => {
    const sunday = clockAt(new Date('2025-08-10T09:30:00+07:00'))
    const { app } = testApp(db.sql, { clock: sunday.clock })
    const counter = await seedCounter(db.sql)
    const res = await postJson(app, fromForm(counter.code, sunday.clock()))
    await compactRollups(db.sql)
    expect(await flagsOf((await res.json()).id)).toEqual({ flagReasons: ['outside_hours'], isExcluded: false })
    const [rollup] = await db.sql`select is_excluded, n from rollups where counter_id = ${counter.counterId} and question_key = '*'`
    expect(rollup).toEqual({ isExcluded: false, n: 1 })
  })

  it('flags the ratings past the burst limit at one counter, accepting all of them', async () => {
    const time = clockAt(officeTime)
    const { app } = testApp(db.sql, { clock: time.clock, env: { BURST_LIMIT: '5', BURST_WINDOW_SECONDS: '120' } })
    const counter = await seedCounter(db.sql)
    const statuses = []
    for (let i = 0; i < 8; i++) {
      time.advance(5_000)
      statuses.push((await postJson(app, fromForm(counter.code, time.clock()))).status)
    }
    expect(statuses).toEqual(Array(8).fill(201))
    const rows = await db.sql<{ flagReasons: string[] }[]>`
      select flag_reasons from responses where counter_id = ${counter.counterId} order by submitted_at
    `
    expect(rows.map((r) => r.flagReasons.join())).toEqual(['', '', '', '', '', 'burst', 'burst', 'burst'])
  })

  it('counts toward a burst only the ratings not already set apart: a flood without forms flags no honest rating', async () => {
    const time = clockAt(officeTime)
    const { app } = testApp(db.sql, { clock: time.clock })
    const counter = await seedCounter(db.sql)
    for (let i = 0; i < 30; i++) {
      time.advance(2_000)
      await postJson(app, { counterCode: counter.code, submissionId: randomUUID(), answers: { overall: 1 } })
    }
    time.advance(30_000)
    const honest = []
    for (let i = 0; i < 3; i++) {
      time.advance(60_000)
      honest.push(await flagsOf((await (await postJson(app, fromForm(counter.code, time.clock()))).json()).id))
    }
    expect(honest).toEqual(Array(3).fill({ flagReasons: [], isExcluded: false }))
    const [row] = await db.sql<[{ n: number }]>`
      select count(*)::int as n from responses where counter_id = ${counter.counterId} and flag_reasons = '{no_form}'
    `
    expect(row.n).toBe(30)
  })

  it('caps a counter at the hourly limit as well: a pace under the short window is still a burst', async () => {
    const time = clockAt(officeTime)
    const { app } = testApp(db.sql, { clock: time.clock, env: { BURST_LIMIT: '8', BURST_WINDOW_SECONDS: '600', BURST_HOUR_LIMIT: '20' } })
    const counter = await seedCounter(db.sql)
    // One every 90 s: at most 7 in any ten minutes, 40 in the hour.
    for (let i = 0; i < 40; i++) {
      time.advance(90_000)
      await postJson(app, fromForm(counter.code, time.clock()))
    }
    const rows = await db.sql<{ flagReasons: string[] }[]>`
      select flag_reasons from responses where counter_id = ${counter.counterId} order by submitted_at
    `
    const reasons = rows.map((r) => r.flagReasons.join())
    expect(reasons.slice(0, 20)).toEqual(Array(20).fill(''))
    expect(reasons.slice(20, 40)).toEqual(Array(20).fill('burst'))
  })

  it('answers 429 with Retry-After beyond the per-IP limit, and not when RATE_LIMIT=off', async () => {
    const limited = testApp(db.sql, { env: { IP_LIMIT_PER_MINUTE: '3' } }).app
    const counter = await seedCounter(db.sql)
    const statuses = []
    for (let i = 0; i < 5; i++) {
      const res = await postJson(limited, { counterCode: counter.code, submissionId: randomUUID(), answers: { overall: 3 } })
      statuses.push(res.status)
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
        expect((await res.json()).error.code).toBe('rate_limited')
      }
    }
    expect(statuses.slice(3)).toEqual([429, 429])
    const open = testApp(db.sql, { env: { IP_LIMIT_PER_MINUTE: '3', RATE_LIMIT: 'off' } }).app
    for (let i = 0; i < 5; i++) {
      expect((await postJson(open, { counterCode: counter.code, submissionId: randomUUID(), answers: { overall: 3 } })).status).toBe(201)
    }
  })
})

describe('integrity rules', () => {
  it('counts burst positions across the stored ratings in the window and the batch, per counter', async () => {
    const one = await seedCounter(db.sql)
    const two = await seedCounter(db.sql)
    const at = new Date('2025-08-12T10:00:00+07:00')
    // One stored rating inside the two-minute window at counter one, one outside it.
    await seedResponses(db.sql, one, [{ at: '2025-08-12T09:59:00+07:00', answers: { overall: 3 } }])
    await seedResponses(db.sql, one, [{ at: '2025-08-12T09:50:00+07:00', answers: { overall: 3 } }])
    const row = (counter: typeof one, submissionId = randomUUID()): NewResponseRow => ({
      submissionId,
      contentHash: Buffer.from(submissionId),
      surveyId: counter.surveyId,
      surveyVersionId: counter.versionId,
      counterId: counter.counterId,
      unitId: counter.unitId,
      fieldId: null,
      procedureCode: null,
      channel: 'qr',
      isVerified: false,
      flagReasons: [],
      isExcluded: false,
      submittedAt: at,
      answers: { overall: 3 },
      comment: null,
    })
    // Sorted by submission id, as the writer sorts a batch: positions follow that order.
    const batch = [
      row(one, '00000000-0000-4000-8000-000000000001'),
      row(two),
      row(one, '00000000-0000-4000-8000-000000000002'),
      row(one, '00000000-0000-4000-8000-000000000003'),
    ]
    const outcomes = await db.sql.begin((tx) =>
      storeBatch(tx, batch, { timeZone: 'Asia/Ho_Chi_Minh', burst: { limit: 2, windowMs: 120_000 } }),
    )
    expect(outcomes.map((o) => o.kind)).toEqual(['created', 'created', 'created', 'created'])
    const stored = await db.sql<{ submissionId: string; flagReasons: string[]; isExcluded: boolean }[]>`
      select submission_id, flag_reasons, is_excluded from responses
      where submission_id = any(${batch.map((r) => r.submissionId)}::uuid[])
    `
    const byId = new Map(stored.map((r) => [r.submissionId, r]))
    expect(batch.map((r) => byId.get(r.submissionId)!.isExcluded)).toEqual([false, false, true, true])
    expect(batch.map((r) => byId.get(r.submissionId)!.flagReasons.join())).toEqual(['', '', 'burst', 'burst'])
    // The rollups count the burst ratings as excluded, as they are stored.
    await compactRollups(db.sql)
    const [rolled] = await db.sql<[{ excluded: number; kept: number }]>`
      select coalesce(sum(n) filter (where is_excluded), 0)::int as excluded, coalesce(sum(n) filter (where not is_excluded), 0)::int as kept
      from rollups where counter_id = ${one.counterId} and question_key = '*' and day = '2025-08-12'
    `
    expect(rolled).toEqual({ excluded: 2, kept: 3 })
  })

  it('does not walk a flood already set apart again for each batch: the burst counts read at most their limit', async () => {
    const counter = await seedCounter(db.sql)
    const at = new Date('2025-08-12T10:00:00+07:00')
    // 3,000 ratings set apart as a burst in the last ten minutes, the way a script's flood is stored, and one kept.
    const flood = Array.from({ length: 3000 }, (_, i) => ({
      at: new Date(at.getTime() - 1000 - (i % 500) * 1000).toISOString(),
      answers: { overall: 3 },
      flagReasons: ['burst'],
    }))
    await seedResponses(db.sql, counter, [...flood, { at: new Date(at.getTime() - 2000).toISOString(), answers: { overall: 3 } }])
    await db.sql`analyze responses`
    const since = new Date(at.getTime() - 600_000)
    const count = keptSince(db.sql, db.sql`${counter.counterId}::int`, since, 9)
    const [{ n }] = await db.sql<[{ n: number }]>`select (${count}) as n`
    expect(n).toBe(1)
    // What the count examines, whatever plan PostgreSQL picks: every row or index entry a scan of responses
    // returned or filtered out. Walking the flood would examine all 3,000.
    const [{ 'QUERY PLAN': plan }] = await db.sql<[{ 'QUERY PLAN': [{ Plan: PlanNode }] }]>`
      explain (analyze, format json) select (${count}) as n
    `
    expect(examinedRows(plan[0].Plan)).toBeLessThanOrEqual(10)
  })

  it('reads opening hours in local time, closing time excluded', () => {
    const hours = { weekdays: [1, 2, 3, 4, 5], opens: '07:00', closes: '17:30' }
    const at = (iso: string) => isWithinOpeningHours(hours, new Date(iso), 'Asia/Ho_Chi_Minh')
    expect(at('2025-08-12T07:00:00+07:00')).toBe(true)
    expect(at('2025-08-12T17:29:00+07:00')).toBe(true)
    expect(at('2025-08-12T17:30:00+07:00')).toBe(false)
    expect(at('2025-08-12T06:59:00+07:00')).toBe(false)
    expect(at('2025-08-16T09:00:00+07:00')).toBe(false)
  })
})

describe('what is kept', () => {
  it('stores no IP address, user agent or device token anywhere', async () => {
    const { app } = testApp(db.sql)
    const counter = await seedCounter(db.sql)
    const submissionId = randomUUID()
    const res = await app.request('/api/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'sipas_device=secret-device-token', 'user-agent': 'Zalo-UA-123' },
      body: JSON.stringify({ counterCode: counter.code, submissionId, answers: { overall: 3 } }),
    })
    expect(res.status).toBe(201)
    const [dump] = await db.sql<
      [{ text: string }]
    >`select string_agg(r::text, ' ') as text from responses r where submission_id = ${submissionId}`
    expect(dump.text).toContain(submissionId)
    expect(dump.text).not.toContain('secret-device-token')
    expect(dump.text).not.toContain('Zalo-UA-123')
    const columns = await db.sql<{ name: string }[]>`
      select column_name as name from information_schema.columns where table_name = 'responses'
    `
    expect(columns.map((c) => c.name).filter((n) => /ip|agent|device|phone|dossier/.test(n))).toEqual([])
  })
})

describe('staff accounts', () => {
  it('refuses a rating from a browser signed in to the admin app, and stores nothing', async () => {
    const { app } = testApp(db.sql)
    const counter = await seedCounter(db.sql)
    const user = await seedUser(db.sql, { role: 'manager', unitId: counter.unitId })
    const login = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const submissionId = randomUUID()
    const res = await postJson(app, { counterCode: counter.code, submissionId, answers: { overall: 3 } }, cookie)
    expect(res.status).toBe(403)
    const form = await app.request(`/q/${counter.code}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ submissionId, 'a.overall': '3' }).toString(),
    })
    expect(form.status).toBe(403)
    expect(await form.text()).toContain('Tài khoản cán bộ không được gửi đánh giá')
    const [row] = await db.sql<[{ n: number }]>`select count(*)::int as n from responses where submission_id = ${submissionId}`
    expect(row.n).toBe(0)
  })
})

type PlanNode = {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Actual Rows': number
  'Actual Loops': number
  'Rows Removed by Filter'?: number
  'Rows Removed by Index Recheck'?: number
  Plans?: PlanNode[]
}

/** Rows and index entries the scans of responses in an EXPLAIN ANALYZE plan returned or filtered out. */
function examinedRows(node: PlanNode): number {
  const onResponses = node['Relation Name'] === 'responses' || node['Index Name']?.startsWith('responses_') === true
  const own = onResponses
    ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * node['Actual Loops']
    : 0
  return own + (node.Plans ?? []).reduce((sum, child) => sum + examinedRows(child), 0)
}
