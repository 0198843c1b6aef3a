import { describe, expect, it } from 'vitest'
import { splitByMonth } from '../../server/stats/queries'

describe('splitByMonth', () => {
  it('reads a calendar year as twelve whole months and no edge days', () => {
    expect(splitByMonth('2025-01-01', '2025-12-31')).toEqual({ months: ['2025-01-01', '2026-01-01'], edges: [] })
  })

  it('reads a 15th-to-14th quarter as whole months plus a half month at each end', () => {
    expect(splitByMonth('2025-06-15', '2025-09-14')).toEqual({
      months: ['2025-07-01', '2025-09-01'],
      edges: [
        ['2025-06-15', '2025-06-30'],
        ['2025-09-01', '2025-09-14'],
      ],
    })
  })

  it('reads a range inside one month, or across two partial months, from days only', () => {
    expect(splitByMonth('2025-07-05', '2025-07-20')).toEqual({ months: null, edges: [['2025-07-05', '2025-07-20']] })
    expect(splitByMonth('2025-07-20', '2025-08-10')).toEqual({ months: null, edges: [['2025-07-20', '2025-08-10']] })
  })

  it('handles February of a leap year and a range ending on a month end', () => {
    expect(splitByMonth('2024-02-10', '2024-03-31')).toEqual({ months: ['2024-03-01', '2024-04-01'], edges: [['2024-02-10', '2024-02-29']] })
  })
})
