import { createHash, randomBytes } from 'node:crypto'
import { hashPassword } from '../../server/accounts/passwords'
import type { Db } from '../../server/db'
import { counterQuickRating } from '../../server/demo/questionnaires'
import { mintCounterCode } from '../../server/serving/codes'
import type { Role } from '../../shared/auth-contract'
import type { SurveyDefinition } from '../../shared/survey-definition'
import { testSecretKey } from './app'

const unique = () => randomBytes(4).toString('hex')

export async function seedUnit(sql: Db, { name = 'Phường Thử', level = 'xa', parentId = null as number | null } = {}) {
  const [unit] = await sql<[{ id: number; code: string }]>`
    with unit as (insert into units (code) values (${`T-${unique()}`}) returning id, code),
    version as (
      insert into unit_versions (unit_id, name, level, parent_id, valid_from)
      select id, ${name}, ${level}, ${parentId}, '2000-01-01' from unit
    )
    select id, code from unit
  `
  return unit
}

export async function seedField(sql: Db, code = `f-${unique()}`, name = 'Lĩnh vực thử') {
  const [field] = await sql<[{ id: number; code: string }]>`
    insert into fields (code, name) values (${code}, ${name}) returning id, code
  `
  return field
}

export async function seedSurvey(sql: Db, definition: SurveyDefinition = counterQuickRating.definition) {
  const [survey] = await sql<[{ surveyId: number; versionId: number }]>`
    with survey as (insert into surveys (code, title) values (${`S-${unique()}`}, ${definition.title}) returning id)
    insert into survey_versions (survey_id, version, definition)
    select id, 1, ${sql.json(definition as never)} from survey
    returning survey_id, id as version_id
  `
  return survey
}

/** A live counter in a fresh unit, serving `definition` for the given fields, with a signed code. */
export async function seedCounter(
  sql: Db,
  {
    definition,
    fieldCodes = [] as string[],
    unitId,
    kind = 'mot_cua',
  }: { definition?: SurveyDefinition; fieldCodes?: string[]; unitId?: number; kind?: string } = {},
) {
  const unit = unitId ?? (await seedUnit(sql)).id
  const fields = []
  for (const code of fieldCodes) fields.push(await seedField(sql, `${code}-${unique()}`))
  const survey = await seedSurvey(sql, definition)
  const code = mintCounterCode(testSecretKey)
  const [counter] = await sql<[{ id: number }]>`
    with point as (insert into service_points (unit_id, name, kind) values (${unit}, ${`Một cửa ${unique()}`}, ${kind}) returning id),
    counter as (insert into counters (service_point_id, name) select id, 'Quầy 1' from point returning id),
    coded as (insert into counter_codes (code, counter_id) select ${code}, id from counter),
    assigned as (insert into survey_assignments (counter_id, survey_version_id) select id, ${survey.versionId} from counter),
    served as (insert into counter_fields (counter_id, field_id) select counter.id, unnest(${fields.map((f) => f.id)}::int[]) from counter)
    select id from counter
  `
  return { counterId: counter.id, code, unitId: unit, fields, ...survey }
}

/** A user who can log in with `password`; a manager or analyst gets a fresh unit unless one is given. */
export async function seedUser(
  sql: Db,
  { role = 'admin' as Role, unitId = undefined as number | null | undefined, password = 'mat-khau-thu-nghiem', isDisabled = false } = {},
) {
  const username = `u-${unique()}`
  const unit = unitId !== undefined ? unitId : role === 'admin' ? null : (await seedUnit(sql)).id
  const [user] = await sql<[{ id: number }]>`
    insert into users (username, display_name, password_hash, role, unit_id, is_disabled)
    values (${username}, ${`Cán bộ ${username}`}, ${await hashPassword(password)}, ${role}, ${unit}, ${isDisabled})
    returning id
  `
  return { id: user.id, username, password, role, unitId: unit }
}

/** An API key of a one-stop system scoped to a unit; returns the key itself. */
export async function seedApiKey(sql: Db, unitId: number) {
  const key = `sipas_test_${unique()}`
  await sql`
    insert into api_keys (name, key_hash, unit_id)
    values ('Hệ thống một cửa thử', ${createHash('sha256').update(key).digest()}, ${unitId})
  `
  return key
}

