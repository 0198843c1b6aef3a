/**
 * Attack simulation (npm run simulate): a week of honest ratings at many counters and every attack the
 * integrity rules are meant to stop, through the real app on a real PostgreSQL (embedded, in a temporary
 * directory), on a simulated clock so the week takes seconds. Seeded: the same seed gives the same figures.
 *
 * Prints, per attack, how many of its ratings were caught (refused, or stored but set apart by the end), the
 * share of honest ratings set apart, and how far the published satisfaction rate moved from the honest one.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp, responseWriterOptions } from '../../server/app'
import { loadConfig } from '../../server/config'
import { createDb, type Db } from '../../server/db'
import { startEmbeddedPostgres } from '../../server/embedded-postgres'
import { createLogger } from '../../server/logger'
import { migrate } from '../../server/migrate'
import { createResponseWriter } from '../../server/responses/writer'
import { freePort } from '../../tests/support/free-port'
import { seedApiKey, seedCounterServing, seedSurvey, seedUnit, seedUser } from '../../tests/support/factories'
import { testSecretKey } from '../../tests/support/app'
import { signIn, ownOrigin } from '../../tests/support/sign-in'
import { rngOf, type Rng } from './rng'

const seed = Number(process.env.SIM_SEED ?? 20250811)
const counterCount = Number(process.env.SIM_COUNTERS ?? 40)
const honestRate = 0.9 // the share of honest citizens who are satisfied (answer 2 or 3)
const days = ['2025-08-11', '2025-08-12', '2025-08-13', '2025-08-14', '2025-08-15'] // Monday to Friday
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`).getTime()

type App = ReturnType<typeof createApp>
type Event = { at: number; order: number; run: () => Promise<void> }
type Tally = { name: string; attempts: number; refused: number; storedIds: string[] }

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'sipas-sim-'))
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort() })
  const sql = createDb(pg.url, { max: 10 })
  try {
    await migrate(sql)
    // A throwaway database: commits need not wait for the disk (the rules and figures do not depend on it).
    await sql`alter system set synchronous_commit = off`
    await sql`select pg_reload_conf()`
    const started = Date.now()
    const result = await simulate(sql, rngOf(seed))
    print(result, Date.now() - started)
  } finally {
    await sql.end({ timeout: 5 })
    await pg.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function simulate(sql: Db, rng: Rng) {
  let now = at(days[0]!, '06:00')
  const clock = () => new Date(now)
  const config = { ...loadConfig({ DATABASE_URL: pg_unused, LOG_LEVEL: 'silent' }), secretKey: testSecretKey }
  const writer = createResponseWriter(sql, responseWriterOptions(config))
  const app = createApp({ sql, config, logger: createLogger('silent'), writer, clock })

  // A province, two districts, communes; one counter per commune, all serving the three-level questionnaire.
  const province = await seedUnit(sql, { name: 'Tỉnh Mô Phỏng', level: 'tinh' })
  const districts = [
    await seedUnit(sql, { name: 'Huyện Một', level: 'huyen', parentId: province.id }),
    await seedUnit(sql, { name: 'Huyện Hai', level: 'huyen', parentId: province.id }),
  ]
  const survey = await seedSurvey(sql)
  const counters: Awaited<ReturnType<typeof seedCounterServing>>[] = []
  for (let i = 0; i < counterCount; i++) {
    const commune = await seedUnit(sql, { name: `Xã ${i + 1}`, parentId: districts[i % 2]!.id })
    counters.push(await seedCounterServing(sql, { unitId: commune.id, versionId: survey.versionId, name: `Quầy ${i + 1}` }))
  }
  // The provincial one-stop system's key, issued by an admin; half the counters report dossier counts.
  const provinceKey = await seedApiKey(sql, province.id)
  const manager = await seedUser(sql, { role: 'manager', unitId: counters[0]!.unitId })

  const events: Event[] = []
  let order = 0
  const schedule = (time: number, run: () => Promise<void>) => events.push({ at: time, order: order++, run })
  const honestIds: string[] = []
  let honestSatisfied = 0
  let honestTotal = 0

  const answer = (r: Rng) => (r.next() < honestRate ? (r.next() < 0.6 ? 3 : 2) : 1)
  // Office hours 07:30–17:00 with a morning peak; 5% rate after leaving, up to 40 minutes past closing.
  const honestTime = (day: string, r: Rng) => {
    if (r.next() < 0.05) return at(day, '17:00') + Math.floor(r.next() * 40 * 60_000)
    const hours = [7.5, 8, 8, 9, 9, 9, 10, 10, 10, 11, 13.5, 14, 14, 15, 15, 16]
    const hour = hours[Math.floor(r.next() * hours.length)]!
    return at(day, '00:00') + hour * 3_600_000 + Math.floor(r.next() * 30 * 60_000)
  }

  /** A citizen's phone: opens the page (a fresh device cookie), reads, answers, sends as the page does. */
  const viaForm = (
    path: string,
    target: Record<string, string>,
    renderAt: number,
    fillMs: number,
    overall: number,
    onStored: (outcome: Outcome) => void,
    cookie?: { value?: string },
  ) => {
    let page: { submissionId: string; formToken: string; cookie: string | undefined } | undefined
    schedule(renderAt, async () => {
      page = await openPage(app, path, cookie?.value)
      if (cookie && page?.cookie) cookie.value = page.cookie
    })
    schedule(renderAt + fillMs, async () => {
      if (!page) return onStored({ status: 404 })
      onStored(
        await postRating(
          app,
          { ...target, submissionId: page.submissionId, formToken: page.formToken, answers: { overall } },
          page.cookie ?? cookie?.value,
        ),
      )
    })
  }

  // Honest traffic: every counter, every weekday; some citizens rate through their dossier's invitation.
  for (const day of days) {
    for (const [i, counter] of counters.entries()) {
      const n = 8 + Math.floor(rng.next() * 18)
      if (i % 2 === 0) {
        await sql`insert into dossier_counts (day, counter_id, received, returned, overdue) values (${day}, ${counter.counterId}, ${n * 3}, ${n * 3}, 0)`
      }
      for (let k = 0; k < n; k++) {
        const overall = answer(rng)
        honestTotal += 1
        if (overall >= 2) honestSatisfied += 1
        const time = honestTime(day, rng)
        const fill = 8_000 + Math.floor(rng.next() * 90_000)
        const record = (o: Outcome) => {
          if (o.id) honestIds.push(o.id)
          else throw new Error(`honest rating refused: ${o.status}`)
        }
        if (i % 2 === 0 && rng.next() < 0.2) {
          // The one-stop system mints the dossier's invitation when it is returned; the citizen rates later.
          const invitation = { token: '' }
          schedule(time - 3_600_000, async () => {
            invitation.token = await mint(app, provinceKey, counter.counterId, `HS-${day}-${i}-${k}`)
          })
          let page: Awaited<ReturnType<typeof openPage>>
          schedule(time, async () => {
            page = await openPage(app, `/i/${invitation.token}`, undefined)
          })
          schedule(time + fill, async () =>
            record(
              await postRating(
                app,
                { invitationToken: invitation.token, submissionId: page!.submissionId, formToken: page!.formToken, answers: { overall } },
                page!.cookie,
              ),
            ),
          )
        } else {
          viaForm(`/q/${counter.code}`, { counterCode: counter.code }, time, fill, overall, record)
        }
      }
    }
  }

  const tallies: Tally[] = []
  const tally = (name: string) => {
    const t: Tally = { name, attempts: 0, refused: 0, storedIds: [] }
    tallies.push(t)
    return (o: Outcome) => {
      t.attempts += 1
      if (o.id) t.storedIds.push(o.id)
      else t.refused += 1
    }
  }

  // 1. Staff burst: each day a clerk takes the counter's tablet and sends top ratings through the page.
  const staff = tally('Cán bộ tự đánh giá dồn dập (một máy, qua phiếu)')
  for (const [d, day] of days.entries()) {
    const counter = counters[(d * 7) % counterCount]!
    const tablet: { value?: string } = {}
    for (let k = 0; k < 30; k++)
      viaForm(`/q/${counter.code}`, { counterCode: counter.code }, at(day, '11:30') + k * 20_000, 6_000, 3, staff, tablet)
  }
  // 2. A script posting a top rating every 6 s all day straight to the API, from one IP, then rotating IPs
  //    (no rule reads the IP beyond the per-IP rate limit, so the two differ only in name).
  const scriptOneIp = tally('Kịch bản 6 giây/phiếu cả ngày, một IP')
  const scriptRotating = tally('Kịch bản 6 giây/phiếu cả ngày, đổi IP')
  for (const [name, day, counter] of [
    [scriptOneIp, days[1]!, counters[3]!],
    [scriptRotating, days[2]!, counters[4]!],
  ] as const) {
    for (let t = at(day, '07:00'); t < at(day, '17:30'); t += 6_000) {
      schedule(t, async () =>
        name(await postRating(app, { counterCode: counter.code, submissionId: crypto.randomUUID(), answers: { overall: 3 } }, undefined)),
      )
    }
  }
  // 3. One phone rating the same counter again and again, every 2–8 minutes, through the page.
  const phone = tally('Một điện thoại đánh giá lặp lại')
  const oneCookie: { value?: string } = {}
  for (let t = at(days[3]!, '08:00'), k = 0; k < 40; k++, t += 120_000 + Math.floor(rng.next() * 360_000)) {
    viaForm(`/q/${counters[5]!.code}`, { counterCode: counters[5]!.code }, t, 10_000, 3, phone, oneCookie)
  }
  // 4. Replayed invitations: a spent invitation sent again with new submissions.
  const replayed = tally('Lời mời đã dùng bị gửi lại')
  const spentToken = { value: '' }
  schedule(at(days[0]!, '08:00'), async () => {
    spentToken.value = await mint(app, provinceKey, counters[0]!.counterId, 'HS-REPLAY')
    const page = await openPage(app, `/i/${spentToken.value}`, undefined)
    await postRating(
      app,
      { invitationToken: spentToken.value, submissionId: page!.submissionId, formToken: page!.formToken, answers: { overall: 3 } },
      page!.cookie,
    )
  })
  for (let k = 0; k < 50; k++) {
    schedule(at(days[0]!, '09:00') + k * 60_000, async () => {
      const page = await openPage(app, `/i/${spentToken.value}`, undefined)
      replayed(
        await postRating(
          app,
          { invitationToken: spentToken.value, submissionId: page?.submissionId ?? crypto.randomUUID(), answers: { overall: 3 } },
          undefined,
        ),
      )
    })
  }
  // 5. Self-minted invitations: the commune's manager tries to issue a key, then posts made-up tokens.
  const selfMinted = tally('Xã tự tạo lời mời (khóa API, mã tự chế)')
  schedule(at(days[0]!, '07:45'), async () => {
    const cookie = await signIn(app, manager)
    const res = await app.request('/api/v1/api-keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ownOrigin, cookie },
      body: JSON.stringify({ name: 'Khóa tự tạo', unitId: counters[0]!.unitId }),
    })
    if (res.status !== 403) throw new Error(`a commune manager created an API key: ${res.status}`)
    for (let k = 0; k < 50; k++) {
      selfMinted(
        await postRating(
          app,
          {
            invitationToken: `tu-che-${k}-${rng.next().toString(36).slice(2)}`,
            submissionId: crypto.randomUUID(),
            answers: { overall: 3 },
          },
          undefined,
        ),
      )
    }
  })
  // 6. Forged counter codes.
  const forged = tally('Mã quầy giả mạo')
  for (let k = 0; k < 200; k++) {
    schedule(at(days[2]!, '10:00') + k * 5_000, async () => {
      const code = Array.from(
        { length: 16 },
        () => 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'[Math.floor(rng.next() * 57)],
      ).join('')
      forged(await postRating(app, { counterCode: code, submissionId: crypto.randomUUID(), answers: { overall: 3 } }, undefined))
    })
  }
  // 7. A rival flooding a counter with low ratings by script, 300 over an hour.
  const rival = tally('Đối thủ dồn phiếu thấp vào một quầy')
  for (let k = 0; k < 300; k++) {
    schedule(at(days[4]!, '09:00') + k * 12_000, async () =>
      rival(
        await postRating(app, { counterCode: counters[6]!.code, submissionId: crypto.randomUUID(), answers: { overall: 1 } }, undefined),
      ),
    )
  }

  events.sort((a, b) => a.at - b.at || a.order - b.order)
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!
    now = event.at
    await event.run()
  }
  await writer.drain()

  const excluded = async (ids: string[]) =>
    ids.length === 0
      ? 0
      : (await sql<[{ n: number }]>`select count(*)::int as n from responses where id = any(${ids}::uuid[]) and is_excluded`)[0].n
  const attacks = []
  for (const t of tallies) attacks.push({ name: t.name, attempts: t.attempts, caught: t.refused + (await excluded(t.storedIds)) })
  const honestFlagged = await excluded(honestIds)
  const [published] = await sql<[{ satisfied: number; valid: number }]>`
    select coalesce(sum(n) filter (where value in (2, 3)), 0)::int as satisfied, coalesce(sum(n) filter (where value > 0), 0)::int as valid
    from rollups where question_key = 'overall' and not is_excluded
  `
  // Every rollup equals a recount from the raw rows, after the ratings set apart later.
  const [recount] = await sql<[{ satisfied: number; valid: number }]>`
    select count(*) filter (where (answers->>'overall')::int in (2, 3))::int as satisfied, count(*)::int as valid
    from responses where not is_excluded
  `
  if (recount.satisfied !== published.satisfied || recount.valid !== published.valid) throw new Error('rollups differ from a recount')
  return {
    attacks,
    honest: { total: honestTotal, stored: honestIds.length, flagged: honestFlagged, rate: honestSatisfied / honestTotal },
    published: published.satisfied / published.valid,
    events: events.length,
  }
}

