import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PeriodQuery, isValidDate, monthsBetween, periodLabel, periodRange } from '../../shared/periods'
import type { Period } from '../../shared/periods'

const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

describe('periodRange', () => {
  it.each<[Period, string, string]>([
    [{ kind: 'quy', year: 2022, index: 1, mode: 'cutoff' }, '2021-12-15', '2022-03-14'],
    [{ kind: 'quy', year: 2025, index: 4, mode: 'cutoff' }, '2025-09-15', '2025-12-14'],
    [{ kind: '6-thang', year: 2022, mode: 'cutoff' }, '2021-12-15', '2022-06-14'],
    [{ kind: '9-thang', year: 2022, mode: 'cutoff' }, '2021-12-15', '2022-09-14'],
    [{ kind: 'nam', year: 2022, mode: 'cutoff' }, '2021-12-15', '2022-12-14'],
    [{ kind: 'quy', year: 2025, index: 2, mode: 'cutoff', cutoffDay: 20 }, '2025-03-20', '2025-06-19'],
  ])('cuts %j off at %s .. %s', (period, from, to) => {
    expect(periodRange(period)).toEqual({ from, to })
  })

  it.each<[Period, string, string]>([
    [{ kind: 'quy', year: 2025, index: 3, mode: 'calendar' }, '2025-07-01', '2025-09-30'],
    [{ kind: 'quy', year: 2024, index: 1, mode: 'calendar' }, '2024-01-01', '2024-03-31'],
    [{ kind: 'quy', year: 2025, index: 4, mode: 'calendar' }, '2025-10-01', '2025-12-31'],
    [{ kind: '6-thang', year: 2025, mode: 'calendar' }, '2025-01-01', '2025-06-30'],
    [{ kind: '9-thang', year: 2025, mode: 'calendar' }, '2025-01-01', '2025-09-30'],
    [{ kind: 'nam', year: 2024, mode: 'calendar', cutoffDay: 20 }, '2024-01-01', '2024-12-31'],
  ])('runs the calendar period %j from %s to %s', (period, from, to) => {
    expect(periodRange(period)).toEqual({ from, to })
  })

  it('refuses a quarter without a valid index', () => {
    expect(() => periodRange({ kind: 'quy', year: 2025, mode: 'calendar' })).toThrow(RangeError)
    expect(() => periodRange({ kind: 'quy', year: 2025, index: 5, mode: 'cutoff' })).toThrow(RangeError)
  })

  it('tiles a year with its four quarters, in both modes and for any cut-off day', () => {
    const period = fc.record({
      year: fc.integer({ min: 2000, max: 2100 }),
      mode: fc.constantFrom<Period['mode']>('calendar', 'cutoff'),
      cutoffDay: fc.integer({ min: 2, max: 28 }),
    })
    fc.assert(
      fc.property(period, (p) => {
        const quarters = [1, 2, 3, 4].map((index) => periodRange({ kind: 'quy', index, ...p }))
        const year = periodRange({ kind: 'nam', ...p })
        expect(quarters[0]!.from).toBe(year.from)
        expect(quarters[3]!.to).toBe(year.to)
        for (let i = 1; i < 4; i += 1) expect(quarters[i]!.from).toBe(dayAfter(quarters[i - 1]!.to))
        expect(periodRange({ kind: '6-thang', ...p })).toEqual({ from: year.from, to: quarters[1]!.to })
        expect(periodRange({ kind: '9-thang', ...p })).toEqual({ from: year.from, to: quarters[2]!.to })
      }),
    )
  })
})

