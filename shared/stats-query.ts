import { z } from 'zod'
import { formatDate } from './format'
import { isValidDate, PeriodQuery, periodLabel, periodRange } from './periods'
import { groupings } from './stats-contract'
import { vietnameseErrorMap } from './zod-vietnamese'

// Query strings of the analytics API: GET /api/v1/stats, /flags and /exports/responses.{csv,xlsx}.
// A period is either `from` and `to` (YYYY-MM-DD, both inclusive) or a preset of periods.ts
// (`period=quy&year=2025&index=3&mode=cutoff&cutoffDay=15`), never both.

const DateText = z.string().refine(isValidDate, 'Phải là ngày có thật dạng YYYY-MM-DD.')
const IdText = z.coerce.number().int().positive().max(2_147_483_647)
const fieldCodePattern = /^[a-z0-9]+(-[a-z0-9]+)*$/

/**
 * A period spans at most this many days: a plan's whole phase (2021–2030 by calendar years or 15/12/2020 –
 * 14/12/2030 by cut-off days, 3,652 days) and a few days more, never decades. Whole calendar years are read
 * from the yearly rollups, so ten years cost about what one does.
 */
export const maxRangeDays = 10 * 366

export const rangeKeys = {
  from: DateText.optional(),
  to: DateText.optional(),
  period: z.string().optional(),
  year: z.string().optional(),
  index: z.string().optional(),
  mode: z.string().optional(),
  cutoffDay: z.string().optional(),
}

export type DateRangeWithLabel = { from: string; to: string; label: string }

type RangeInput = { [K in keyof typeof rangeKeys]?: string | undefined }

export function rangeOf(q: RangeInput, ctx: z.RefinementCtx): DateRangeWithLabel | typeof z.NEVER {
  const { from, to, period, year, index, mode, cutoffDay } = q
  if (period !== undefined) {
    if (from !== undefined || to !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['period'], message: 'Chọn hoặc kỳ báo cáo, hoặc khoảng ngày from–to, không chọn cả hai.' })
      return z.NEVER
    }
    const parsed = PeriodQuery.safeParse({ period, year, index, mode, cutoffDay }, { error: vietnameseErrorMap })
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        // periods.ts words its own rule in English: the quarter index.
        const message = issue.code === 'custom' ? 'Quý cần index từ 1 đến 4; các kỳ khác không có index.' : issue.message
        ctx.addIssue({ code: 'custom', path: issue.path, message: `Kỳ báo cáo không hợp lệ: ${message}` })
      }
      return z.NEVER
    }
    return { ...periodRange(parsed.data), label: periodLabel(parsed.data) }
  }
  if (from === undefined || to === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: [from === undefined ? 'from' : 'to'],
      message: 'Cần khoảng ngày from và to, hoặc một kỳ báo cáo (period).',
    })
    return z.NEVER
  }
  if (from > to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.' })
    return z.NEVER
  }
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= maxRangeDays) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `Khoảng thời gian tối đa ${maxRangeDays} ngày.` })
    return z.NEVER
  }
  return { from, to, label: `${formatDate(from)} – ${formatDate(to)}` }
}

const FieldCodes = z
  .string()
  .transform((text) => [
    ...new Set(
      text
        .split(',')
        .map((code) => code.trim())
        .filter((code) => code !== ''),
    ),
  ])
  .refine((codes) => codes.length > 0 && codes.length <= 50, 'Cần từ 1 đến 50 mã lĩnh vực, cách nhau bằng dấu phẩy.')
  .refine((codes) => codes.every((code) => fieldCodePattern.test(code)), 'Mã lĩnh vực chỉ gồm chữ thường, số và dấu "-".')

/** GET /api/v1/stats. Without surveyId, the survey with the most responses in scope and period is used. */
export const StatsQuery = z
  .object({
    ...rangeKeys,
    surveyId: IdText.optional(),
    unitId: IdText.optional(),
    counterId: IdText.optional(),
    fields: FieldCodes.optional(),
    groupBy: z.enum(groupings).default('none'),
    verified: z.enum(['all', 'only']).default('all'),
  })
  .transform(({ from, to, period, year, index, mode, cutoffDay, ...rest }, ctx) => ({
    ...rest,
    range: rangeOf({ from, to, period, year, index, mode, cutoffDay }, ctx),
  }))
export type StatsQuery = z.output<typeof StatsQuery>

/**
 * GET /api/v1/stats/dashboard: the dashboard's selection (a questionnaire, a unit, a period, verified or all),
 * every grouping of which one answer gives.
 */
export const DashboardQuery = z
  .object({
    ...rangeKeys,
    surveyId: IdText.optional(),
    unitId: IdText.optional(),
    verified: z.enum(['all', 'only']).default('all'),
  })
  .transform(({ from, to, period, year, index, mode, cutoffDay, ...rest }, ctx) => ({
    ...rest,
    range: rangeOf({ from, to, period, year, index, mode, cutoffDay }, ctx),
  }))
export type DashboardQuery = z.output<typeof DashboardQuery>

/** GET /api/v1/flags: flagged responses of a period, a page at a time (newest first). */
export const FlagsQuery = z
  .object({
    ...rangeKeys,
    unitId: IdText.optional(),
    surveyId: IdText.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .transform(({ from, to, period, year, index, mode, cutoffDay, ...rest }, ctx) => ({
    ...rest,
    range: rangeOf({ from, to, period, year, index, mode, cutoffDay }, ctx),
  }))
export type FlagsQuery = z.output<typeof FlagsQuery>

/** GET /api/v1/exports/responses.csv and .xlsx: the same survey default as stats. */
export const ExportQuery = z
  .object({
    ...rangeKeys,
    surveyId: IdText.optional(),
    unitId: IdText.optional(),
  })
  .transform(({ from, to, period, year, index, mode, cutoffDay, ...rest }, ctx) => ({
    ...rest,
    range: rangeOf({ from, to, period, year, index, mode, cutoffDay }, ctx),
  }))
export type ExportQuery = z.output<typeof ExportQuery>
