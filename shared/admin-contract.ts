import { z } from 'zod'
import { Role } from './auth-contract'
import { procedureCodePattern } from './procedure-code'
import { SurveyDefinition } from './survey-definition'

// Requests and answers of the admin API (/api/v1 units, service points, counters, catalogue, surveys,
// targets, users, audit). Bodies are strict objects, so a misspelt key is refused rather than ignored.

export const Id = z.number().int().positive()
/** An id in a path or query string. */
export const IdParam = z.coerce.number().int().positive().max(2_147_483_647)
export const IsoDate = z.iso.date()
export const ByIdParams = z.object({ id: IdParam })
const Name = z.string().trim().min(1).max(200)

// --- units (docs/domain.md §7) ---

export const UnitLevel = z.enum(['tinh', 'huyen', 'xa', 'co_quan'])
export type UnitLevel = z.infer<typeof UnitLevel>

export const UnitCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'Mã đơn vị gồm chữ, số, ".", "_" hoặc "-", tối đa 40 ký tự.')

export const UnitsQuery = z.object({ on: IsoDate.optional() })

export const NewUnit = z.strictObject({
  code: UnitCode,
  name: Name,
  level: UnitLevel,
  parentId: Id.nullable().default(null),
  validFrom: IsoDate,
})
export type NewUnit = z.infer<typeof NewUnit>

/** A rename, a change of level and/or a re-parenting from `validFrom` on. */
export const NewUnitVersion = z
  .strictObject({
    validFrom: IsoDate,
    name: Name.optional(),
    level: UnitLevel.optional(),
    parentId: Id.nullable().optional(),
  })
  .refine((v) => v.name !== undefined || v.level !== undefined || v.parentId !== undefined, {
    message: 'Cần ít nhất một thay đổi: tên, cấp hoặc đơn vị cấp trên.',
    path: ['name'],
  })
export type NewUnitVersion = z.infer<typeof NewUnitVersion>

/** `validTo` is the first day the unit no longer exists (its last day is the day before). */
export const UnitClosing = z.strictObject({ validTo: IsoDate })
export type UnitClosing = z.infer<typeof UnitClosing>

export const NewSuccession = z.strictObject({ predecessorId: Id, effectiveOn: IsoDate })
export type NewSuccession = z.infer<typeof NewSuccession>

export const UnitOnDate = z.object({
  id: z.number(),
  code: z.string(),
  versionId: z.number(),
  name: z.string(),
  level: UnitLevel,
  parentId: z.number().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  predecessorIds: z.array(z.number()),
})
export type UnitOnDate = z.infer<typeof UnitOnDate>

export const UnitVersion = z.object({
  id: z.number(),
  name: z.string(),
  level: UnitLevel,
  parentId: z.number().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
})
export type UnitVersion = z.infer<typeof UnitVersion>

/** GET /api/v1/units/:id and the answer of every change to a unit: all its versions, oldest first. */
export const UnitHistory = z.object({
  id: z.number(),
  code: z.string(),
  versions: z.array(UnitVersion),
  predecessorIds: z.array(z.number()),
  successorIds: z.array(z.number()),
})
export type UnitHistory = z.infer<typeof UnitHistory>

// --- service points and counters (docs/domain.md §7) ---

/** Where citizens are served: one-stop offices, the online public-service portal, public clinics and schools. */
export const ServicePointKind = z.enum(['mot_cua', 'pvhcc', 'chi_nhanh', 'truc_tuyen', 'y_te', 'giao_duc'])
export type ServicePointKind = z.infer<typeof ServicePointKind>

export const ScopeQuery = z.object({ unitId: IdParam.optional() })

export const NewServicePoint = z.strictObject({
  unitId: Id,
  name: Name,
  kind: ServicePointKind.default('mot_cua'),
  address: z.string().trim().max(300).nullable().default(null),
})
export type NewServicePoint = z.infer<typeof NewServicePoint>

const atLeastOneChange = { message: 'Cần ít nhất một thay đổi.' }

export const ServicePointChange = z
  .strictObject({ name: Name.optional(), address: z.string().trim().max(300).nullable().optional(), isActive: z.boolean().optional() })
  .refine((v) => Object.values(v).some((x) => x !== undefined), atLeastOneChange)
export type ServicePointChange = z.infer<typeof ServicePointChange>

export const FieldIds = z
  .array(Id)
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, 'Mỗi lĩnh vực chỉ được nêu một lần.')

export const CountersQuery = z.object({
  unitId: IdParam.optional(),
  includeInactive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
})

export const NewCounter = z.strictObject({
  servicePointId: Id,
  name: Name,
  fieldIds: FieldIds.default([]),
  surveyVersionId: Id.nullable().default(null),
})
export type NewCounter = z.infer<typeof NewCounter>

export const CounterChange = z
  .strictObject({ name: Name.optional(), isActive: z.boolean().optional() })
  .refine((v) => v.name !== undefined || v.isActive !== undefined, atLeastOneChange)
export type CounterChange = z.infer<typeof CounterChange>