describe('periodLabel', () => {
  it.each<[Period, string]>([
    [{ kind: 'quy', year: 2025, index: 3, mode: 'calendar' }, 'Quý III/2025'],
    [{ kind: 'quy', year: 2025, index: 4, mode: 'calendar' }, 'Quý IV/2025'],
    [{ kind: '6-thang', year: 2025, mode: 'calendar' }, '6 tháng đầu năm 2025'],
    [{ kind: '9-thang', year: 2025, mode: 'calendar' }, '9 tháng năm 2025'],
    [{ kind: 'nam', year: 2025, mode: 'calendar' }, 'Năm 2025'],
    [{ kind: 'quy', year: 2022, index: 1, mode: 'cutoff' }, 'Quý I/2022 (15/12/2021 – 14/03/2022)'],
    [{ kind: 'nam', year: 2024, mode: 'cutoff', cutoffDay: 20 }, 'Năm 2024 (20/12/2023 – 19/12/2024)'],
  ])('names %j "%s"', (period, label) => {
    expect(periodLabel(period)).toBe(label)
  })
})

describe('PeriodQuery', () => {
  it('parses a query string into a period, coercing numbers', () => {
    const query = Object.fromEntries(new URLSearchParams('period=quy&year=2025&index=3&mode=cutoff'))
    expect(PeriodQuery.parse(query)).toEqual({ kind: 'quy', year: 2025, index: 3, mode: 'cutoff', cutoffDay: 15 })
  })

  it('defaults to the cut-off mode on the 15th and needs no index outside quarters', () => {
    expect(PeriodQuery.parse({ period: 'nam', year: '2024' })).toEqual({ kind: 'nam', year: 2024, mode: 'cutoff', cutoffDay: 15 })
    expect(PeriodQuery.parse({ period: '6-thang', year: '2024', index: '1', mode: 'calendar', cutoffDay: '10' })).toEqual({
      kind: '6-thang',
      year: 2024,
      index: 1,
      mode: 'calendar',
      cutoffDay: 10,
    })
  })

  it.each([
    [{ period: 'quy', year: '2025' }, 'index'],
    [{ period: 'quy', year: '2025', index: '5' }, 'index'],
    [{ period: 'quy', year: '2025', index: '' }, 'index'],
    [{ period: 'nam', year: '2025', index: '2' }, 'index'],
    [{ period: 'thang', year: '2025' }, 'period'],
    [{ period: 'nam', year: 'abc' }, 'year'],
    [{ period: 'nam', year: '2025.5' }, 'year'],
    [{ period: 'nam', year: '1999' }, 'year'],
    [{ period: 'nam', year: '2025', mode: 'weekly' }, 'mode'],
    [{ period: 'nam', year: '2025', cutoffDay: '31' }, 'cutoffDay'],
    [{ period: 'nam', year: '2025', cutoffDay: '1' }, 'cutoffDay'],
  ])('rejects %j on %s', (query, field) => {
    const result = PeriodQuery.safeParse(query)
    expect(result.success).toBe(false)
    expect(result.error!.issues.map((issue) => issue.path.join('.'))).toEqual([field])
  })
})

describe('monthsBetween', () => {
  it('lists the months a cut-off quarter touches, across the new year', () => {
    expect(monthsBetween('2021-12-15', '2022-03-14')).toEqual(['2021-12', '2022-01', '2022-02', '2022-03'])
  })

  it('lists one month for a range inside it and none for a reversed range', () => {
    expect(monthsBetween('2024-02-01', '2024-02-29')).toEqual(['2024-02'])
    expect(monthsBetween('2024-02-20', '2024-02-10')).toEqual([])
    expect(monthsBetween('2024-03-01', '2024-02-29')).toEqual([])
  })

  it('lists twelve months for a calendar year', () => {
    expect(monthsBetween('2025-01-01', '2025-12-31')).toHaveLength(12)
  })

  it('rejects dates that do not exist', () => {
    expect(() => monthsBetween('2023-02-29', '2023-03-01')).toThrow(RangeError)
    expect(() => monthsBetween('2023-01-01', '2023-13')).toThrow(RangeError)
  })
})

describe('isValidDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2025-12-31', '2025-01-01'])('accepts %s', (date) => {
    expect(isValidDate(date)).toBe(true)
  })

  it.each(['2023-02-29', '2100-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-01', '01/01/2025', ''])(
    'rejects "%s"',
    (date) => {
      expect(isValidDate(date)).toBe(false)
    },
  )
})
