import { z } from 'zod'
import { formatDate as vietnameseDate } from './format'

/** Reporting periods of docs/domain.md §7: quý, 6 tháng đầu năm, 9 tháng, năm; by calendar or by cut-off day. */
export const periodKinds = ['quy', '6-thang', '9-thang', 'nam'] as const
export type PeriodKind = (typeof periodKinds)[number]
export const periodModes = ['calendar', 'cutoff'] as const
export type PeriodMode = (typeof periodModes)[number]

export type Period = { kind: PeriodKind; year: number; index?: number; mode: PeriodMode; cutoffDay?: number }
/** Both ends inclusive, as YYYY-MM-DD. */
export type DateRange = { from: string; to: string }

export const defaultCutoffDay = 15

/** A period from a query string: `period=quy&year=2025&index=3&mode=cutoff`. */
export const PeriodQuery = z
  .object({
    period: z.enum(periodKinds),
    year: z.coerce.number().int().min(2000).max(2100),
    index: z.coerce.number().int().min(1).max(4).optional(),
    mode: z.enum(periodModes).default('cutoff'),
    // At most 28 so that every month, February included, has the cut-off day.
    cutoffDay: z.coerce.number().int().min(2).max(28).default(defaultCutoffDay),
  })
  .superRefine((query, ctx) => {
    if (query.period === 'quy' && query.index === undefined) {
      ctx.addIssue({ code: 'custom', path: ['index'], message: 'a quarter needs an index from 1 to 4' })
    }
    if (query.period !== 'quy' && query.index !== undefined && query.index !== 1) {
      ctx.addIssue({ code: 'custom', path: ['index'], message: 'only quarters have an index above 1' })
    }
  })
  .transform(({ period, ...rest }): Period => ({ kind: period, ...rest }))
export type PeriodQuery = z.infer<typeof PeriodQuery>

const quarterNames = ['I', 'II', 'III', 'IV']
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/

/** Cut-off mode runs from the cut-off day of the month before the first month to the day before it in the last. */
export function periodRange(period: Period): DateRange {
  const [first, last] = monthsOf(period)
  if (period.mode === 'calendar') {
    return { from: formatDate(period.year, first, 1), to: formatDate(period.year, last + 1, 0) }
  }
  const day = period.cutoffDay ?? defaultCutoffDay
  return { from: formatDate(period.year, first - 1, day), to: formatDate(period.year, last, day - 1) }
}

/** "Quý III/2025", "6 tháng đầu năm 2025", …; cut-off periods add their dates. */
export function periodLabel(period: Period): string {
  const { from, to } = periodRange(period)
  const name = nameOf(period)
  return period.mode === 'calendar' ? name : `${name} (${vietnameseDate(from)} – ${vietnameseDate(to)})`
}

/** The months a date range touches, as YYYY-MM, in order; empty when `from` is after `to`. */
export function monthsBetween(from: string, to: string): string[] {
  if (!isValidDate(from) || !isValidDate(to)) throw new RangeError(`not a YYYY-MM-DD range: ${from} .. ${to}`)
  const months: string[] = []
  if (from > to) return months
  const end = to.slice(0, 7)
  for (let month = from.slice(0, 7); month <= end; month = nextMonth(month)) months.push(month)
  return months
}

export function isValidDate(text: string): boolean {
  const match = datePattern.exec(text)
  if (!match) return false
  const [, year, month, day] = match.map(Number)
  return formatDate(year!, month!, day!) === text
}

function monthsOf({ kind, index }: Period): [first: number, last: number] {
  switch (kind) {
    case 'quy':
      if (index === undefined || !Number.isInteger(index) || index < 1 || index > 4) {
        throw new RangeError(`a quarter needs an index from 1 to 4, got ${index}`)
      }
      return [3 * index - 2, 3 * index]
    case '6-thang':
      return [1, 6]
    case '9-thang':
      return [1, 9]
    case 'nam':
      return [1, 12]
  }
}

function nameOf({ kind, year, index }: Period): string {
  switch (kind) {
    case 'quy':
      return `Quý ${quarterNames[(index ?? 1) - 1]}/${year}`
    case '6-thang':
      return `6 tháng đầu năm ${year}`
    case '9-thang':
      return `9 tháng năm ${year}`
    case 'nam':
      return `Năm ${year}`
  }
}

/** Month and day may overflow or be 0: the UTC calendar carries them into the neighbouring month or year. */
function formatDate(year: number, month: number, day: number): string {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  return date.toISOString().slice(0, 10)
}

function nextMonth(yearMonth: string): string {
  return formatDate(Number(yearMonth.slice(0, 4)), Number(yearMonth.slice(5, 7)) + 1, 1).slice(0, 7)
}
