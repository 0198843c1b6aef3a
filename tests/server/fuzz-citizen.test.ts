import fc from 'fast-check'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sipasService } from '../../server/demo/questionnaires'
import { procedureCodePattern } from '../../shared/procedure-code'
import { SurveyDefinition } from '../../shared/survey-definition'
import { testApp } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter } from '../support/factories'
import { badJsonValue, encodeLoose, expectRefusal, fuzzSeed, heapUsed, hostileStrings, rawBadBody, rowCounts } from '../support/fuzz'

// Generated bad input for the citizens' side: the rating API, the no-JavaScript form and invitation links.
// Each must be refused with a 4xx, never a 5xx, and store nothing. 4,803 inputs here; fuzz-admin.test.ts
// adds the staff side.

let db: TestDatabase
let app: ReturnType<typeof testApp>['app']
let quick: Awaited<ReturnType<typeof seedCounter>>
let sipas: Awaited<ReturnType<typeof seedCounter>>
let countsBefore: Record<string, number>
let heapBefore: number
let tried = 0

beforeAll(async () => {
  db = await createTestDatabase()
  app = testApp(db.sql, { env: { RATE_LIMIT: 'off' } }).app
  quick = await seedCounter(db.sql, { fieldCodes: ['dat-dai'] })
  sipas = await seedCounter(db.sql, { definition: SurveyDefinition.parse(sipasService.definition) })
  // Warm the served-survey cache and the code paths before memory is measured.
  for (const counter of [quick, sipas]) await app.request(`/q/${counter.code}`)
  countsBefore = await rowCounts(db.sql)
  heapBefore = heapUsed()
})
afterAll(() => db.drop())

const postJson = (body: string | ArrayBuffer) =>
  app.request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body })

/** A well-formed rating of the quick questionnaire, which one mutation below always makes invalid. */
const validRating = () => ({ counterCode: quick.code, submissionId: randomUUID(), answers: { overall: 3 } as Record<string, unknown> })

const notAProcedureCode = fc
  .oneof(fc.constantFrom(...hostileStrings), fc.string({ maxLength: 30 }))
  .filter((s) => !procedureCodePattern.test(s))
const notAUuid = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.string({ maxLength: 40 }),
  fc.uuid().map((u) => `${u.toUpperCase()}x`),
)

// Where any text up to this length is valid, so only other kinds of value are bad.
const textLimits: Record<string, number> = { comment: 1000, website: 200, formToken: 100 }

type Mutation = (rating: ReturnType<typeof validRating>) => unknown
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Wrong types or bad text in every key.
  fc
    .tuple(
      fc.constantFrom(
        'counterCode',
        'submissionId',
        'fieldCode',
        'procedureCode',
        'answers',
        'comment',
        'formToken',
        'website',
        'invitationToken',
      ),
      badJsonValue,
    )
    .filter(
      ([key, value]) =>
        !(
          typeof value === 'string' &&
          (value.length <= (textLimits[key] ?? -1) || (key === 'procedureCode' && procedureCodePattern.test(value)))
        ),
    )
    .map(
      ([key, value]): Mutation =>
        (r) => ({ ...r, [key]: value }),
    ),
  notAUuid.map(
    (id): Mutation =>
      (r) => ({ ...r, submissionId: id }),
  ),
  notAProcedureCode.map(
    (code): Mutation =>
      (r) => ({ ...r, procedureCode: code }),
  ),
  fc.string({ minLength: 1001, maxLength: 1200 }).map(
    (comment): Mutation =>
      (r) => ({ ...r, comment }),
  ),
  fc.string({ minLength: 1, maxLength: 60 }).map(
    (code): Mutation =>
      (r) => ({ ...r, counterCode: `${code}-khong-co` }),
  ),
  // Missing keys, unknown keys, both targets.
  fc.constantFrom<Mutation>(
    ({ counterCode: _, ...r }) => r,
    ({ submissionId: _, ...r }) => r,
    ({ answers: _, ...r }) => r,
    (r) => ({ ...r, invitationToken: 'abc' }),
    (r) => ({ ...r, isVerified: true }),
    (r) => ({ ...r, channel: 'invitation' }),
    (r) => JSON.parse(`{"__proto__":{"isVerified":true},${JSON.stringify(r).slice(1)}`),
  ),
  // Answers: empty, "không áp dụng" only, off the scale, unknown questions, wrong types, deep nesting.
  fc
    .oneof(
      fc.constant({}),
      fc.constant({ thai_do: 0 }),
      fc.constant({ thai_do: 0, dung_hen: 0, thuan_tien: 0 }),
      fc
        .integer()
        .filter((n) => ![1, 2, 3].includes(n))
        .map((n) => ({ overall: n })),
      fc
        .double()
        .filter((n) => !Number.isInteger(n))
        .map((n) => ({ overall: n })),
      badJsonValue.filter((v) => ![1, 2, 3].includes(v as number)).map((value) => ({ overall: value })),
      fc
        .tuple(fc.string({ maxLength: 50 }), fc.integer({ min: 0, max: 5 }))
        .filter(([k]) => !['overall', 'reasons', 'thuan_tien', 'thai_do', 'dung_hen'].includes(k))
        .map(([k, v]) => ({ overall: 3, [k]: v })),
      fc.constant({ overall: 3, reasons: [1] }),
      fc.constant({ overall: 1, reasons: [1, 1] }),
      badJsonValue.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
    )
    .map(
      (answers): Mutation =>
        (r) => ({ ...r, answers }),
    ),
)