const pg_unused = 'postgres://unused@127.0.0.1/unused'

type Outcome = { status: number; id?: string }

async function openPage(app: App, path: string, cookie: string | undefined) {
  const res = await app.request(path, { headers: cookie ? { cookie } : {} })
  if (res.status !== 200) return undefined
  const html = await res.text()
  const value = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1]
  const set = res.headers.get('set-cookie')?.split(';')[0]
  return { submissionId: value('submissionId')!, formToken: value('formToken')!.replaceAll('&amp;', '&'), cookie: set ?? cookie }
}

async function postRating(app: App, body: Record<string, unknown>, cookie: string | undefined): Promise<Outcome> {
  const res = await app.request('/api/v1/responses', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  })
  const answer = (await res.json()) as { id?: string }
  return res.status === 201 ? { status: 201, id: answer.id! } : { status: res.status }
}

async function mint(app: App, key: string, counterId: number, dossierCode: string) {
  const res = await app.request('/api/v1/invitations', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ counterId, dossierCode }),
  })
  if (res.status !== 201) throw new Error(`minting failed: ${res.status}`)
  return ((await res.json()) as { token: string }).token
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`

function print(r: Awaited<ReturnType<typeof simulate>>, ms: number) {
  const rows = r.attacks.map((a) => `| ${a.name} | ${a.attempts} | ${a.caught} | ${pct(a.caught / a.attempts)} |`)
  const attempts = r.attacks.reduce((s, a) => s + a.attempts, 0)
  const caught = r.attacks.reduce((s, a) => s + a.caught, 0)
  console.log(`Mô phỏng tấn công (seed ${seed}, ${counterCount} quầy, 5 ngày làm việc, ${r.events} sự kiện, ${(ms / 1000).toFixed(1)} s)\n`)
  console.log('| Tấn công | Phiếu | Bị chặn hoặc loại | Tỷ lệ |')
  console.log('|---|---:|---:|---:|')
  console.log(rows.join('\n'))
  console.log(`| **Tất cả** | ${attempts} | ${caught} | ${pct(caught / attempts)} |\n`)
  console.log(`Phiếu thật: ${r.honest.total}, bị loại nhầm ${r.honest.flagged} (${pct(r.honest.flagged / r.honest.total)})`)
  console.log(
    `Tỷ lệ hài lòng thật: ${pct(r.honest.rate)}; công bố: ${pct(r.published)}; lệch ${((r.published - r.honest.rate) * 100).toFixed(2)} điểm`,
  )
}

await main()
