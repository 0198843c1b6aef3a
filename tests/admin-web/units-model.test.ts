import { describe, expect, it } from 'vitest'
import type { UnitOnDate } from '../../shared/admin-contract'
import {
  dateText,
  isIsoDate,
  labelOf,
  missingPredecessorIds,
  nameIn,
  requireChoice,
  unitDescription,
  unitTree,
  versionBody,
  versionChanges,
  versionQuestion,
  type UnitNode,
  type VersionValues,
} from '../../admin-web/pages/units/units-model'

let nextId = 1
function unit(name: string, parentId: number | null, more: Partial<UnitOnDate> = {}): UnitOnDate {
  const id = more.id ?? nextId++
  return {
    id,
    code: `U${id}`,
    versionId: id,
    name,
    level: 'xa',
    parentId,
    validFrom: '2025-07-01',
    validTo: null,
    predecessorIds: [],
    ...more,
  }
}
/** A tree as nested names, to compare at a glance. */
const shape = (nodes: UnitNode[]): unknown[] => nodes.map((n) => (n.children.length ? [n.unit.name, shape(n.children)] : n.unit.name))

describe('unitTree', () => {
  it('nests units under their parents, in the order the API lists them', () => {
    const tinh = unit('Tỉnh Hải Dương', null, { id: 100 })
    const units = [
      tinh,
      unit('Huyện Cẩm Giàng', 100, { id: 101 }),
      unit('Xã Cẩm Điền', 101),
      unit('Thành phố Hải Dương', 100),
      unit('Sở Tư pháp', null),
    ]
    expect(shape(unitTree(units))).toEqual([
      ['Tỉnh Hải Dương', [['Huyện Cẩm Giàng', ['Xã Cẩm Điền']], 'Thành phố Hải Dương']],
      'Sở Tư pháp',
    ])
  })

  it('draws a unit whose parent is not on the date as a root', () => {
    expect(shape(unitTree([unit('Phường Lê Thanh Nghị', 9_999)]))).toEqual(['Phường Lê Thanh Nghị'])
  })

  it('ends a loop in the data instead of drawing it forever', () => {
    const units = [unit('Gốc', null, { id: 200 }), unit('A', 200, { id: 201 }), unit('B', 201, { id: 202 }), unit('Vòng', 203, { id: 203 })]
    expect(shape(unitTree(units))).toEqual([['Gốc', [['A', ['B']]]]])
  })

  it('draws nothing for no units', () => {
    expect(unitTree([])).toEqual([])
  })
})

describe('unitDescription', () => {
  it('gives level, code and start date in dd/mm/yyyy', () => {
    expect(unitDescription(unit('X', null, { code: 'HD-CL', level: 'huyen', validFrom: '2024-01-15' }), String)).toBe(
      '· Huyện/Thị xã/Thành phố · mã HD-CL · từ 15/01/2024',
    )
  })

  it('ends on the day before validTo and names the predecessors', () => {
    const merged = unit('Xã mới', null, { code: 'XM', validFrom: '2025-07-01', validTo: '2026-01-01', predecessorIds: [7, 8] })
    const names = new Map([
      [7, 'Xã Cẩm Văn'],
      [8, 'Xã Cẩm Vũ'],
    ])
    expect(unitDescription(merged, (id) => names.get(id)!)).toBe(
      '· Xã/Phường/Thị trấn · mã XM · từ 01/07/2025 đến hết 31/12/2025 · kế thừa Xã Cẩm Văn, Xã Cẩm Vũ',
    )
  })
})

describe('names and dates', () => {
  it('asks for the names of predecessors neither on the date nor already known, once each', () => {
    const units = [unit('A', null, { id: 300, predecessorIds: [301, 5, 6] }), unit('B', null, { id: 301, predecessorIds: [5, 7] })]
    expect(missingPredecessorIds(units, new Map([[6, 'Đã biết']]))).toEqual([5, 7])
  })

  it('names a unit from a select value, or by its number when the list lacks it', () => {
    const units = [unit('Xã Cẩm Điền', null, { id: 400 })]
    expect(nameIn(units, '400')).toBe('Xã Cẩm Điền')
    expect(nameIn(units, '401')).toBe('đơn vị mã số 401')
    expect(labelOf({ name: 'Xã Cẩm Điền', code: 'CD' })).toBe('Xã Cẩm Điền (CD)')
  })

  it('shows a complete date as dd/mm/yyyy and anything else as typed', () => {
    expect(isIsoDate('2025-07-01')).toBe(true)
    expect(isIsoDate('01/07/2025')).toBe(false)
    expect(dateText('2025-07-01')).toBe('01/07/2025')
    expect(dateText('2025-07')).toBe('2025-07')
  })
})

describe('a new unit version', () => {
  const nameOf = (id: string) => ({ '1': 'Huyện Cẩm Giàng', '2': 'Thị xã Kinh Môn' })[id] ?? `đơn vị mã số ${id}`
  const keepAll: VersionValues = { unitId: '1', validFrom: '2025-07-01', name: '', level: '', parentId: 'keep' }

  it('words each change, a blank name and "keep" parent changing nothing', () => {
    expect(versionChanges(keepAll, nameOf)).toEqual([])
    expect(versionChanges({ ...keepAll, name: '  Thị xã Cẩm Giàng ', level: 'huyen', parentId: '2' }, nameOf)).toEqual([
      'đổi tên thành "Thị xã Cẩm Giàng"',
      'đổi cấp thành Huyện/Thị xã/Thành phố',
      'chuyển trực thuộc Thị xã Kinh Môn',
    ])
    expect(versionChanges({ ...keepAll, parentId: '' }, nameOf)).toEqual(['thành đơn vị cấp cao nhất'])
  })

  it('asks with the unit, the date and the changes, or says there are none', () => {
    expect(versionQuestion({ ...keepAll, level: 'tinh' }, nameOf)).toBe(
      'Huyện Cẩm Giàng từ ngày 01/07/2025: đổi cấp thành Tỉnh. Cây đơn vị trước ngày này giữ nguyên; phiên bản mới không xóa được. Ghi phiên bản mới?',
    )
    expect(versionQuestion({ ...keepAll, validFrom: '' }, nameOf)).toMatch(/^Huyện Cẩm Giàng: không có thay đổi\. /)
  })

  it('sends only what changes; "" as parent makes the unit a root', () => {
    expect(versionBody(keepAll)).toEqual({ validFrom: '2025-07-01' })
    expect(versionBody({ ...keepAll, name: 'Tên mới', level: 'xa', parentId: '2' })).toEqual({
      validFrom: '2025-07-01',
      name: 'Tên mới',
      level: 'xa',
      parentId: 2,
    })
    expect(versionBody({ ...keepAll, parentId: '' })).toEqual({ validFrom: '2025-07-01', parentId: null })
  })
})

describe('requireChoice', () => {
  it('asks for each select left on its placeholder, in lower case', () => {
    const labels = { unitId: 'Đơn vị kế thừa', predecessorId: 'Đơn vị tiền thân', effectiveOn: 'Kế thừa từ ngày' }
    expect(requireChoice({ unitId: '', predecessorId: '', effectiveOn: '' }, labels, 'unitId', 'predecessorId')).toEqual({
      unitId: 'Hãy chọn đơn vị kế thừa.',
      predecessorId: 'Hãy chọn đơn vị tiền thân.',
    })
    expect(requireChoice({ unitId: '3', predecessorId: '4', effectiveOn: '' }, labels, 'unitId', 'predecessorId')).toEqual({})
  })
})
