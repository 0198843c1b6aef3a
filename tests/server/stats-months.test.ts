import { describe, expect, it } from 'vitest'
import { splitByMonth, splitByYear } from '../../server/stats/queries'

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
    expect(splitByMonth('2024-02-10', '2024-03-31')).toEqual({
      months: ['2024-03-01', '2024-04-01'],
      edges: [['2024-02-10', '2024-02-29']],
    })
  })
})

describe('splitByYear', () => {
  it('reads a calendar year as one whole year', () => {
    expect(splitByYear('2025-01-01', '2025-12-31')).toEqual({ years: ['2025-01-01', '2026-01-01'], months: [], edges: [] })
  })

  it('reads whole years, then whole months and edge days on each side', () => {
    expect(splitByYear('2023-11-15', '2026-02-10')).toEqual({
      years: ['2024-01-01', '2026-01-01'],
      months: [
        ['2023-12-01', '2024-01-01'],
        ['2026-01-01', '2026-02-01'],
      ],
      edges: [
        ['2023-11-15', '2023-11-30'],
        ['2026-02-01', '2026-02-10'],
      ],
    })
  })

  it('falls back to months and days within a year, as splitByMonth does', () => {
    expect(splitByYear('2025-06-15', '2025-09-14')).toEqual({
      years: null,
      months: [['2025-07-01', '2025-09-01']],
      edges: [
        ['2025-06-15', '2025-06-30'],
        ['2025-09-01', '2025-09-14'],
      ],
    })
    expect(splitByYear('2024-12-15', '2025-12-14')).toEqual({
      years: null,
      months: [['2025-01-01', '2025-12-01']],
      edges: [
        ['2024-12-15', '2024-12-31'],
        ['2025-12-01', '2025-12-14'],
      ],
    })
  })

  it('reads a plan’s ten-year phase as whole years: calendar years alone, cut-off days with eleven months and two half months', () => {
    expect(splitByYear('2021-01-01', '2030-12-31')).toEqual({ years: ['2021-01-01', '2031-01-01'], months: [], edges: [] })
    expect(splitByYear('2020-12-15', '2030-12-14')).toEqual({
      years: ['2021-01-01', '2030-01-01'],
      months: [['2030-01-01', '2030-12-01']],
      edges: [
        ['2020-12-15', '2020-12-31'],
        ['2030-12-01', '2030-12-14'],
      ],
    })
  })
})