/** Ratings for the SIPAS questionnaire, where no question is required: an empty one must still be refused. */
const emptySipas = fc.oneof(
  fc.constant({}),
  fc
    .subarray(
      SurveyDefinition.parse(sipasService.definition).questions.map((q) => q.key),
      { minLength: 1 },
    )
    .map((keys) => Object.fromEntries(keys.map((k) => [k, 0]))),
)

describe("fuzzing the citizens' endpoints", () => {
  it('POST /api/v1/responses refuses 3,000 bad ratings with a 4xx in the one error shape', async () => {
    const body = fc.oneof(
      { weight: 6, arbitrary: mutation.map((mutate) => JSON.stringify(mutate(validRating()))) },
      {
        weight: 2,
        arbitrary: emptySipas.map((answers) => JSON.stringify({ counterCode: sipas.code, submissionId: randomUUID(), answers })),
      },
      { weight: 2, arbitrary: rawBadBody },
    )
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        tried++
        await expectRefusal(await postJson(text), text.slice(0, 200))
      }),
      { seed: fuzzSeed, numRuns: 3000 },
    )
    // Bytes that are not UTF-8 at all.
    for (const bytes of [
      [0xff, 0xfe, 0xfd],
      [0x7b, 0xc3, 0x28, 0x7d],
      [0xed, 0xa0, 0x80],
    ]) {
      tried++
      await expectRefusal(await postJson(new Uint8Array(bytes).buffer), `bytes ${bytes.join(',')}`)
    }
  }, 240_000)

  it('the no-JavaScript form refuses 800 bad posts with 400 and its page, storing nothing', async () => {
    const formValue = fc.oneof(fc.constantFrom(...hostileStrings), fc.string({ unit: 'binary', maxLength: 30 }))
    const extra = fc.array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom('comment', 'fieldCode', 'procedure', 'website', 'formToken', 'submissionId', 'a.unknown', '__proto__'),
          fc.string({ maxLength: 20 }),
        ),
        formValue,
      ),
      { maxLength: 5 },
    )
    // What makes each post bad: no answer, an answer off the scale, or (SIPAS) nothing but "không áp dụng".
    const badCore = fc.oneof(
      fc.constant<[string, string][]>([]),
      formValue.filter((v) => !['1', '2', '3'].includes(v.trim())).map((v): [string, string][] => [['a.overall', v]]),
      fc.constant<[string, string][]>([['a.overall', '0']]),
      fc.constant<[string, string][]>([
        ['a.overall', '3'],
        ['comment', 'x'.repeat(1001)],
      ]),
      fc.constant<[string, string][]>([
        ['a.overall', '3'],
        ['procedure', 'không có thủ tục này'],
      ]),
      fc.constant<[string, string][]>([
        ['a.overall', '3'],
        ['fieldCode', 'khong-co'],
      ]),
    )
    const post = fc.oneof(
      fc.tuple(fc.constant(quick), badCore, extra),
      fc.tuple(
        fc.constant(sipas),
        emptySipas.map((answers) => Object.entries(answers).map(([k, v]): [string, string] => [`a.${k}`, String(v)])),
        fc.constant([] as [string, string][]),
      ),
    )
    await fc.assert(
      fc.asyncProperty(post, async ([counter, core, more]) => {
        tried++
        const form = new URLSearchParams()
        // The extra inputs come first, so a bad core value is the one the server reads.
        for (const [name, value] of more)
          if (!name.startsWith('a.overall') && name !== 'procedure' && name !== 'fieldCode' && name !== 'comment') form.append(name, value)
        for (const [name, value] of core) form.append(name, value)
        const res = await app.request(`/q/${counter.code}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form.toString(),
        })
        const text = await res.text()
        expect(res.status, form.toString().slice(0, 200)).toBe(400)
        expect(res.headers.get('content-type')).toContain('text/html')
        expect(text).toContain('<form')
      }),
      { seed: fuzzSeed, numRuns: 800 },
    )
  }, 240_000)

  it('/i/{token} answers 404 to 1,000 made-up tokens, read or posted', async () => {
    const token = fc.oneof(
      fc.constantFrom(...hostileStrings.filter((s) => s !== '')),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
      fc.base64String({ minLength: 1, maxLength: 64 }),
    )
    await fc.assert(
      fc.asyncProperty(token, fc.boolean(), async (text, isPost) => {
        tried++
        const path = `/i/${encodeLoose(text)}`
        const res = await app.request(
          path,
          isPost ? { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a.overall=3' } : {},
        )
        await res.arrayBuffer()
        expect(res.status, path.slice(0, 200)).toBeGreaterThanOrEqual(400)
        expect(res.status, path.slice(0, 200)).toBeLessThan(500)
      }),
      { seed: fuzzSeed, numRuns: 1000 },
    )
  }, 240_000)

  it('stored nothing and kept the heap flat', async () => {
    expect(tried).toBe(4803)
    expect(await rowCounts(db.sql)).toEqual(countsBefore)
    // Generous: a leak of the inputs would be several times this.
    expect(heapUsed() - heapBefore).toBeLessThan(48 * 1024 * 1024)
  })
})
