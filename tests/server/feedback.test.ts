import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FeedbackCase, FiguresAnswer, FollowUp, InboxAnswer, ThemesAnswer } from '../../shared/feedback-contract'
import { signIn, type Client } from '../support/admin-client'
import { formTokenFor, testApp, testSecretKey } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { itemKeyOf as keyFor } from '../../server/feedback/item-key'
import { seedCounterServing, seedField, seedResponses, seedSurvey, seedUnit, seedUser, type SeedRating } from '../support/factories'

// A fixed clock: Friday 15 August 2025, 09:00 in Hà Nội. Ten working days later is Friday 29 August.
const now = new Date('2025-08-15T09:00:00+07:00')
const clock = () => now

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql, { clock }).app
})
afterAll(() => db.drop())

const local = (dateTime: string) => `${dateTime}:00+07:00`
const august = 'from=2025-08-01&to=2025-08-31'
const good = (day: string): SeedRating => ({ at: local(`2025-08-${day}T08:30`), answers: { overall: 3 } })

/** A province with two communes, each with a counter; commune A's counter has enough ratings in August. */
async function seedProvince() {
  const province = await seedUnit(db.sql, { name: 'Tỉnh Góp Ý', level: 'tinh' })
  const communeA = await seedUnit(db.sql, { name: 'Xã Chờ Lâu', parentId: province.id })
  const communeB = await seedUnit(db.sql, { name: 'Xã Bên Kia', parentId: province.id })
  const survey = await seedSurvey(db.sql)
  const field = await seedField(db.sql)
  const counterA = {
    ...(await seedCounterServing(db.sql, { unitId: communeA.id, versionId: survey.versionId, name: 'Quầy A' })),
    ...survey,
  }
  const counterB = {
    ...(await seedCounterServing(db.sql, { unitId: communeB.id, versionId: survey.versionId, name: 'Quầy B' })),
    ...survey,
  }
  await seedResponses(db.sql, counterA, [
    good('01'),
    good('04'),
    {
      at: local('2025-08-05T10:00'),
      answers: { overall: 1, reasons: [2, 4] },
      comment: 'Chờ lâu quá, cán bộ thái độ chưa tốt',
      fieldId: field.id,
    },
    { at: local('2025-08-06T10:00'), answers: { overall: 2 }, comment: 'Chợ gần đây đông, khó gửi xe' },
    { at: local('2025-08-07T10:00'), answers: { overall: 1, reasons: [1] } },
    // Set apart (a burst): neither counted towards the five nor shown.
    { at: local('2025-08-07T11:00'), answers: { overall: 1 }, comment: 'Phiếu bị loại', flagReasons: ['burst'] },
  ])
  // Commune B: four ratings in August, one with a comment: held back.
  await seedResponses(db.sql, counterB, [
    good('01'),
    good('02'),
    good('03'),
    { at: local('2025-08-04T09:00'), answers: { overall: 1 }, comment: 'Bí mật của xã B' },
  ])
  const users = {
    province: await seedUser(db.sql, { role: 'analyst', unitId: province.id }),
    managerA: await seedUser(db.sql, { role: 'manager', unitId: communeA.id }),
    analystA: await seedUser(db.sql, { role: 'analyst', unitId: communeA.id }),
    managerB: await seedUser(db.sql, { role: 'manager', unitId: communeB.id }),
  }
  return { province, communeA, communeB, survey, field, counterA, counterB, users }
}

async function inboxOf(client: Client, params: string) {
  const res = await client.get(`/api/v1/feedback/inbox?${params}`)
  expect(res.status).toBe(200)
  return InboxAnswer.parse(await res.json())
}

