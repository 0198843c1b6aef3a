import { describe, expect, it } from 'vitest'
import {
  changedParams,
  fieldCardTitle,
  filtersOf,
  isEmptyYear,
  rangeParams,
  summaryOf,
} from '../../admin-web/pages/dashboard/dashboard-model'
import { pooledFieldSets } from '../../shared/pooled-fields'
import type { StatsAnswer } from '../../shared/stats-contract'

const group = (responses: number, excluded?: number) => ({
  key: 'all',
  label: 'Tất cả',
  responses,
  suppressed: responses < 5,
  rate: null,
  ci95: null,
  sufficient: false,
  targets: [],
  items: [],
  ...(excluded === undefined ? {} : { excluded }),
})
const answer = (overall: ReturnType<typeof group>, label = 'Năm 2025'): StatsAnswer => ({
  from: '2025-01-01',
  to: '2025-12-31',
  label,
  survey: { id: 1, code: 'TTHC', title: 'Phiếu thử', metric: 'tthc' },
  groupBy: 'none',
  verified: 'all',
  overall,
  groups: [],
  freshness: { source: 'primary', isBehind: false, asOf: '2026-01-01T00:00:00.000Z' },
})

describe('filtersOf', () => {
  it('defaults to the whole of this year, by calendar, every rating counted', () => {
    expect(filtersOf(new URLSearchParams(), 2026)).toEqual({
      surveyId: undefined,
      period: 'nam',
      year: 2026,
      index: 1,
      mode: 'calendar',
      unitId: undefined,
      counterId: undefined,
      verified: 'all',
    })
  })

  it('reads every filter the URL names, as numbers where they are ids', () => {
    const params = new URLSearchParams('surveyId=3&period=quy&year=2025&index=2&mode=cutoff&unitId=7&counterId=9&verified=only')
    expect(filtersOf(params, 2026)).toEqual({
      surveyId: 3,
      period: 'quy',
      year: 2025,
      index: 2,
      mode: 'cutoff',
      unitId: 7,
      counterId: 9,
      verified: 'only',
    })
  })
})

describe('rangeParams', () => {
  it('sends the quarter only for quarters, and another year when asked', () => {
    const quarter = filtersOf(new URLSearchParams('period=quy&index=3&year=2025'), 2026)
    expect(rangeParams(quarter)).toEqual({ period: 'quy', year: 2025, index: 3, mode: 'calendar' })
    expect(rangeParams({ ...quarter, period: '6-thang' }, 2024)).toEqual({
      period: '6-thang',
      year: 2024,
      index: undefined,
      mode: 'calendar',
    })
  })
})

describe('changedParams', () => {
  const current = new URLSearchParams('unitId=4&counterId=9&year=2025')

  it('sets a filter, and removes one set to ""', () => {
    expect(changedParams(current, 'verified', 'only').toString()).toBe('unitId=4&counterId=9&year=2025&verified=only')
    expect(changedParams(current, 'unitId', '').toString()).toBe('counterId=9&year=2025')
  })

  it('forgets the counter when the year or the period changes', () => {
    expect(changedParams(current, 'year', '2024').toString()).toBe('unitId=4&year=2024')
    expect(changedParams(current, 'period', 'quy').toString()).toBe('unitId=4&year=2025&period=quy')
  })

  it('leaves the URL it was given as it was', () => {
    changedParams(current, 'year', '2024')
    expect(current.toString()).toBe('unitId=4&counterId=9&year=2025')
  })
})

describe('isEmptyYear', () => {
  it('is empty only with no rating counted and none excluded', () => {
    expect(isEmptyYear(answer(group(0)))).toBe(true)
    expect(isEmptyYear(answer(group(0, 0)))).toBe(true)
    expect(isEmptyYear(answer(group(0, 2)))).toBe(false)
    expect(isEmptyYear(answer(group(1)))).toBe(false)
  })
})

describe('pooledFieldSets', () => {
  const target = (fieldIds: number[], more: Partial<{ metric: 'tthc' | 'sipas'; periodStart: string; periodEnd: string }> = {}) => ({
    metric: 'tthc' as const,
    fieldIds,
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    ...more,
  })

  it('keeps one set per distinct pooling of this metric overlapping the period', () => {
    const sets = pooledFieldSets(
      [
        target([3, 1]),
        target([1, 3]),
        target([]),
        target([5], { metric: 'sipas' }),
        target([6], { periodStart: '2024-01-01', periodEnd: '2024-12-31' }),
        target([7], { periodStart: '2025-12-31', periodEnd: '2026-12-31' }),
      ],
      'tthc',
      '2025-01-01',
      '2025-12-31',
    )
    expect(sets).toEqual([[1, 3], [7]])
  })

  it('names a card by its fields in lower case, Vietnamese letters kept', () => {
    expect(fieldCardTitle(['Đất đai', 'Hộ tịch'])).toBe('Lĩnh vực đất đai, hộ tịch')
  })
})

describe('summaryOf', () => {
  it('names the period by the label the server gives', () => {
    expect(summaryOf(answer(group(5), 'Quý I/2025 (15/12/2024 – 14/03/2025)'), undefined)).toBe('Quý I/2025 (15/12/2024 – 14/03/2025)')
  })

  it('says when the year fell back and how many flagged ratings were left out', () => {
    expect(summaryOf(answer(group(5, 3), 'Năm 2025'), 2026)).toBe(
      'Năm 2025 · Năm 2026 chưa có đánh giá, đang hiển thị năm 2025. · 3 phiếu bị gắn cờ không được tính.',
    )
  })

  it('says up to when the figures are complete when the read replica lags, and nothing when it does not', () => {
    const lagging = {
      ...answer(group(5), 'Năm 2025'),
      freshness: { source: 'replica' as const, isBehind: true, asOf: '2025-06-02T03:05:00Z' },
    }
    expect(summaryOf(lagging, undefined)).toBe(
      'Năm 2025 · Số liệu tính đến 10:05 02/06/2025; các phiếu gửi sau đó sẽ được cập nhật sau ít phút.',
    )
    const current = { ...lagging, freshness: { ...lagging.freshness, isBehind: false } }
    expect(summaryOf(current, undefined)).toBe('Năm 2025')
  })
})