export const CounterFields = z.strictObject({ fieldIds: FieldIds })

/** GET /api/v1/counters, the public contract of docs/api.md. */
export const CounterListItem = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  unitId: z.number(),
  surveyUrl: z.string(),
})
export type CounterListItem = z.infer<typeof CounterListItem>

export const CounterDetail = CounterListItem.extend({
  servicePointId: z.number(),
  servicePointName: z.string(),
  isActive: z.boolean(),
  fieldIds: z.array(z.number()),
  surveyVersionId: z.number().nullable(),
})
export type CounterDetail = z.infer<typeof CounterDetail>

export const ServicePointWithCounters = z.object({
  id: z.number(),
  unitId: z.number(),
  name: z.string(),
  kind: ServicePointKind,
  address: z.string().nullable(),
  isActive: z.boolean(),
  counters: z.array(CounterDetail.omit({ servicePointId: true, servicePointName: true, unitId: true })),
})
export type ServicePointWithCounters = z.infer<typeof ServicePointWithCounters>

/** The answer of creating or changing a service point. */
export const ServicePointSummary = ServicePointWithCounters.pick({ id: true, unitId: true, name: true, isActive: true })
export type ServicePointSummary = z.infer<typeof ServicePointSummary>

// --- catalogue (docs/domain.md §6) ---

export const FieldCode = z
  .string()
  .trim()
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Mã lĩnh vực gồm chữ thường không dấu, số và dấu "-", ví dụ "dat-dai".')

export const NewField = z.strictObject({ code: FieldCode, name: Name })
export type NewField = z.infer<typeof NewField>

export const ProceduresQuery = z.object({ fieldId: IdParam.optional() })

export const ProcedureCode = z
  .string()
  .trim()
  .regex(procedureCodePattern, 'Mã TTHC phải có dạng d.dddddd, có thể thêm .Hxx hoặc .000.00.00.Hxx (ví dụ 1.001193).')

/** One row of the procedures CSV (`code,name,field`). */
export const ProcedureCsvRow = z.object({ code: ProcedureCode, name: z.string().trim().min(1).max(500), field: FieldCode })
/** One row of the fields CSV (`code,name`). */
export const FieldCsvRow = z.object({ code: FieldCode, name: Name })

export const ImportSummary = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() })
export type ImportSummary = z.infer<typeof ImportSummary>

/** GET /api/v1/fields: a field of the catalogue and the days it is in use (null: still in use). */
export const Field = z.object({ id: z.number(), code: z.string(), name: z.string(), validFrom: z.string(), validTo: z.string().nullable() })
export type Field = z.infer<typeof Field>

/** GET /api/v1/procedures: `baseCode` is the national code without a province's suffix. */
export const Procedure = z.object({
  id: z.number(),
  code: z.string(),
  baseCode: z.string(),
  name: z.string(),
  fieldId: z.number(),
  fieldCode: z.string(),
})
export type Procedure = z.infer<typeof Procedure>

// --- surveys (docs/domain.md §3) ---

// 'y_te_giao_duc' is the plans' pooled wording, kept for targets entered under it; health and education are measured apart.
export const SurveyMetric = z.enum(['tthc', 'dvc_truc_tuyen', 'sipas', 'y_te_giao_duc', 'y_te', 'giao_duc'])
export type SurveyMetric = z.infer<typeof SurveyMetric>

export const SurveyCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'Mã phiếu gồm chữ, số, "_" hoặc "-", tối đa 40 ký tự.')

/** The draft itself is a SurveyDefinition (shared/survey-definition.ts), checked apart. */
export const NewSurvey = z.strictObject({ code: SurveyCode, title: Name, metric: SurveyMetric.default('tthc') })
export type NewSurvey = z.infer<typeof NewSurvey>

export const SurveyVersionParams = z.object({ id: IdParam, versionId: IdParam })

export const NewAssignment = z
  .strictObject({
    surveyVersionId: Id,
    counterIds: z.array(Id).min(1).max(5000).optional(),
    unitId: Id.optional(),
  })
  .refine((a) => (a.counterIds === undefined) !== (a.unitId === undefined), {
    message: 'Nêu hoặc danh sách quầy (counterIds) hoặc một đơn vị (unitId), không cả hai.',
    path: ['counterIds'],
  })
export type NewAssignment = z.infer<typeof NewAssignment>

export const VersionSummary = z.object({ id: z.number(), version: z.number(), publishedAt: z.string(), publishedBy: z.number().nullable() })
export type VersionSummary = z.infer<typeof VersionSummary>

/** GET /api/v1/surveys: a questionnaire, whether it has a draft, and its published versions. */
export const SurveySummary = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  metric: SurveyMetric,
  hasDraft: z.boolean(),
  updatedAt: z.string(),
  versions: z.array(VersionSummary),
})
export type SurveySummary = z.infer<typeof SurveySummary>