describe('the inbox of comments and reasons', () => {
  it('shows a commune its own comments and never another commune’s, with the month only', async () => {
    const s = await seedProvince()
    const { client: a } = await signIn(app, s.users.analystA)
    const { client: b } = await signIn(app, s.users.managerB)
    const ownA = await inboxOf(a, august)
    expect(ownA.items.map((i) => i.comment).sort()).toEqual(
      [null, 'Chợ gần đây đông, khó gửi xe', 'Chờ lâu quá, cán bộ thái độ chưa tốt'].sort(),
    )
    expect(ownA.items.every((i) => i.unit.id === s.communeA.id && i.month === '2025-08')).toBe(true)
    const text = JSON.stringify(ownA)
    expect(text).not.toMatch(/T\d\d:\d\d/)
    expect(text).not.toContain('Phiếu bị loại')
    expect(text).not.toContain('Bí mật của xã B')
    const ids = await db.sql<{ id: string }[]>`select id from responses where counter_id = ${s.counterA.counterId}`
    for (const { id } of ids) expect(text).not.toContain(id)

    // Commune B sees nothing of A's, and naming A's unit or counter answers 404.
    const ownB = await inboxOf(b, august)
    expect(ownB.items).toEqual([])
    expect(JSON.stringify(ownB)).not.toContain('Chờ lâu')
    expect((await b.get(`/api/v1/feedback/inbox?${august}&unitId=${s.communeA.id}`)).status).toBe(404)
    expect((await b.get(`/api/v1/feedback/inbox?${august}&counterId=${s.counterA.counterId}`)).status).toBe(404)
    // The province sees A's comments; B's are held back (four ratings in the month) but counted.
    const province = await inboxOf((await signIn(app, s.users.province)).client, august)
    expect(province.items).toHaveLength(3)
    expect(province.heldBack).toBe(1)
    expect(province.minRatings).toBe(5)
  })

  it('holds a counter’s comments back until it has five kept ratings in the month', async () => {
    const s = await seedProvince()
    const { client } = await signIn(app, s.users.managerB)
    expect((await inboxOf(client, august)).heldBack).toBe(1)
    await seedResponses(db.sql, s.counterB, [good('20')])
    const after = await inboxOf(client, august)
    expect(after.heldBack).toBe(0)
    expect(after.items.map((i) => i.comment)).toEqual(['Bí mật của xã B'])
  })

  it('gives reasons and score labels, and filters by score, field, counter and month', async () => {
    const s = await seedProvince()
    const { client } = await signIn(app, s.users.analystA)
    const dissatisfied = await inboxOf(client, `${august}&score=1`)
    expect(dissatisfied.items.map((i) => i.reasons.join(' + ')).sort()).toEqual(
      ['Phải đi lại nhiều lần', 'Thời gian chờ lâu + Thái độ công chức chưa tốt'].sort(),
    )
    expect(dissatisfied.items.every((i) => i.scoreLabel === 'Không hài lòng')).toBe(true)
    const byField = await inboxOf(client, `${august}&fieldId=${s.field.id}`)
    expect(byField.items.map((i) => [i.comment, i.field?.id])).toEqual([['Chờ lâu quá, cán bộ thái độ chưa tốt', s.field.id]])
    expect((await inboxOf(client, `${august}&counterId=${s.counterA.counterId}`)).total).toBe(3)
    // A period inside August is widened to the whole month; July has nothing.
    expect((await inboxOf(client, 'from=2025-08-10&to=2025-08-10')).total).toBe(3)
    expect((await inboxOf(client, 'from=2025-07-01&to=2025-07-31')).total).toBe(0)
  })

  it('searches with and without diacritics', async () => {
    const s = await seedProvince()
    const { client } = await signIn(app, s.users.analystA)
    const found = async (q: string) => (await inboxOf(client, `${august}&q=${encodeURIComponent(q)}`)).items.map((i) => i.comment).sort()
    expect(await found('cho lau')).toEqual(['Chờ lâu quá, cán bộ thái độ chưa tốt'])
    expect(await found('CHỜ LÂU')).toEqual(['Chờ lâu quá, cán bộ thái độ chưa tốt'])
    // Without marks "cho" finds both "Chờ" and "Chợ"; with them only the one written so.
    expect(await found('cho')).toEqual(['Chợ gần đây đông, khó gửi xe', 'Chờ lâu quá, cán bộ thái độ chưa tốt'].sort())
    expect(await found('chợ')).toEqual(['Chợ gần đây đông, khó gửi xe'])
    // Decomposed input (as some keyboards send it) is the same text.
    expect(await found('thái độ'.normalize('NFD'))).toEqual(['Chờ lâu quá, cán bộ thái độ chưa tốt'])
    expect(await found('100%_')).toEqual([])
  })

  it('refuses bad filters with 400 in the one error shape', async () => {
    const s = await seedProvince()
    const { client } = await signIn(app, s.users.analystA)
    for (const params of ['', 'from=2025-08-31&to=2025-08-01', `${august}&score=abc`, `${august}&q=${'x'.repeat(101)}`]) {
      const res = await client.get(`/api/v1/feedback/inbox?${params}`)
      expect(res.status).toBe(400)
      expect((await res.json()).error.code).toBe('invalid_input')
    }
    expect((await app.request(`/api/v1/feedback/inbox?${august}`)).status).toBe(401)
  })
})

