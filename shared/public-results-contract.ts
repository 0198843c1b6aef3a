import { z } from 'zod'
import { parsePeriodKey, periodKeyOf, type ReportPeriod } from './reporting-calendar'

// GET /cong-khai/:unit, the public results page (no login): the unit asked for, the period, and the figures the
// page shows. The server builds the model (server/public-results/service.ts), renders it, and the tests read it.

/** A unit's code (HD-CL) or its numeric id, as the units table allows codes. */
export const unitKeyPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/

export const PublicResultsParams = z.object({
  unit: z.string().regex(unitKeyPattern, 'Mã đơn vị không hợp lệ.'),
})
export type PublicResultsParams = z.infer<typeof PublicResultsParams>

/** The periods the page shows: a quarter, the first 6 or 9 months, or the year (reporting periods, 15th to 14th); never a phase or an ad-hoc range. */
export type PublicPeriod = Exclude<ReportPeriod, { kind: 'giai-doan' } | { kind: 'dot-xuat' }>

export function parsePublicPeriod(key: string): PublicPeriod | undefined {
  const period = parsePeriodKey(key)
  return period && period.kind !== 'giai-doan' && period.kind !== 'dot-xuat' ? period : undefined
}

/** `?ky=quy-2025-3`, `6-thang-2025`, `9-thang-2025` or `nam-2025`; without it, the current year. */
export const PublicResultsQuery = z.object({
  ky: z
    .string()
    .refine((key) => parsePublicPeriod(key) !== undefined, 'Kỳ không hợp lệ (ví dụ: quy-2025-3, 6-thang-2025, 9-thang-2025, nam-2025).')
    .optional(),
})
export type PublicResultsQuery = z.infer<typeof PublicResultsQuery>

export const verdicts = ['dat', 'chua-dat', 'chua-du-du-lieu', 'khong-co-chi-tieu'] as const
export type Verdict = (typeof verdicts)[number]
export const verdictLabels: Record<Verdict, string> = {
  dat: 'Đạt',
  'chua-dat': 'Chưa đạt',
  'chua-du-du-lieu': 'Chưa đủ dữ liệu',
  'khong-co-chi-tieu': 'Không có chỉ tiêu',
}

/** One cell: the counted ratings, the rate and its 95% Wilson interval (null when withheld), the verdict. */
export const PublicFigure = z.object({
  responses: z.number(),
  /** Ratings flagged and set apart after review: never counted in the rate. */
  excluded: z.number(),
  /** Fewer than 5 ratings: rate and interval withheld. */
  suppressed: z.boolean(),
  /** At least 30 ratings: below that the figure is marked as indicative. */
  sufficient: z.boolean(),
  rate: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  /** Against the strictest target that applies (the highest value). */
  target: z.number().nullable(),
  verdict: z.enum(verdicts),
})
export type PublicFigure = z.infer<typeof PublicFigure>

/** The verdict of a group of the stats service: its targets arrive strictest first. */
export function verdictOf(group: { suppressed: boolean; rate: number | null; targets: { met: boolean | null }[] }): Verdict {
  const strictest = group.targets[0]
  if (!strictest) return 'khong-co-chi-tieu'
  if (group.suppressed || group.rate === null || strictest.met === null) return 'chua-du-du-lieu'
  return strictest.met ? 'dat' : 'chua-dat'
}

/** A period: `name` is short ("Quý I/2025"), `label` adds its days. */
export const PublicColumn = z.object({ key: z.string(), name: z.string(), label: z.string(), from: z.string(), to: z.string() })
export type PublicColumn = z.infer<typeof PublicColumn>

/** A measured indicator: a questionnaire's satisfaction, over every field or pooled over some, by period. */
export const PublicIndicator = z.object({
  metric: z.string(),
  title: z.string(),
  surveyTitle: z.string(),
  /** The pooled fields' names, empty for every field. */
  fields: z.array(z.string()),
  targets: z.array(z.object({ value: z.number(), source: z.string() })),
  /** One figure per column of the answer, in the same order. */
  figures: z.array(PublicFigure),
})
export type PublicIndicator = z.infer<typeof PublicIndicator>

export const PublicBreakdown = z.object({
  surveyTitle: z.string(),
  rows: z.array(z.object({ label: z.string(), figure: PublicFigure })),
})
export type PublicBreakdown = z.infer<typeof PublicBreakdown>

export const PublicResults = z.object({
  unit: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  period: PublicColumn,
  /** The year asked for by default had no rating yet: the page shows the year before and says so. */
  fellBackFrom: z.number().nullable(),
  /** The quarters of the period's year up to it, then the period itself when it is not a quarter. */
  columns: z.array(PublicColumn),
  indicators: z.array(PublicIndicator),
  /** For the period: each field's figures (counter questionnaires). */
  byField: z.array(PublicBreakdown),
  /** For the period: the unit's own ratings and each subordinate unit's, when it has subordinates. */
  bySubunit: z.array(PublicBreakdown),
  /** Per questionnaire, for the period: counted ratings and those set apart. */
  counted: z.array(z.object({ surveyTitle: z.string(), responses: z.number(), excluded: z.number() })),
  /** Links to the neighbouring periods. */
  otherPeriods: z.array(z.object({ key: z.string(), label: z.string() })),
  /** The day the figures were read, Vietnam time: never a finer time. */
  asOfDate: z.string(),
})
export type PublicResults = z.infer<typeof PublicResults>

export const publicPeriodKey = (period: PublicPeriod) => periodKeyOf(period)
