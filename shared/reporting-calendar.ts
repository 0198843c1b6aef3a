import { formatDate } from './format'
import { isValidDate, type Period, periodLabel, periodRange } from './periods'
import { maxRangeDays } from './stats-query'

/**
 * The reporting cycle of a Kế hoạch CCHC: which reports are due (quý, 6 tháng, 9 tháng, năm and the phase
 * report "giai đoạn 2021–2025"), the days their figures cover (from the 15th of the month before the period
 * to the 14th of its last month), the day they are due ("trước ngày 20 của tháng cuối kỳ" for communes,
 * districts and departments, "trước ngày 25" for the province), who sends to whom, and where each sender
 * stands on the deadline board. Pure: dates are YYYY-MM-DD strings in Vietnam time.
 */

export const reportKinds = ['quy', '6-thang', '9-thang', 'nam', 'giai-doan'] as const
export type ReportKind = (typeof reportKinds)[number]
export const defaultReportKinds: ReportKind[] = ['quy', '6-thang', '9-thang', 'nam']

/**
 * How a plan cuts its periods: by cut-off days (15th to 14th, due before the deadline day of the period's last
 * month) or by calendar months (due before the deadline day of the month after the period), and that deadline
 * day (null: the 20th, the province the 25th).
 */
export const reportPeriodModes = ['cutoff', 'calendar'] as const
export type ReportRule = { mode: (typeof reportPeriodModes)[number]; deadlineDay: number | null }
export const defaultReportRule: ReportRule = { mode: 'cutoff', deadlineDay: null }

/** Figures run from this day of the month before the period to the day before it in the last month. */
export const reportCutoffDay = 15
/** Due before this day of the period's last month: lower levels by the 20th, the province by the 25th. */
export const deadlineDayOf = (reporterLevel: string) => (reporterLevel === 'tinh' ? 25 : 20)

export type ReportPeriod =
  | { kind: 'quy'; year: number; index: number }
  | { kind: '6-thang' | '9-thang' | 'nam'; year: number }
  | { kind: 'giai-doan'; fromYear: number; year: number }
  /** An ad-hoc ("đột xuất") report over any days, up to a plan's whole phase; its deadline is the request's. */
  | { kind: 'dot-xuat'; from: string; to: string }

export type DueReport = {
  /** Stable key of the period: quy-2025-3, 6-thang-2025, 9-thang-2025, nam-2025, giai-doan-2021-2025. */
  key: string
  period: ReportPeriod
  label: string
  from: string
  to: string
  /** The first day that is late: a report sent on this day or after it is late. */
  dueBefore: string
  deadlineLabel: string
}

const keyPattern =
  /^(?:quy-(\d{4})-([1-4])|(6-thang|9-thang|nam)-(\d{4})|giai-doan-(\d{4})-(\d{4})|dot-xuat-(\d{4}-\d{2}-\d{2})-(\d{4}-\d{2}-\d{2}))$/

export function periodKeyOf(period: ReportPeriod): string {
  switch (period.kind) {
    case 'quy':
      return `quy-${period.year}-${period.index}`
    case 'giai-doan':
      return `giai-doan-${period.fromYear}-${period.year}`
    case 'dot-xuat':
      return `dot-xuat-${period.from}-${period.to}`
    default:
      return `${period.kind}-${period.year}`
  }
}

/**
 * The period a key names, or undefined for anything else (a phase runs 2 to 10 years, 2000–2100; an ad-hoc
 * range, dot-xuat-2025-07-01-2025-08-15, real days in order within the statistics' range cap).
 */
export function parsePeriodKey(key: string): ReportPeriod | undefined {
  const m = keyPattern.exec(key)
  if (!m) return undefined
  const inRange = (year: number) => year >= 2000 && year <= 2100
  if (m[7] !== undefined) {
    const [from, to] = [m[7], m[8]!]
    const fits = isValidDate(from) && isValidDate(to) && inRange(Number(from.slice(0, 4))) && inRange(Number(to.slice(0, 4)))
    return fits && from <= to && daysBetween(from, to) + 1 <= maxRangeDays ? { kind: 'dot-xuat', from, to } : undefined
  }
  if (m[1] !== undefined) {
    const year = Number(m[1])
    return inRange(year) ? { kind: 'quy', year, index: Number(m[2]) } : undefined
  }
  if (m[3] !== undefined) {
    const year = Number(m[4])
    return inRange(year) ? { kind: m[3] as '6-thang' | '9-thang' | 'nam', year } : undefined
  }
  const [fromYear, year] = [Number(m[5]), Number(m[6])]
  const span = year - fromYear + 1
  return inRange(fromYear) && inRange(year) && span >= 2 && span <= 10 ? { kind: 'giai-doan', fromYear, year } : undefined
}