async function itemKeyOf(client: Client, comment: string) {
  const inbox = await inboxOf(client, august)
  return inbox.items.find((i) => i.comment === comment)!.key
}

const waiting = 'Chờ lâu quá, cán bộ thái độ chưa tốt'

describe('feedback cases', () => {
  it('takes a comment up, with a deadline ten working days on, through to closed, every step audited', async () => {
    const s = await seedProvince()
    const { client } = await signIn(app, s.users.managerA)
    const key = await itemKeyOf(client, waiting)
    const created = await client.post('/api/v1/feedback/cases', { itemKey: key, category: 'phan_anh', assigneeUnitId: s.communeA.id })
    expect(created.status).toBe(201)
    const feedbackCase = FeedbackCase.parse(await created.json())
    expect(feedbackCase).toMatchObject({
      status: 'received',
      receivedOn: '2025-08-15',
      dueOn: '2025-08-29',
      comment: waiting,
      isOverdue: false,
    })
    expect((await inboxOf(client, august)).items.find((i) => i.comment === waiting)!.case).toEqual({
      id: feedbackCase.id,
      status: 'received',
      dueOn: '2025-08-29',
    })
    // Taking it up twice is a conflict.
    const again = await client.post('/api/v1/feedback/cases', { itemKey: key, category: 'phan_anh', assigneeUnitId: s.communeA.id })
    expect(again.status).toBe(409)

    const path = `/api/v1/feedback/cases/${feedbackCase.id}`
    expect((await client.post(`${path}/close`)).status).toBe(409)
    expect((await client.post(`${path}/start`)).status).toBe(200)
    expect((await client.post(`${path}/start`)).status).toBe(409)
    expect((await client.post(`${path}/answer`, { answer: '   ' })).status).toBe(400)
    const answered = await client.post(`${path}/answer`, { answer: 'Xã đã bố trí thêm một cán bộ tiếp nhận vào buổi sáng.' })
    expect(answered.status).toBe(200)
    expect(FeedbackCase.parse(await answered.json())).toMatchObject({ status: 'answered', answeredOn: '2025-08-15', isOverdue: false })
    const closed = await client.post(`${path}/close`)
    expect(FeedbackCase.parse(await closed.json()).status).toBe('closed')

    const audit = await db.sql<{ action: string; details: { from?: string; to?: string } }[]>`
      select action, details from audit_log where entity = 'feedback_case' and entity_id = ${String(feedbackCase.id)} order by id
    `
    expect(audit.map((a) => [a.action, a.details.from ?? null, a.details.to ?? null])).toEqual([
      ['create', null, null],
      ['start', 'received', 'in_progress'],
      ['answer', 'in_progress', 'answered'],
      ['close', 'answered', 'closed'],
    ])
  })

  it('keeps cases to their units: others get 404, analysts may not act, held-back and forged items are not found', async () => {
    const s = await seedProvince()
    const { client: managerA } = await signIn(app, s.users.managerA)
    const { client: managerB } = await signIn(app, s.users.managerB)
    const { client: analystA } = await signIn(app, s.users.analystA)
    const key = await itemKeyOf(managerA, waiting)
    expect(
      (await analystA.post('/api/v1/feedback/cases', { itemKey: key, category: 'kien_nghi', assigneeUnitId: s.communeA.id })).status,
    ).toBe(403)
    // B cannot take up A's comment, nor assign to a unit outside its scope.
    expect(
      (await managerB.post('/api/v1/feedback/cases', { itemKey: key, category: 'kien_nghi', assigneeUnitId: s.communeB.id })).status,
    ).toBe(404)
    expect(
      (await managerA.post('/api/v1/feedback/cases', { itemKey: key, category: 'kien_nghi', assigneeUnitId: s.communeB.id })).status,
    ).toBe(403)
    expect(
      (await managerA.post('/api/v1/feedback/cases', { itemKey: 'A'.repeat(22), category: 'kien_nghi', assigneeUnitId: s.communeA.id }))
        .status,
    ).toBe(404)
    // Commune B's comment is held back (four ratings in August): its key, though well made, finds nothing.
    const [heldBack] = await db.sql<
      [{ id: string }]
    >`select id from responses where counter_id = ${s.counterB.counterId} and comment is not null`
    const { client: province } = await signIn(app, await seedUser(db.sql, { role: 'manager', unitId: s.province.id }))
    const heldBackKey = keyFor(testSecretKey, heldBack.id)
    expect(
      (await province.post('/api/v1/feedback/cases', { itemKey: heldBackKey, category: 'kien_nghi', assigneeUnitId: s.communeB.id }))
        .status,
    ).toBe(404)
    await seedResponses(db.sql, s.counterB, [good('21')])
    expect(
      (await province.post('/api/v1/feedback/cases', { itemKey: heldBackKey, category: 'kien_nghi', assigneeUnitId: s.communeB.id }))
        .status,
    ).toBe(201)
    expect((await managerA.post('/api/v1/feedback/cases', { itemKey: key, category: 'khac', assigneeUnitId: s.communeA.id })).status).toBe(
      400,
    )
    const created = FeedbackCase.parse(
      await (await managerA.post('/api/v1/feedback/cases', { itemKey: key, category: 'kien_nghi', assigneeUnitId: s.communeA.id })).json(),
    )
    expect((await managerB.get(`/api/v1/feedback/cases/${created.id}`)).status).toBe(404)
    expect((await managerB.post(`/api/v1/feedback/cases/${created.id}/start`)).status).toBe(404)
    expect((await analystA.post(`/api/v1/feedback/cases/${created.id}/start`)).status).toBe(403)
    const listB = await (await managerB.get('/api/v1/feedback/cases')).json()
    expect(listB.items.map((c: FeedbackCase) => c.id)).not.toContain(created.id)
    const listA = await (await analystA.get('/api/v1/feedback/cases')).json()
    expect(listA.items.map((c: FeedbackCase) => c.id)).toContain(created.id)
  })
})

