import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  boardCellOf,
  comparisonRanges,
  dueReportOf,
  parsePeriodKey,
  periodKeyOf,
  previousPeriod,
  recipientLabel,
  reportingCalendar,
  samePeriodLastYear,
  shiftDays,
  shiftYears,
  subordinatesOn,
  supervisorOn,
  type UnitVersionFact,
} from '../../shared/reporting-calendar'

describe('the reporting calendar of a plan', () => {
  it('cuts the 2022 periods of tỉnh Hải Dương from the 15th to the 14th', () => {
    const byKey = Object.fromEntries(reportingCalendar({ year: 2022, reporterLevel: 'huyen' }).map((r) => [r.key, r]))
    expect([byKey['quy-2022-1']!.from, byKey['quy-2022-1']!.to]).toEqual(['2021-12-15', '2022-03-14'])
    expect([byKey['6-thang-2022']!.from, byKey['6-thang-2022']!.to]).toEqual(['2021-12-15', '2022-06-14'])
    expect([byKey['quy-2022-3']!.from, byKey['quy-2022-3']!.to]).toEqual(['2022-06-15', '2022-09-14'])
    expect([byKey['9-thang-2022']!.from, byKey['9-thang-2022']!.to]).toEqual(['2021-12-15', '2022-09-14'])
    expect([byKey['nam-2022']!.from, byKey['nam-2022']!.to]).toEqual(['2021-12-15', '2022-12-14'])
  })

  it('lists the reports in deadline order, the quarter before the longer report due the same day', () => {
    expect(reportingCalendar({ year: 2025, reporterLevel: 'xa' }).map((r) => `${r.key} ${r.dueBefore}`)).toEqual([
      'quy-2025-1 2025-03-20',
      'quy-2025-2 2025-06-20',
      '6-thang-2025 2025-06-20',
      'quy-2025-3 2025-09-20',
      '9-thang-2025 2025-09-20',
      'quy-2025-4 2025-12-20',
      'nam-2025 2025-12-20',
    ])
  })

  it('gives the province until the 25th and lower levels until the 20th', () => {
    const q3 = { kind: 'quy', year: 2025, index: 3 } as const
    expect(dueReportOf(q3, 'tinh').dueBefore).toBe('2025-09-25')
    expect(dueReportOf(q3, 'huyen').dueBefore).toBe('2025-09-20')
    expect(dueReportOf(q3, 'co_quan').deadlineLabel).toBe('Trước ngày 20/09/2025')
    expect(dueReportOf(q3, 'xa').label).toBe('Quý III/2025 (15/06/2025 – 14/09/2025)')
  })

  it('keeps only the kinds a plan asks for, and the phase report in the phase’s last year', () => {
    const kinds = ['quy', 'nam', 'giai-doan'] as const
    const phase = { fromYear: 2021, toYear: 2025 }
    expect(reportingCalendar({ year: 2024, kinds, phase, reporterLevel: 'huyen' }).map((r) => r.key)).toEqual([
      'quy-2024-1',
      'quy-2024-2',
      'quy-2024-3',
      'quy-2024-4',
      'nam-2024',
    ])
    const last = reportingCalendar({ year: 2025, kinds, phase, reporterLevel: 'huyen' })
    const report = last.find((r) => r.key === 'giai-doan-2021-2025')!
    expect([report.from, report.to, report.dueBefore]).toEqual(['2020-12-15', '2025-12-14', '2025-12-20'])
    expect(report.label).toBe('Giai đoạn 2021–2025 (15/12/2020 – 14/12/2025)')
  })

  it('reads back every key it writes and refuses anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({
            kind: fc.constant('quy' as const),
            year: fc.integer({ min: 2000, max: 2100 }),
            index: fc.integer({ min: 1, max: 4 }),
          }),
          fc.record({
            kind: fc.constantFrom('6-thang' as const, '9-thang' as const, 'nam' as const),
            year: fc.integer({ min: 2000, max: 2100 }),
          }),
          fc
            .tuple(fc.integer({ min: 2000, max: 2091 }), fc.integer({ min: 1, max: 9 }))
            .map(([fromYear, extra]) => ({ kind: 'giai-doan' as const, fromYear, year: fromYear + extra })),
        ),
        (period) => {
          expect(parsePeriodKey(periodKeyOf(period))).toEqual(period)
        },
      ),
      { seed: 13, numRuns: 300 },
    )
    for (const bad of [
      'quy-2025-5',
      'quy-2025',
      'nam-1999',
      'giai-doan-2025-2021',
      'giai-doan-2021-2021',
      'giai-doan-2000-2030',
      'x',
      '',
    ]) {
      expect(parsePeriodKey(bad), bad).toBeUndefined()
    }
  })
})

