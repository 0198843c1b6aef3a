import { describe, expect, it } from 'vitest'
import { folded, matchingProcedures, procedureCountLine, withFilter } from '../../admin-web/pages/catalogue/catalogue-model'

const procedures = [
  { code: '1.001193', name: 'Đăng ký khai sinh' },
  { code: '1.004227', name: 'Cấp giấy chứng nhận quyền sử dụng đất' },
  { code: '2.000748', name: 'Đăng ký kết hôn' },
]

describe('catalogue search', () => {
  it('folds case and Vietnamese marks, đ included', () => {
    expect(folded('Đăng Ký ĐẤT ĐAI')).toBe('dang ky dat dai')
  })

  it('finds procedures by name without marks, or by code', () => {
    expect(matchingProcedures(procedures, 'dang ky').map((p) => p.code)).toEqual(['1.001193', '2.000748'])
    expect(matchingProcedures(procedures, '  QUYỀN sử dụng ').map((p) => p.code)).toEqual(['1.004227'])
    expect(matchingProcedures(procedures, '1.0042').map((p) => p.code)).toEqual(['1.004227'])
    expect(matchingProcedures(procedures, 'ly hôn')).toEqual([])
    expect(matchingProcedures(procedures, '   ')).toHaveLength(3)
  })

  it('counts with Vietnamese thousands separators, and says how many match', () => {
    expect(procedureCountLine(1234, 1234)).toBe('1.234 thủ tục')
    expect(procedureCountLine(2, 1234)).toBe('2 trên 1.234 thủ tục khớp với tìm kiếm')
  })

  it('sets a filter in the URL and removes a blank one, leaving the others', () => {
    const current = new URLSearchParams('fieldId=3&q=dat')
    expect(withFilter(current, 'q', 'ho tich').toString()).toBe('fieldId=3&q=ho+tich')
    expect(withFilter(current, 'fieldId', '').toString()).toBe('q=dat')
    expect(current.toString()).toBe('fieldId=3&q=dat')
  })
})