describe('the citizen’s follow-up code', () => {
  async function commentThroughApi(counterCode: string, comment: string) {
    const submissionId = randomUUID()
    const res = await app.request('/api/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        counterCode,
        submissionId,
        answers: { overall: 1 },
        comment,
        formToken: formTokenFor({ counterCode }, submissionId, now),
      }),
    })
    expect(res.status).toBe(201)
    return (await res.json()) as { id: string; followUpCode?: string }
  }

  it('is given with a comment only, and shows status and answer, nothing else', async () => {
    const s = await seedProvince()
    const receipt = await commentThroughApi(s.counterA.code, 'Xin bổ sung ghế chờ cho người cao tuổi')
    expect(receipt.followUpCode).toMatch(/^[A-Z2-7]{16}$/)
    const [stored] = await db.sql`select code_hash from follow_up_codes where response_id = ${receipt.id}`
    expect(stored).toBeDefined()
    const noComment = await app.request('/api/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ counterCode: s.counterA.code, submissionId: randomUUID(), answers: { overall: 3 } }),
    })
    expect(Object.keys(await noComment.json())).not.toContain('followUpCode')

    const code = receipt.followUpCode!
    const publicJson = async (text: string) => {
      const res = await app.request(`/api/v1/public/follow-up/${text}`)
      expect(res.status).toBe(200)
      const body = await res.json()
      expect(Object.keys(body).sort()).toEqual(['answer', 'status', 'statusLabel'])
      return FollowUp.parse(body)
    }
    expect(await publicJson(code)).toEqual({ status: 'received', statusLabel: 'Đã tiếp nhận', answer: null })
    // Lower case and grouped with dashes is the same code.
    expect((await publicJson(code.toLowerCase().match(/.{4}/g)!.join('-'))).status).toBe('received')

    const { client } = await signIn(app, s.users.managerA)
    const key = await itemKeyOf(client, 'Xin bổ sung ghế chờ cho người cao tuổi')
    const created = FeedbackCase.parse(
      await (await client.post('/api/v1/feedback/cases', { itemKey: key, category: 'kien_nghi', assigneeUnitId: s.communeA.id })).json(),
    )
    const answer = 'Đã bố trí thêm 10 ghế chờ ưu tiên.'
    await client.post(`/api/v1/feedback/cases/${created.id}/answer`, { answer })
    expect(await publicJson(code)).toEqual({ status: 'answered', statusLabel: 'Đã trả lời', answer })

    const page = await app.request(`/phan-hoi/${code}`)
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('no-store')
    const html = await page.text()
    expect(html).toContain(answer)
    expect(html).toContain('Đã trả lời')
    for (const hidden of ['Quầy A', 'Xã Chờ Lâu', 'Không hài lòng', '2025', '09:00']) expect(html).not.toContain(hidden)
  })

  it('answers an unknown or malformed code 404 in the one error shape', async () => {
    for (const text of ['AAAAAAAAAAAAAAAA', 'not-a-code', '1'.repeat(16)]) {
      const res = await app.request(`/api/v1/public/follow-up/${text}`)
      expect(res.status).toBe(404)
      expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } })
      expect((await app.request(`/phan-hoi/${text}`)).status).toBe(404)
    }
  })

  it('limits look-ups per address', async () => {
    const limited = testApp(db.sql, { clock, env: { FEEDBACK_FOLLOW_UP_PER_MINUTE: '3' } }).app
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await limited.request('/api/v1/public/follow-up/AAAAAAAAAAAAAAAA')).status)
    expect(statuses).toEqual([404, 404, 404, 429, 429])
    expect((await limited.request('/phan-hoi/AAAAAAAAAAAAAAAA')).status).toBe(429)
  })

  it('is shown once on the thank-you page after the form, kept out of the address', async () => {
    const s = await seedProvince()
    const submissionId = randomUUID()
    const form = new URLSearchParams({
      submissionId,
      formToken: formTokenFor({ counterCode: s.counterA.code }, submissionId, now),
      'a.overall': '1',
      comment: 'Nhà vệ sinh hỏng',
    })
    const posted = await app.request(`/q/${s.counterA.code}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    })
    expect(posted.status).toBe(303)
    expect(posted.headers.get('location')).toBe('/cam-on')
    const cookie = /sipas_follow_up=([A-Z2-7]{16})/.exec(posted.headers.get('set-cookie') ?? '')
    expect(cookie).not.toBeNull()
    const thanks = await app.request('/cam-on', { headers: { cookie: `sipas_follow_up=${cookie![1]}` } })
    const html = await thanks.text()
    expect(html).toContain(cookie![1]!.match(/.{4}/g)!.join('-'))
    expect(thanks.headers.get('set-cookie')).toMatch(/sipas_follow_up=;/)
    expect(await (await app.request('/cam-on')).text()).not.toContain('follow-up-code')
  })
})

describe('handling figures', () => {
  it('counts comments taken up, cases answered, on time, and the median days, with a target of the kind', async () => {
    const s = await seedProvince()
    const { client } = await signIn(app, s.users.managerA)
    const key = await itemKeyOf(client, waiting)
    const created = FeedbackCase.parse(
      await (await client.post('/api/v1/feedback/cases', { itemKey: key, category: 'phan_anh', assigneeUnitId: s.communeA.id })).json(),
    )
    await client.post(`/api/v1/feedback/cases/${created.id}/answer`, { answer: 'Đã chấn chỉnh.' })
    const admin = (await signIn(app, await seedUser(db.sql, { role: 'admin' }))).client
    const plan = await (
      await admin.post('/api/v1/plans', {
        number: `${randomUUID().slice(0, 8)}/KH-UBND`,
        title: 'Kế hoạch CCHC 2025',
        issuer: 'UBND tỉnh',
        issuedOn: '2025-01-02',
        unitId: s.province.id,
      })
    ).json()
    const target = await admin.post('/api/v1/targets', {
      planId: plan.id,
      unitId: s.communeA.id,
      metric: 'phan_anh_kien_nghi',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      valuePercent: 100,
    })
    expect(target.status).toBe(201)
    const res = await client.get(`/api/v1/feedback/figures?${august}`)
    expect(res.status).toBe(200)
    const figures = FiguresAnswer.parse(await res.json())
    expect(figures.overall).toEqual({
      comments: 2,
      commentsTaken: 1,
      cases: 1,
      handled: 1,
      onTime: 1,
      overdue: 0,
      receivedRate: 0.5,
      handledRate: 1,
      onTimeRate: 1,
      medianDaysToAnswer: 0,
    })
    expect(figures.units.map((u) => u.unit.id)).toEqual([s.communeA.id])
    expect(figures.targets).toEqual([expect.objectContaining({ unitId: s.communeA.id, value: 1 })])
  })
})

describe('reasons and themes', () => {
  it('counts reasons by unit, field, counter and month, and finds the phrases with the comments behind them', async () => {
    const s = await seedProvince()
    await seedResponses(db.sql, s.counterA, [
      { at: local('2025-08-20T09:00'), answers: { overall: 1, reasons: [2] }, comment: 'Phải chờ lâu mới đến lượt' },
      { at: local('2025-09-02T09:00'), answers: { overall: 1, reasons: [2] } },
    ])
    const { client } = await signIn(app, s.users.province)
    const res = await client.get(`/api/v1/feedback/themes?from=2025-08-01&to=2025-09-30`)
    expect(res.status).toBe(200)
    const themes = ThemesAnswer.parse(await res.json())
    // September's counter-month has one rating: held back, as in the inbox; B's August too.
    expect(themes.reasons.total).toEqual([
      { reason: 'Thời gian chờ lâu', n: 2 },
      { reason: 'Phải đi lại nhiều lần', n: 1 },
      { reason: 'Thái độ công chức chưa tốt', n: 1 },
    ])
    expect(themes.reasons.byMonth.map((g) => g.key)).toEqual(['2025-08'])
    expect(themes.reasons.byUnit).toEqual([
      {
        key: String(s.communeA.id),
        label: 'Xã Chờ Lâu',
        counts: { 'Thời gian chờ lâu': 2, 'Phải đi lại nhiều lần': 1, 'Thái độ công chức chưa tốt': 1 },
      },
    ])
    expect(themes.reasons.byField.find((g) => g.key === String(s.field.id))!.counts).toEqual({
      'Thời gian chờ lâu': 1,
      'Thái độ công chức chưa tốt': 1,
    })
    expect(themes.phrases.find((p) => p.phrase === 'chờ lâu')).toEqual({
      phrase: 'chờ lâu',
      comments: 2,
      examples: expect.arrayContaining(['Chờ lâu quá, cán bộ thái độ chưa tốt', 'Phải chờ lâu mới đến lượt']),
    })
    expect(JSON.stringify(themes)).not.toContain('Bí mật của xã B')
    // A commune sees only its own.
    const other = ThemesAnswer.parse(
      await (await (await signIn(app, s.users.managerB)).client.get('/api/v1/feedback/themes?from=2025-08-01&to=2025-09-30')).json(),
    )
    expect(other.reasons.total).toEqual([])
    expect(other.phrases).toEqual([])
  })
})