// Before 1 July 2025 Sao Đỏ sits under TP Chí Linh; from then on, under the province (two levels).
const tree: UnitVersionFact[] = [
  { unitId: 1, name: 'Tỉnh Hải Dương (demo)', level: 'tinh', parentId: null, validFrom: '2008-08-01', validTo: null },
  { unitId: 2, name: 'Thành phố Chí Linh', level: 'huyen', parentId: 1, validFrom: '2019-01-10', validTo: '2025-07-01' },
  { unitId: 3, name: 'Phường Sao Đỏ', level: 'xa', parentId: 2, validFrom: '2019-01-10', validTo: '2025-07-01' },
  { unitId: 3, name: 'Phường Chu Văn An', level: 'xa', parentId: 1, validFrom: '2025-07-01', validTo: null },
  { unitId: 4, name: 'Xã Lê Lợi', level: 'xa', parentId: 2, validFrom: '2019-01-10', validTo: '2025-07-01' },
]

describe('who reports to whom', () => {
  it('follows the tree on the period’s last day across the 2025 reform', () => {
    const q2 = dueReportOf({ kind: 'quy', year: 2025, index: 2 }, 'xa')
    const q3 = dueReportOf({ kind: 'quy', year: 2025, index: 3 }, 'xa')
    expect(supervisorOn(tree, 3, q2.to)?.name).toBe('Thành phố Chí Linh')
    expect(supervisorOn(tree, 3, q3.to)?.name).toBe('Tỉnh Hải Dương (demo)')
    expect(supervisorOn(tree, 1, q3.to)).toBeNull()
    expect(supervisorOn(tree, 4, q3.to)).toBeUndefined()
    expect(subordinatesOn(tree, 2, q2.to).map((v) => v.unitId)).toEqual([3, 4])
    expect(subordinatesOn(tree, 2, q3.to)).toEqual([])
    expect(subordinatesOn(tree, 1, q3.to).map((v) => v.name)).toEqual(['Phường Chu Văn An'])
  })

  it('names the recipient as the plans do', () => {
    expect(recipientLabel(tree[1]!)).toBe('UBND Thành phố Chí Linh (qua Phòng Nội vụ)')
    expect(recipientLabel(tree[0]!)).toBe('UBND Tỉnh Hải Dương (qua Sở Nội vụ)')
    expect(recipientLabel(null)).toBe('Bộ Nội vụ')
  })
})

describe('the deadline board', () => {
  const dueBefore = '2025-09-20'
  it('counts days left before the deadline, for a draft or nothing yet', () => {
    expect(boardCellOf({ dueBefore, today: '2025-09-15', firstSubmittedOn: null, hasDraft: false })).toEqual({
      status: 'chua-bat-dau',
      daysLeft: 5,
      daysLate: null,
    })
    expect(boardCellOf({ dueBefore, today: '2025-09-19', firstSubmittedOn: null, hasDraft: true })).toEqual({
      status: 'ban-nhap',
      daysLeft: 1,
      daysLate: null,
    })
  })

  it('turns overdue on the deadline day, across the month and year boundary', () => {
    expect(boardCellOf({ dueBefore, today: '2025-09-20', firstSubmittedOn: null, hasDraft: true })).toEqual({
      status: 'qua-han',
      daysLeft: null,
      daysLate: 1,
    })
    expect(boardCellOf({ dueBefore: '2025-12-20', today: '2026-01-02', firstSubmittedOn: null, hasDraft: false }).daysLate).toBe(14)
  })

  it('judges a sent report by its first submission', () => {
    expect(boardCellOf({ dueBefore, today: '2025-10-30', firstSubmittedOn: '2025-09-19', hasDraft: false }).status).toBe('dung-han')
    expect(boardCellOf({ dueBefore, today: '2025-09-21', firstSubmittedOn: '2025-09-20', hasDraft: false })).toEqual({
      status: 'gui-muon',
      daysLeft: null,
      daysLate: 1,
    })
  })
})

describe('the periods a report compares with', () => {
  it('steps back a quarter across the year, and a year for the longer reports', () => {
    expect(previousPeriod({ kind: 'quy', year: 2025, index: 1 })).toEqual({ kind: 'quy', year: 2024, index: 4 })
    expect(previousPeriod({ kind: 'quy', year: 2025, index: 3 })).toEqual({ kind: 'quy', year: 2025, index: 2 })
    expect(previousPeriod({ kind: '9-thang', year: 2025 })).toEqual({ kind: '9-thang', year: 2024 })
    expect(samePeriodLastYear({ kind: 'quy', year: 2025, index: 3 })).toEqual({ kind: 'quy', year: 2024, index: 3 })
    expect(samePeriodLastYear({ kind: 'giai-doan', fromYear: 2026, year: 2030 })).toEqual({ kind: 'giai-doan', fromYear: 2021, year: 2025 })
  })
})

describe('ad-hoc ranges', () => {
  it('compares with the equally long range before and the same days a year earlier', () => {
    expect(comparisonRanges({ from: '2025-06-15', to: '2025-09-14' })).toEqual({
      previous: { from: '2025-03-15', to: '2025-06-14' },
      lastYear: { from: '2024-06-15', to: '2024-09-14' },
    })
    expect(comparisonRanges({ from: '2024-02-29', to: '2024-03-31' }).lastYear).toEqual({ from: '2023-02-28', to: '2023-03-31' })
    expect(shiftDays('2025-01-01', -1)).toBe('2024-12-31')
    expect(shiftYears('2025-03-01', -1)).toBe('2024-03-01')
  })
})
