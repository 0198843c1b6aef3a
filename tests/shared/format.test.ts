import { describe, expect, it } from 'vitest'
import { formatCount, formatDate, formatInterval, formatPercent, formatPoints } from '../../shared/format'

describe('Vietnamese formats', () => {
  it('writes rates with a decimal comma and one decimal', () => {
    expect(formatPercent(0.964)).toBe('96,4%')
    expect(formatPercent(0.92)).toBe('92,0%')
    expect(formatPercent(null)).toBe('—')
  })

  it('groups thousands with dots', () => {
    expect(formatCount(26744)).toBe('26.744')
  })

  it('writes gaps in signed points and dates as dd/mm/yyyy', () => {
    expect(formatPoints(-1.2)).toBe('−1,2 điểm')
    expect(formatPoints(0.4)).toBe('+0,4 điểm')
    expect(formatDate('2021-12-15')).toBe('15/12/2021')
  })

  it('writes an interval as a range of percentages', () => {
    expect(formatInterval([0.7939, 0.8929])).toBe('79,4% – 89,3%')
  })
})