/** GET /api/v1/surveys/:id. The draft is kept unparsed: a stored draft that today's schema refuses must still open. */
export const SurveyDetail = SurveySummary.extend({ draft: z.unknown() })
export type SurveyDetail = z.infer<typeof SurveyDetail>

/** GET /api/v1/surveys/:id/versions/:versionId: one published, immutable version. */
export const SurveyVersion = z.object({
  id: z.number(),
  surveyId: z.number(),
  version: z.number(),
  publishedAt: z.string(),
  publishedBy: z.number().nullable(),
  definition: SurveyDefinition,
})
export type SurveyVersion = z.infer<typeof SurveyVersion>

export const PublishedVersion = z.object({ id: z.number(), surveyId: z.number(), version: z.number(), publishedAt: z.string() })
export type PublishedVersion = z.infer<typeof PublishedVersion>

export const Assignment = z.object({ surveyVersionId: z.number(), counterIds: z.array(z.number()) })
export type Assignment = z.infer<typeof Assignment>

// --- plans and targets (docs/domain.md §5) ---

export const NewPlan = z.strictObject({
  number: z.string().trim().min(1).max(100),
  title: z.string().trim().min(1).max(500),
  issuer: Name,
  issuedOn: IsoDate,
  unitId: Id,
})
export type NewPlan = z.infer<typeof NewPlan>

export const Plan = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  issuer: z.string(),
  issuedOn: z.string(),
  unitId: z.number().nullable(),
})
export type Plan = z.infer<typeof Plan>

export const TargetsQuery = z.object({ unitId: IdParam.optional(), planId: IdParam.optional() })

/** Percent as written in the plans ("≥ 96%" is 96), at most two decimals; stored as a 0..1 fraction. */
export const TargetPercent = z
  .number()
  .gt(0)
  .lte(100)
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'Tối đa hai chữ số thập phân.')

/** What a target measures: a survey's satisfaction metric, or the handling of citizens' feedback (phản ánh, kiến nghị). */
export const TargetMetric = z.enum([...SurveyMetric.options, 'phan_anh_kien_nghi'])
export type TargetMetric = z.infer<typeof TargetMetric>

export const NewTarget = z
  .strictObject({
    planId: Id,
    unitId: Id,
    metric: TargetMetric,
    fieldIds: FieldIds.default([]),
    periodStart: IsoDate,
    periodEnd: IsoDate,
    valuePercent: TargetPercent,
  })
  .refine((t) => t.periodEnd >= t.periodStart, { message: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.', path: ['periodEnd'] })
export type NewTarget = z.infer<typeof NewTarget>

export const Target = z.object({
  id: z.number(),
  planId: z.number(),
  unitId: z.number(),
  metric: TargetMetric,
  fieldIds: z.array(z.number()),
  periodStart: z.string(),
  periodEnd: z.string(),
  valuePercent: z.number(),
  /** The unit whose user set it (null: an admin): only that level may change or delete it. */
  setByUnitId: z.number().nullable(),
})
export type Target = z.infer<typeof Target>

// --- users ---

const Password = z.string().min(10, 'Mật khẩu cần ít nhất 10 ký tự.').max(1024)

export const NewUser = z
  .strictObject({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'Tên đăng nhập gồm 3–40 chữ thường không dấu, số, ".", "_" hoặc "-".'),
    displayName: z.string().trim().max(200).default(''),
    role: Role,
    unitId: Id.nullable().default(null),
    password: Password,
  })
  .refine((u) => u.role === 'admin' || u.unitId !== null, {
    message: 'Tài khoản quản lý và phân tích phải thuộc một đơn vị.',
    path: ['unitId'],
  })
export type NewUser = z.infer<typeof NewUser>

export const PasswordReset = z.strictObject({ password: Password })

export const UserSummary = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  unitId: z.number().nullable(),
  isDisabled: z.boolean(),
})
export type UserSummary = z.infer<typeof UserSummary>

// --- API keys of one-stop systems ---

export const NewApiKey = z.strictObject({ name: Name, unitId: Id })
export type NewApiKey = z.infer<typeof NewApiKey>

export const ApiKeySummary = z.object({
  id: z.number(),
  name: z.string(),
  unitId: z.number(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
})
export type ApiKeySummary = z.infer<typeof ApiKeySummary>

/** The answer of creating a key: the only time the key itself is shown. */
export const CreatedApiKey = z.object({ id: z.number(), name: z.string(), unitId: z.number(), key: z.string() })
export type CreatedApiKey = z.infer<typeof CreatedApiKey>

// --- audit log ---

/** `before` is an audit row id: the page holds the rows older than it. */
export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
})

export const PostersQuery = z.object({ unitId: IdParam })

export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  unitId: z.number().nullable(),
  details: z.record(z.string(), z.unknown()),
})
export type AuditEntry = z.infer<typeof AuditEntry>

/** GET /api/v1/audit: newest first; `nextBefore` asks for the page after this one (null: none). */
export const AuditPage = z.object({ items: z.array(AuditEntry), nextBefore: z.number().nullable() })
export type AuditPage = z.infer<typeof AuditPage>
