import { describe, expect, it } from 'vitest'
import { emptyPlan, newPlanOf } from '../../admin-web/pages/targets/plan-model'

const typed = {
  number: ' 125/KH-UBND ',
  title: 'Kế hoạch cải cách hành chính năm 2025',
  issuer: 'UBND tỉnh Hải Dương',
  issuedOn: '30/12/2024',
  unitId: '7',
}

describe('newPlanOf', () => {
  it('makes the request from the typed values: trimmed text, the date as ISO, the unit as a number', () => {
    expect(newPlanOf(typed)).toEqual({
      plan: {
        number: '125/KH-UBND',
        title: 'Kế hoạch cải cách hành chính năm 2025',
        issuer: 'UBND tỉnh Hải Dương',
        issuedOn: '2024-12-30',
        unitId: 7,
      },
    })
  })

  it('names every missing field in Vietnamese, the unit included', () => {
    const { errors } = newPlanOf(emptyPlan)
    expect(Object.keys(errors ?? {}).sort()).toEqual(['issuedOn', 'issuer', 'number', 'title', 'unitId'])
  })

  it('says how to type a date that is not dd/mm/yyyy, or is no real day', () => {
    expect(newPlanOf({ ...typed, issuedOn: '2024-12-30' }).errors).toEqual({ issuedOn: 'Nhập ngày dạng dd/mm/yyyy, ví dụ 31/12/2025.' })
    expect(newPlanOf({ ...typed, issuedOn: '31/02/2025' }).errors).toEqual({ issuedOn: 'Nhập ngày dạng dd/mm/yyyy, ví dụ 31/12/2025.' })
  })
})
