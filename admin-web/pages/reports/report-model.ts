import type { SurveyMetric } from '../../../shared/admin-contract'
import { formatCount, formatDate, formatInterval, formatPercent, formatPoints } from '../../../shared/format'
import { isValidDate, type PeriodKind, periodRange } from '../../../shared/periods'
import { type BoardStatus, parsePeriodKey, periodKeyOf, reportingCalendar, reportRange } from '../../../shared/reporting-calendar'
import type { BoardAnswer, ConsolidatedAnswer, PlanViewAnswer, ReportSections, VersionSummary } from '../../../shared/reporting-contract'
import { metricNames } from '../../../shared/metric-names'

// Pure view models of the reporting screens: what each table shows, worded and formatted, from an answer.

/** The reports of a year to pick from, in deadline order. */
export const periodOptions = (year: number) => reportingCalendar({ year, reporterLevel: 'xa' }).map((r) => ({ key: r.key, label: r.label }))

/** The quarter whose days hold `today` (from 15/12 on, the first quarter of the next year). */
export function currentPeriodKey(today: string): string {
  const year = Number(today.slice(0, 4))
  const quarters = [year, year + 1].flatMap((y) => reportingCalendar({ year: y, kinds: ['quy'], reporterLevel: 'xa' }))
  return quarters.find((q) => q.from <= today && today <= q.to)!.key
}

/** "quy-2025-3" → 2025: the year a period's report is due (an ad-hoc report: the year its days end). */
export function yearOfKey(key: string): number {
  const period = parsePeriodKey(key)
  return period ? Number(reportRange(period).to.slice(0, 4)) : Number(/(\d{4})(?:-[1-4])?$/.exec(key)?.[1] ?? new Date().getFullYear())
}

/** The key of an ad-hoc report over these days. */
export const adHocKeyOf = ({ from, to }: { from: string; to: string }) => periodKeyOf({ kind: 'dot-xuat', from, to })

/** The days of an ad-hoc report's key; undefined for a periodic report's. */
export function adHocRangeOf(key: string) {
  const period = parsePeriodKey(key)
  return period?.kind === 'dot-xuat' ? { from: period.from, to: period.to } : undefined
}

export const statusTones: Record<BoardStatus, 'muted' | 'info' | 'good' | 'warn' | 'bad'> = {
  'chua-bat-dau': 'muted',
  'ban-nhap': 'info',
  'dung-han': 'good',
  'gui-muon': 'warn',
  'qua-han': 'bad',
}

export const daysText = (row: { daysLeft: number | null; daysLate: number | null }) =>
  row.daysLeft !== null ? `Còn ${row.daysLeft} ngày` : row.daysLate !== null ? `Chậm ${row.daysLate} ngày` : ''

/** The board grouped by report, latest deadline first, with a count per status above it. */
export function boardView(board: BoardAnswer) {
  const groups = new Map<string, { periodKey: string; periodLabel: string; deadline: string; rows: BoardRowView[] }>()
  for (const row of board.rows) {
    let group = groups.get(row.periodKey)
    if (!group) {
      group = { periodKey: row.periodKey, periodLabel: row.periodLabel, deadline: `Trước ngày ${formatDate(row.dueBefore)}`, rows: [] }
      groups.set(row.periodKey, group)
    }
    group.rows.push({
      unitId: row.unitId,
      unitName: row.unitName,
      status: row.statusLabel,
      tone: statusTones[row.status],
      days: daysText(row),
      version: row.latestVersion === null ? '' : `Lần ${row.latestVersion}`,
    })
  }
  const counts = new Map<string, number>()
  for (const row of board.rows) counts.set(row.statusLabel, (counts.get(row.statusLabel) ?? 0) + 1)
  return { groups: [...groups.values()].reverse(), summary: [...counts].map(([label, n]) => `${label}: ${n}`).join(' · ') }
}
export type BoardRowView = { unitId: number; unitName: string; status: string; tone: string; days: string; version: string }

export const verdictOf = (met: boolean | null) => (met === null ? 'Chưa đủ dữ liệu' : met ? 'Đạt' : 'Chưa đạt')

type TargetLine = { scope: string; value: number; rate: number | null; ci95?: [number, number] | null | undefined; met: boolean | null }
/** "Toàn bộ lĩnh vực ≥ 90,0%: Đạt (92,3%; khoảng tin cậy 95% 90,1% – 94,1%)". */
export const targetText = (t: TargetLine) =>
  `${t.scope} ≥ ${formatPercent(t.value)}: ${verdictOf(t.met)} (${formatPercent(t.rate)}; khoảng tin cậy 95% ${formatInterval(t.ci95)})`

