import { z } from 'zod'
import { rangeKeys, rangeOf } from './stats-query'

// Citizens' voice: the inbox of comments and dissatisfied reasons, feedback cases and the public follow-up.

const IdText = z.coerce.number().int().positive().max(2_147_483_647)
const Id = z.number().int().positive().max(2_147_483_647)

/** A comment's counter must have at least this many kept ratings in its month before the comment is shown. */
export const inboxMinRatings = 5

/** GET /api/v1/feedback/inbox. The period is widened to whole months: items carry their month only. */
export const InboxQuery = z
  .object({
    ...rangeKeys,
    unitId: IdText.optional(),
    counterId: IdText.optional(),
    fieldId: IdText.optional(),
    score: z.coerce.number().int().min(0).max(99).optional(),
    q: z.string().trim().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .transform(({ from, to, period, year, index, mode, cutoffDay, ...rest }, ctx) => ({
    ...rest,
    range: rangeOf({ from, to, period, year, index, mode, cutoffDay }, ctx),
  }))
export type InboxQuery = z.output<typeof InboxQuery>

export const caseCategories = ['phan_anh', 'kien_nghi'] as const
export const CaseCategory = z.enum(caseCategories)
export type CaseCategory = z.infer<typeof CaseCategory>
export const caseCategoryNames: Record<CaseCategory, string> = { phan_anh: 'Phản ánh', kien_nghi: 'Kiến nghị' }

export const caseStatuses = ['received', 'in_progress', 'answered', 'closed'] as const
export const CaseStatus = z.enum(caseStatuses)
export type CaseStatus = z.infer<typeof CaseStatus>
export const caseStatusNames: Record<CaseStatus, string> = {
  received: 'Đã tiếp nhận',
  in_progress: 'Đang xử lý',
  answered: 'Đã trả lời',
  closed: 'Đã kết thúc',
}

const Named = z.object({ id: z.number(), name: z.string() })

export const CaseSummary = z.object({ id: z.number(), status: CaseStatus, dueOn: z.string() })

/** One comment or set of reasons, with its month only (never the day or time it was given). */
export const InboxItem = z.object({
  /** Opaque: names the rating without telling when it was given. */
  key: z.string(),
  month: z.string(),
  unit: Named,
  counter: Named,
  field: Named.nullable(),
  score: z.number().nullable(),
  scoreLabel: z.string().nullable(),
  reasons: z.array(z.string()),
  comment: z.string().nullable(),
  case: CaseSummary.nullable(),
})
export type InboxItem = z.infer<typeof InboxItem>

export const InboxAnswer = z.object({
  from: z.string(),
  to: z.string(),
  minRatings: z.number(),
  total: z.number(),
  /** Items of counters with fewer than `minRatings` ratings in the month, not shown. */
  heldBack: z.number(),
  items: z.array(InboxItem),
  limit: z.number(),
  offset: z.number(),
})
export type InboxAnswer = z.infer<typeof InboxAnswer>

/** POST /api/v1/feedback/cases: takes up an inbox item as a case. */
export const NewCase = z.strictObject({
  itemKey: z.string().min(1).max(64),
  category: CaseCategory,
  assigneeUnitId: Id,
})
export type NewCase = z.infer<typeof NewCase>

/** POST /api/v1/feedback/cases/:id/answer. */
export const CaseAnswerBody = z.strictObject({ answer: z.string().trim().min(1).max(4000) })

export const FeedbackCase = z.object({
  id: z.number(),
  category: CaseCategory,
  status: CaseStatus,
  unit: Named,
  assigneeUnit: Named,
  comment: z.string().nullable(),
  receivedOn: z.string(),
  dueOn: z.string(),
  answer: z.string().nullable(),
  answeredOn: z.string().nullable(),
  isOverdue: z.boolean(),
})
export type FeedbackCase = z.infer<typeof FeedbackCase>

export const CasesQuery = z.object({
  status: CaseStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
})

export const CaseList = z.object({ items: z.array(FeedbackCase), total: z.number() })

/** What the public follow-up page tells: the case's status and the unit's answer, nothing else. */
export const FollowUp = z.object({ status: CaseStatus, statusLabel: z.string(), answer: z.string().nullable() })
export type FollowUp = z.infer<typeof FollowUp>

/** Follow-up codes: 16 letters of base32 (80 bits), shown in groups of four. */
const codePattern = /^[A-Z2-7]{16}$/
export function normalizeFollowUpCode(text: string): string | undefined {
  const code = text.toUpperCase().replace(/[\s-]/g, '')
  return codePattern.test(code) ? code : undefined
}
export const formatFollowUpCode = (code: string) => code.match(/.{1,4}/g)!.join('-')

/** GET /api/v1/feedback/figures. */
export const FiguresQuery = z
  .object({ ...rangeKeys, unitId: IdText.optional() })
  .transform(({ from, to, period, year, index, mode, cutoffDay, ...rest }, ctx) => ({
    ...rest,
    range: rangeOf({ from, to, period, year, index, mode, cutoffDay }, ctx),
  }))
export type FiguresQuery = z.output<typeof FiguresQuery>

export const HandlingFigures = z.object({
  comments: z.number(),
  /** Comments of the period taken up as cases. */
  commentsTaken: z.number(),
  cases: z.number(),
  handled: z.number(),
  onTime: z.number(),
  overdue: z.number(),
  /** Comments taken up over comments, handled over cases, on time over handled; null without a denominator. */
  receivedRate: z.number().nullable(),
  handledRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  medianDaysToAnswer: z.number().nullable(),
})
export type HandlingFigures = z.infer<typeof HandlingFigures>

/**
 * A target of kind "xử lý phản ánh, kiến nghị" is judged on the share of cases handled; null while there is
 * no case in the period to judge it on. The dashboard and the periodic report both judge with this.
 */
export const handlingVerdict = (figures: Pick<HandlingFigures, 'handledRate'>, value: number): boolean | null =>
  figures.handledRate === null ? null : figures.handledRate >= value - 1e-9

export const FiguresAnswer = z.object({
  from: z.string(),
  to: z.string(),
  overall: HandlingFigures,
  units: z.array(HandlingFigures.extend({ unit: Named })),
  targets: z.array(z.object({ id: z.number(), value: z.number(), source: z.string(), unitId: z.number() })),
})
export type FiguresAnswer = z.infer<typeof FiguresAnswer>

/** GET /api/v1/feedback/themes: the same period (whole months), unit and counter filters as the inbox. */
export const ThemesQuery = z
  .object({ ...rangeKeys, unitId: IdText.optional(), counterId: IdText.optional(), fieldId: IdText.optional() })
  .transform(({ from, to, period, year, index, mode, cutoffDay, ...rest }, ctx) => ({
    ...rest,
    range: rangeOf({ from, to, period, year, index, mode, cutoffDay }, ctx),
  }))
export type ThemesQuery = z.output<typeof ThemesQuery>

const ReasonCounts = z.record(z.string(), z.number())
const ReasonGroup = z.object({ key: z.string(), label: z.string(), counts: ReasonCounts })

export const ThemesAnswer = z.object({
  from: z.string(),
  to: z.string(),
  minRatings: z.number(),
  /** Items read (those the inbox shows); capped, and `isCapped` says so. */
  items: z.number(),
  isCapped: z.boolean(),
  reasons: z.object({
    total: z.array(z.object({ reason: z.string(), n: z.number() })),
    byUnit: z.array(ReasonGroup),
    byField: z.array(ReasonGroup),
    byCounter: z.array(ReasonGroup),
    byMonth: z.array(ReasonGroup),
  }),
  phrases: z.array(z.object({ phrase: z.string(), comments: z.number(), examples: z.array(z.string()) })),
})
export type ThemesAnswer = z.infer<typeof ThemesAnswer>

/** A rolling window this many days long, ending today, is what the "below target" alerts look at. */
export const alertWindowDays = 30

export const AlertsQuery = z.object({ unitId: IdText.optional() })

export const AlertsAnswer = z.object({
  from: z.string(),
  to: z.string(),
  /** Units and counters whose rate over the window, on a sufficient sample, is below a target that applies. */
  belowTarget: z.array(
    z.object({
      kind: z.enum(['unit', 'counter']),
      key: z.string(),
      label: z.string(),
      rate: z.number().nullable(),
      responses: z.number(),
      target: z.number(),
      source: z.string(),
    }),
  ),
  overdueCases: z.array(z.object({ id: z.number(), unit: Named, assigneeUnit: Named, dueOn: z.string(), status: CaseStatus })),
})
export type AlertsAnswer = z.infer<typeof AlertsAnswer>

/** PUT /api/v1/feedback/webhooks/:id: where a unit's systems are told of its alerts. */
export const WebhookBody = z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(500) })
export const WebhookAnswer = z.object({ unitId: z.number(), url: z.string(), secret: z.string() })