const asPeriod = (p: Exclude<ReportPeriod, { kind: 'giai-doan' | 'dot-xuat' }>, rule: ReportRule): Period =>
  p.kind === 'quy'
    ? { kind: 'quy', year: p.year, index: p.index, mode: rule.mode, cutoffDay: reportCutoffDay }
    : { kind: p.kind, year: p.year, mode: rule.mode, cutoffDay: reportCutoffDay }

const pad = (n: number) => String(n).padStart(2, '0')

/** The days a report's figures cover, both ends inclusive. */
export function reportRange(period: ReportPeriod, rule: ReportRule = defaultReportRule): { from: string; to: string } {
  if (period.kind === 'dot-xuat') return { from: period.from, to: period.to }
  if (period.kind === 'giai-doan') {
    return rule.mode === 'calendar'
      ? { from: `${period.fromYear}-01-01`, to: `${period.year}-12-31` }
      : { from: `${period.fromYear - 1}-12-${pad(reportCutoffDay)}`, to: `${period.year}-12-${pad(reportCutoffDay - 1)}` }
  }
  return periodRange(asPeriod(period, rule))
}

export function reportLabel(period: ReportPeriod, rule: ReportRule = defaultReportRule): string {
  if (period.kind === 'dot-xuat') return `Báo cáo đột xuất (${formatDate(period.from)} – ${formatDate(period.to)})`
  if (period.kind === 'giai-doan') {
    const { from, to } = reportRange(period, rule)
    return `Giai đoạn ${period.fromYear}–${period.year} (${formatDate(from)} – ${formatDate(to)})`
  }
  return periodLabel(asPeriod(period, rule))
}

/**
 * A report of `period` sent by a unit of `reporterLevel`: its days, its deadline and their wording. An ad-hoc
 * report is due by the day its request sets (`adHocDueBefore`, the first late day); until one is given, the
 * day after its range.
 */
export function dueReportOf(
  period: ReportPeriod,
  reporterLevel: string,
  { adHocDueBefore, rule = defaultReportRule }: { adHocDueBefore?: string | undefined; rule?: ReportRule } = {},
): DueReport {
  const { from, to } = reportRange(period, rule)
  const day = pad(rule.deadlineDay ?? deadlineDayOf(reporterLevel))
  const dueBefore =
    period.kind === 'dot-xuat'
      ? (adHocDueBefore ?? shiftDays(to, 1))
      : rule.mode === 'calendar'
        ? `${shiftDays(to, 1).slice(0, 8)}${day}`
        : `${to.slice(0, 8)}${day}`
  return {
    key: periodKeyOf(period),
    period,
    label: reportLabel(period, rule),
    from,
    to,
    dueBefore,
    deadlineLabel: `Trước ngày ${formatDate(dueBefore)}`,
  }
}

export type CalendarInput = {
  year: number
  kinds?: readonly ReportKind[]
  /** The plan's phase (2021–2025, 2026–2030): its report falls due in the phase's last year. */
  phase?: { fromYear: number; toYear: number } | null
  reporterLevel: string
  rule?: ReportRule
}

/** Every report due in `year`, ordered by deadline then by length (Q2 before the 6-month report). */
export function reportingCalendar({
  year,
  kinds = defaultReportKinds,
  phase = null,
  reporterLevel,
  rule = defaultReportRule,
}: CalendarInput): DueReport[] {
  const periods: ReportPeriod[] = []
  if (kinds.includes('quy')) for (const index of [1, 2, 3, 4]) periods.push({ kind: 'quy', year, index })
  for (const kind of ['6-thang', '9-thang', 'nam'] as const) if (kinds.includes(kind)) periods.push({ kind, year })
  if (kinds.includes('giai-doan') && phase && phase.toYear === year) periods.push({ kind: 'giai-doan', fromYear: phase.fromYear, year })
  return periods
    .map((p) => dueReportOf(p, reporterLevel, { rule }))
    .sort((a, b) => (a.dueBefore === b.dueBefore ? (a.from < b.from ? 1 : a.from > b.from ? -1 : 0) : a.dueBefore < b.dueBefore ? -1 : 1))
}

/** One version of a unit in the tree: its parent and level over [validFrom, validTo). */
export type UnitVersionFact = {
  unitId: number
  name: string
  level: string
  parentId: number | null
  validFrom: string
  validTo: string | null
}

const liveOn = (v: UnitVersionFact, onDate: string) => v.validFrom <= onDate && (v.validTo === null || v.validTo > onDate)

/**
 * Whom a unit reports to for a period: its parent on the period's last day. Before 1 July 2025 a commune
 * sends to its district (thành phố, thị xã, huyện); after the two-level reform, straight to the province.
 * Undefined when the unit does not exist that day; null for the top of the tree.
 */