type Figure = { responses: number; rate: number | null; ci95: [number, number] | null }
const figureCells = (f: Figure | null) =>
  f === null
    ? { responses: '—', rate: '—', interval: '—' }
    : { responses: formatCount(f.responses), rate: formatPercent(f.rate), interval: formatInterval(f.ci95) }

/** Every subordinate's frozen figures with its rank and target verdicts, then the supervising unit's own. */
export function consolidatedView(answer: ConsolidatedAnswer) {
  return {
    title: `Báo cáo tổng hợp ${answer.periodLabel} — ${answer.unitName}`,
    rows: answer.rows.map((row) => ({
      unitId: row.unitId,
      rank: row.rank === null ? '—' : String(row.rank),
      unitName: row.unitName,
      sent: row.version === null ? 'Chưa gửi' : `Lần ${row.version} · ${formatDate(row.submittedOn!)}`,
      ...figureCells(row.frozen),
      targets: row.targets.map(targetText),
      warning: row.differsFromLive
        ? `Số liệu hiện tại khác bản đã gửi: ${formatCount(row.live.responses)} phiếu, ${formatPercent(row.live.rate)}`
        : '',
    })),
    own: {
      ...figureCells(answer.own.overall),
      targets: answer.own.targets.map(targetText),
    },
    totals: `${answer.frozenTotals.reports}/${answer.rows.length} đơn vị đã gửi · ${formatCount(answer.frozenTotals.responses)} phiếu theo các báo cáo đã gửi`,
  }
}

/** The send button's wording, and whether a reason must be typed (every submission after the first). */
export function submitState(versions: Pick<VersionSummary, 'version'>[]) {
  const next = versions.length + 1
  return next === 1 ? { label: 'Gửi báo cáo', needsReason: false } : { label: `Gửi lại (lần ${next})`, needsReason: true }
}

/** The sections still empty, by title: a report may be sent with them, after a warning. */
export const emptySectionTitles = (sections: ReportSections, titles: Record<keyof ReportSections, string>) =>
  (Object.keys(titles) as (keyof ReportSections)[]).filter((key) => sections[key].trim() === '').map((key) => titles[key])

const rateWithN = (f: { responses: number; rate: number | null }) =>
  f.rate === null ? '—' : `${formatPercent(f.rate)} (${formatCount(f.responses)} phiếu)`

/** One line per target and questionnaire: the indicator, the result against the target, the comparisons. */
export function planViewRows(answer: PlanViewAnswer) {
  return answer.rows.map((row) => ({
    key: `${row.targetId}-${row.surveyId ?? 0}`,
    metric: metricNames[row.metric as SurveyMetric] ?? row.metric,
    scope: row.scope,
    survey: row.surveyTitle,
    target: `≥ ${formatPercent(row.value)}`,
    current: row.surveyId === null ? '—' : `${rateWithN(row.current)}; khoảng tin cậy 95% ${formatInterval(row.current.ci95)}`,
    verdict: row.current.met === null ? verdictOf(null) : `${verdictOf(row.current.met)} (${formatPoints(row.current.gapPoints ?? 0)})`,
    previous: rateWithN(row.previous),
    lastYear: rateWithN(row.lastYear),
    final:
      row.finalTarget === null
        ? ''
        : `Năm ${row.finalTarget.year}: ≥ ${formatPercent(row.finalTarget.value)}` +
          (row.finalTarget.gapPoints === null ? '' : ` (hiện ${formatPoints(row.finalTarget.gapPoints)})`),
    // Dossier-based figures: their own metrics, never merged with the satisfaction rate.
    process:
      row.process === null
        ? ''
        : `Tỷ lệ phản hồi ${formatPercent(row.process.responseRate)} · Hồ sơ trả đúng hạn ${formatPercent(row.process.onTimeRate)} · ` +
          `Chỉ số QĐ 766 (ước tính) ${formatPercent(row.process.realtimeIndex)}`,
  }))
}

/** The days the choice covers, or null while it is incomplete (a preset needs a year, a range both days in order). */
export function rangeOfChoice(c: { period: string; year: string; index: string; mode: string; from: string; to: string }) {
  if (c.period === 'khoang') return isValidDate(c.from) && isValidDate(c.to) && c.from <= c.to ? { from: c.from, to: c.to } : null
  if (!/^\d{4}$/.test(c.year)) return null
  return periodRange({
    kind: c.period as PeriodKind,
    year: Number(c.year),
    ...(c.period === 'quy' ? { index: Number(c.index) } : {}),
    mode: c.mode === 'calendar' ? 'calendar' : 'cutoff',
  })
}

/** "+1,5 điểm" between two rates; a dash when either is withheld. */
export const changeText = (now: number | null, before: number | null) =>
  now === null || before === null ? '—' : formatPoints(Math.round((now - before) * 1000) / 10)