export type SeedRating = {
  at: Date | string
  answers: Record<string, number | number[] | string>
  fieldId?: number | null
  procedureCode?: string | null
  isVerified?: boolean
  flagReasons?: string[]
  comment?: string | null
  officialId?: number | null
}

/**
 * Ratings stored through the real writer in one transaction (storeBatch: responses and their appended counts),
 * then compacted into the rollups as the running writer does a moment later.
 */
export async function seedResponses(
  sql: Db,
  counter: { counterId: number; unitId: number; surveyId: number; versionId: number },
  ratings: SeedRating[],
  timeZone = 'Asia/Ho_Chi_Minh',
) {
  const { storeBatch } = await import('../../server/responses/writer')
  const { compactRollups } = await import('../../server/responses/rollup-queries')
  const rows = ratings.map((r) => ({
    submissionId: crypto.randomUUID(),
    contentHash: randomBytes(32),
    surveyId: counter.surveyId,
    surveyVersionId: counter.versionId,
    counterId: counter.counterId,
    unitId: counter.unitId,
    fieldId: r.fieldId ?? null,
    procedureCode: r.procedureCode ?? null,
    channel: r.isVerified ? ('invitation' as const) : ('qr' as const),
    isVerified: r.isVerified ?? false,
    flagReasons: r.flagReasons ?? [],
    isExcluded: (r.flagReasons ?? []).some((reason) => reason !== 'outside_hours'),
    submittedAt: new Date(r.at),
    answers: r.answers,
    comment: r.comment ?? null,
    officialId: r.officialId ?? null,
  }))
  const outcomes = await sql.begin(async (tx) => {
    const stored = await storeBatch(tx, rows, { timeZone })
    await compactRollups(tx)
    return stored
  })
  return outcomes.map((o) => (o.kind === 'created' || o.kind === 'replayed' ? o.id : ''))
}

/** A plan with one target: metric, scope unit, optional pooled fields, period, value (docs/domain.md §5). */
export async function seedTarget(
  sql: Db,
  {
    unitId,
    value,
    metric = 'tthc',
    fieldIds = [] as number[],
    periodStart = '2025-01-01',
    periodEnd = '2025-12-31',
    planNumber = `${unique()}/KH-UBND`,
    issuer = 'UBND thử',
    title = 'Kế hoạch cải cách hành chính năm 2025',
  }: {
    unitId: number
    value: number
    metric?: string
    fieldIds?: number[]
    periodStart?: string
    periodEnd?: string
    planNumber?: string
    issuer?: string
    title?: string
  },
) {
  const [target] = await sql<[{ id: number }]>`
    with plan as (
      insert into plans (number, title, issuer, issued_on) values (${planNumber}, ${title}, ${issuer}, '2025-01-01') returning id
    )
    insert into targets (plan_id, unit_id, metric, period_start, period_end, value)
    select id, ${unitId}, ${metric}, ${periodStart}, ${periodEnd}, ${value} from plan
    returning id
  `
  for (const fieldId of fieldIds) await sql`insert into target_fields (target_id, field_id) values (${target.id}, ${fieldId})`
  return { id: target.id, source: `${planNumber} (${issuer}): ${title}` }
}

export async function seedProcedure(sql: Db, { code, name, fieldId }: { code: string; name: string; fieldId: number }) {
  await sql`insert into procedures (code, name, field_id) values (${code}, ${name}, ${fieldId})`
}

/** One more counter, in its own service point of `unitId`, serving an existing survey version. */
export async function seedCounterServing(
  sql: Db,
  { unitId, versionId, name = 'Quầy 1' }: { unitId: number; versionId: number; name?: string },
) {
  const code = mintCounterCode(testSecretKey)
  const [counter] = await sql<[{ id: number }]>`
    with point as (insert into service_points (unit_id, name) values (${unitId}, ${`Bộ phận Một cửa ${unique()}`}) returning id),
    counter as (insert into counters (service_point_id, name) select id, ${name} from point returning id),
    coded as (insert into counter_codes (code, counter_id) select ${code}, id from counter),
    assigned as (insert into survey_assignments (counter_id, survey_version_id) select id, ${versionId} from counter)
    select id from counter
  `
  return { counterId: counter.id, code, unitId }
}