export function supervisorOn(versions: UnitVersionFact[], unitId: number, onDate: string): UnitVersionFact | null | undefined {
  const own = versions.find((v) => v.unitId === unitId && liveOn(v, onDate))
  if (!own) return undefined
  if (own.parentId === null) return null
  return versions.find((v) => v.unitId === own.parentId && liveOn(v, onDate)) ?? null
}

/** The units that report to `unitId` for a period: its children on the period's last day. */
export const subordinatesOn = (versions: UnitVersionFact[], unitId: number, onDate: string) =>
  versions.filter((v) => v.parentId === unitId && liveOn(v, onDate))

/** The recipient line of a report: "UBND Thành phố Chí Linh (qua Phòng Nội vụ)", "Bộ Nội vụ" above a province. */
export function recipientLabel(supervisor: Pick<UnitVersionFact, 'name' | 'level'> | null): string {
  if (supervisor === null) return 'Bộ Nội vụ'
  const name = supervisor.name.replace(/\s*\(demo\)$/, '')
  if (supervisor.level === 'tinh') return `UBND ${name} (qua Sở Nội vụ)`
  if (supervisor.level === 'huyen') return `UBND ${name} (qua Phòng Nội vụ)`
  return `UBND ${name}`
}

export const boardStatuses = ['chua-bat-dau', 'ban-nhap', 'dung-han', 'gui-muon', 'qua-han'] as const
export type BoardStatus = (typeof boardStatuses)[number]
export const boardStatusLabels: Record<BoardStatus, string> = {
  'chua-bat-dau': 'Chưa bắt đầu',
  'ban-nhap': 'Bản nháp',
  'dung-han': 'Đã gửi đúng hạn',
  'gui-muon': 'Gửi muộn',
  'qua-han': 'Quá hạn chưa gửi',
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)

export type BoardCell = { status: BoardStatus; daysLeft: number | null; daysLate: number | null }

/**
 * Where a report stands on `today`. The first submission decides on time or late (a later re-submission
 * does not move it); unsent past the deadline is overdue, draft or not. Days left count to the deadline day,
 * days late from it (sent on the deadline day itself: 1 day late).
 */
export function boardCellOf({
  dueBefore,
  today,
  firstSubmittedOn,
  hasDraft,
}: {
  dueBefore: string
  today: string
  firstSubmittedOn: string | null
  hasDraft: boolean
}): BoardCell {
  if (firstSubmittedOn !== null) {
    return firstSubmittedOn < dueBefore
      ? { status: 'dung-han', daysLeft: null, daysLate: null }
      : { status: 'gui-muon', daysLeft: null, daysLate: daysBetween(dueBefore, firstSubmittedOn) + 1 }
  }
  if (today >= dueBefore) return { status: 'qua-han', daysLeft: null, daysLate: daysBetween(dueBefore, today) + 1 }
  return { status: hasDraft ? 'ban-nhap' : 'chua-bat-dau', daysLeft: daysBetween(today, dueBefore), daysLate: null }
}

/** The period before: the previous quarter, else the same kind a year (a phase: a phase) earlier. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  if (period.kind === 'dot-xuat') return { kind: 'dot-xuat', ...comparisonRanges(period).previous }
  if (period.kind === 'quy')
    return period.index === 1 ? { kind: 'quy', year: period.year - 1, index: 4 } : { ...period, index: period.index - 1 }
  return samePeriodLastYear(period)
}

/** The same period a year earlier (a phase: the phase before it, as long). */
export function samePeriodLastYear(period: ReportPeriod): ReportPeriod {
  if (period.kind === 'dot-xuat') return { kind: 'dot-xuat', ...comparisonRanges(period).lastYear }
  if (period.kind === 'giai-doan') {
    const span = period.year - period.fromYear + 1
    return { kind: 'giai-doan', fromYear: period.fromYear - span, year: period.fromYear - 1 }
  }
  return { ...period, year: period.year - 1 }
}

const isoOf = (date: Date) => date.toISOString().slice(0, 10)
/** A YYYY-MM-DD date moved by whole days. */
export const shiftDays = (date: string, days: number) => isoOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000))
/** A YYYY-MM-DD date moved by whole years (29 February lands on 28 February). */
export function shiftYears(date: string, years: number) {
  const [year, month, day] = date.split('-').map(Number)
  const target = `${year! + years}-${pad(month!)}-${pad(day!)}`
  return day === 29 && month === 2 && isoOf(new Date(`${target}T00:00:00Z`)) !== target ? `${year! + years}-02-28` : target
}

/**
 * An ad-hoc range's comparisons: the equally long range just before it, and the same days a year earlier
 * (year over year).
 */
export function comparisonRanges({ from, to }: { from: string; to: string }) {
  const days = daysBetween(from, to) + 1
  return {
    previous: { from: shiftDays(from, -days), to: shiftDays(from, -1) },
    lastYear: { from: shiftYears(from, -1), to: shiftYears(to, -1) },
  }
}
