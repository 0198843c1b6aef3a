import { describe, expect, it } from 'vitest'
import {
  checkTarget,
  describeTarget,
  fieldNamesOf,
  formatTarget,
  initialTargetValues,
  withField,
  withPeriod,
  withYear,
  yearOf,
  yearsOfPlan,
  type TargetValues,
} from '../../admin-web/pages/targets/target-model'

const fields = [
  { id: 1, name: 'Đất đai' },
  { id: 2, name: 'Xây dựng' },
  { id: 3, name: 'Đầu tư' },
]
/** The Chí Linh 2025 row: land + construction + investment, at least 87.5%. */
const chiLinh: TargetValues = {
  unitId: '5',
  metric: 'tthc',
  fieldIds: [1, 2, 3],
  year: '2025',
  periodStart: '01/01/2025',
  periodEnd: '31/12/2025',
  value: '87,5',
}

describe('formatTarget', () => {
  it('writes a target as the plans do, with a decimal comma', () => {
    expect(formatTarget(96)).toBe('≥ 96%')
    expect(formatTarget(87.5)).toBe('≥ 87,5%')
    expect(formatTarget(99.25)).toBe('≥ 99,25%')
  })
})

describe('the period', () => {
  it('picking a year fills both dates; "Tự chọn ngày" leaves the dates as typed', () => {
    const blank = initialTargetValues(null)
    expect(withYear(blank, '2026')).toMatchObject({ year: '2026', periodStart: '01/01/2026', periodEnd: '31/12/2026' })
    expect(withYear(chiLinh, '')).toMatchObject({ year: '', periodStart: '01/01/2025', periodEnd: '31/12/2025' })
  })

  it('a date typed by hand keeps the year choice only while the dates span that whole year', () => {
    expect(withPeriod(chiLinh, { periodEnd: '30/06/2025' }).year).toBe('')
    expect(withPeriod({ ...chiLinh, year: '', periodEnd: '30/06/2025' }, { periodEnd: '31/12/2025' }).year).toBe('2025')
    expect(yearOf('1/1/2025', '31/12/2025')).toBe('')
  })

  it('offers twelve years from the one before the plan was issued', () => {
    const years = yearsOfPlan('2025-02-14')
    expect(years).toHaveLength(12)
    expect([years[0], years.at(-1)]).toEqual(['2024', '2035'])
  })
})

describe('withField', () => {
  it('ticks and unticks one field of the pool', () => {
    expect(withField(initialTargetValues(3), 2, true).fieldIds).toEqual([2])
    expect(withField(chiLinh, 2, false).fieldIds).toEqual([1, 3])
  })

  it('starts from the plan’s unit, the TTHC metric and nothing typed', () => {
    expect(initialTargetValues(7)).toEqual({
      unitId: '7',
      metric: 'tthc',
      fieldIds: [],
      year: '',
      periodStart: '',
      periodEnd: '',
      value: '',
    })
    expect(initialTargetValues(null).unitId).toBe('')
  })
})

describe('checkTarget', () => {
  it('turns the typed row into the request: ISO dates, the percent as a number', () => {
    expect(checkTarget(9, chiLinh)).toEqual({
      data: {
        planId: 9,
        unitId: 5,
        metric: 'tthc',
        fieldIds: [1, 2, 3],
        periodStart: '2025-01-01',
        periodEnd: '2025-12-31',
        valuePercent: 87.5,
      },
    })
  })

  it('asks for a number when the value is not one, and for dd/mm/yyyy when a date is not a real day', () => {
    const result = checkTarget(9, { ...chiLinh, value: 'chín mươi', periodStart: '31/02/2025', periodEnd: '2025-12-31' })
    expect(result).toEqual({
      errors: expect.objectContaining({
        valuePercent: 'Nhập số phần trăm, ví dụ 96 hoặc 87,5.',
        periodStart: 'Nhập ngày dạng dd/mm/yyyy, ví dụ 31/12/2025.',
        periodEnd: 'Nhập ngày dạng dd/mm/yyyy, ví dụ 31/12/2025.',
      }),
    })
  })

  it('reports the schema’s own issues by field: a missing unit, more than two decimals', () => {
    const result = checkTarget(9, { ...chiLinh, unitId: '', value: '96,125' })
    expect('errors' in result && Object.keys(result.errors).sort()).toEqual(['unitId', 'valuePercent'])
    expect('errors' in result && result.errors.valuePercent).toBe('Tối đa hai chữ số thập phân.')
  })

  it('refuses a period that ends before it starts, at the end date', () => {
    expect(checkTarget(9, { ...chiLinh, periodStart: '01/07/2025', periodEnd: '30/06/2025' })).toEqual({
      errors: { periodEnd: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.' },
    })
  })
})

describe('describeTarget', () => {
  it('names the pooled fields, the unit and the period in one line', () => {
    const target = {
      id: 1,
      planId: 9,
      unitId: 5,
      metric: 'tthc' as const,
      fieldIds: [1, 3],
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      valuePercent: 87.5,
      setByUnitId: null,
    }
    const line = describeTarget(target, fields, (id) => `Đơn vị ${id}`)
    expect(line).toMatch(/^≥ 87,5% — .+ \(Đất đai \+ Đầu tư\), Đơn vị 5, 01\/01\/2025 – 31\/12\/2025$/)
  })

  it('says "Mọi lĩnh vực" for no field, and a field’s number when it is unknown', () => {
    expect(fieldNamesOf([], fields)).toBe('Mọi lĩnh vực')
    expect(fieldNamesOf([2, 42], fields)).toBe('Xây dựng + Lĩnh vực số 42')
  })
})
