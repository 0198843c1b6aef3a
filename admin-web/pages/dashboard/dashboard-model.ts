import type { StatsAnswer } from '../../../shared/stats-contract'

// The dashboard's filters live in the URL; these pure parts read them, write a change back, and decide which
// pooled-field cards and which summary line the page shows.

export type Filters = {
  surveyId?: number
  period: string
  year: number
  index: number
  mode: string
  unitId?: number
  counterId?: number
  verified: string
}

export const periodNames: Record<string, string> = { quy: 'Quý', '6-thang': '6 tháng', '9-thang': '9 tháng', nam: 'Năm' }
export const quarterNames = ['I', 'II', 'III', 'IV']

/** The filters a URL names; what it leaves out takes the dashboard's defaults (this year, whole year, calendar). */
export function filtersOf(params: URLSearchParams, thisYear = new Date().getFullYear()): Filters {
  const number = (key: string) => (params.get(key) ? Number(params.get(key)) : undefined)
  return {
    surveyId: number('surveyId'),
    period: params.get('period') ?? 'nam',
    year: number('year') ?? thisYear,
    index: number('index') ?? 1,
    // Calendar by default on the dashboard; the 15th-to-14th cut-off of official reports is one choice away.
    mode: params.get('mode') ?? 'calendar',
    unitId: number('unitId'),
    counterId: number('counterId'),
    verified: params.get('verified') ?? 'all',
  }
}

/** The period part of a stats query; the quarter's index only for quarters. */
export const rangeParams = (f: Filters, year = f.year) => ({
  period: f.period,
  year,
  index: f.period === 'quy' ? f.index : undefined,
  mode: f.mode,
})

/** The URL's filters after one changed: "" removes it, and a new year or period forgets the counter chosen. */
export function changedParams(current: URLSearchParams, name: string, value: string) {
  const params = new URLSearchParams(current)
  if (value === '') params.delete(name)
  else params.set(name, value)
  if (name === 'year' || name === 'period') params.delete('counterId')
  return params
}

/** A year with no rating at all (none counted, none excluded) falls back to the year before unless the URL named it. */
export const isEmptyYear = (answer: StatsAnswer) => answer.overall.responses === 0 && !((answer.overall.excluded ?? 0) > 0)

export const fieldCardTitle = (names: string[]) => `Lĩnh vực ${names.map((name) => name.toLocaleLowerCase('vi')).join(', ')}`

/**
 * The line under the filters: the period, a fallback to last year, the flagged ratings left out, and when the
 * figures come from a read replica that lags, up to when they are complete (Vietnam time).
 */
export function summaryOf(overall: StatsAnswer, fellBackFrom: number | undefined) {
  const freshness = overall.freshness
  return [
    overall.label,
    fellBackFrom !== undefined ? ` · Năm ${fellBackFrom} chưa có đánh giá, đang hiển thị năm ${fellBackFrom - 1}.` : '',
    (overall.overall.excluded ?? 0) > 0 ? ` · ${overall.overall.excluded} phiếu bị gắn cờ không được tính.` : '',
    freshness.isBehind
      ? ` · Số liệu tính đến ${asOfFormat.format(new Date(freshness.asOf))}; các phiếu gửi sau đó sẽ được cập nhật sau ít phút.`
      : '',
  ].join('')
}

const asOfFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
})
