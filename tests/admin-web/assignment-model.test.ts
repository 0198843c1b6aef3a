import { describe, expect, it } from 'vitest'
import {
  assignQuestion,
  counterNote,
  inTreeOrder,
  refusalOf,
  subtreeOf,
  targetsOf,
  versionNamesOf,
} from '../../admin-web/pages/surveys/assignment-model'

// Tỉnh 1 ─ huyện 2 ─ xã 4, xã 5 (listed before its parent) ; tỉnh 1 ─ huyện 3 ; an orphan 6 whose parent is not listed.
const units = [
  { id: 5, parentId: 2, name: 'Xã 5' },
  { id: 1, parentId: null, name: 'Tỉnh' },
  { id: 2, parentId: 1, name: 'Huyện 2' },
  { id: 3, parentId: 1, name: 'Huyện 3' },
  { id: 4, parentId: 2, name: 'Xã 4' },
  { id: 6, parentId: 99, name: 'Mồ côi' },
]
const counters = [
  { id: 10, unitId: 4, surveyVersionId: 7 },
  { id: 11, unitId: 5, surveyVersionId: null },
  { id: 12, unitId: 3, surveyVersionId: 7 },
  { id: 13, unitId: 6, surveyVersionId: 8 },
]

describe('the unit tree', () => {
  it('finds a unit’s whole subtree whatever order the units are listed in', () => {
    expect([...subtreeOf(units, 2)].sort()).toEqual([2, 4, 5])
    expect([...subtreeOf(units, 1)].sort()).toEqual([1, 2, 3, 4, 5])
    expect([...subtreeOf(units, 6)]).toEqual([6])
  })

  it('lists units parent first with their depth, orphans as roots', () => {
    expect(inTreeOrder(units).map(({ unit, depth }) => `${depth}:${unit.id}`)).toEqual(['0:1', '1:2', '2:5', '2:4', '1:3', '0:6'])
  })
})

describe('targetsOf / refusalOf', () => {
  it('reaches the counters ticked, or every counter of the unit’s subtree', () => {
    expect(targetsOf('counters', counters, [12, 13], units, 2).map((c) => c.id)).toEqual([12, 13])
    expect(targetsOf('unit', counters, [12], units, 2).map((c) => c.id)).toEqual([10, 11])
    expect(targetsOf('unit', counters, [12], units, 0)).toEqual([])
  })

  it('refuses no counter, no unit, and a unit without counters, at the input concerned', () => {
    expect(refusalOf('counters', 0, 0, undefined)).toEqual({ counterIds: 'Chọn ít nhất một quầy.' })
    expect(refusalOf('unit', 0, 0, undefined)).toEqual({ unitId: 'Chọn một đơn vị.' })
    expect(refusalOf('unit', 0, 3, 'Huyện 3')).toEqual({ unitId: 'Huyện 3 và các đơn vị trực thuộc chưa có quầy nào.' })
    expect(refusalOf('unit', 2, 2, 'Huyện 2')).toBeUndefined()
    expect(refusalOf('counters', 1, 0, undefined)).toBeUndefined()
  })
})

describe('wording', () => {
  it('counts the counters that switch and those already on the version', () => {
    const targets = counters.slice(0, 3)
    expect(assignQuestion({ version: 2, title: 'Phiếu quầy', targets, versionId: 7 })).toBe(
      'Gán phiên bản 2 của “Phiếu quầy” cho 3 quầy?\n\n1 quầy sẽ đổi sang phiếu này ngay từ lượt đánh giá tiếp theo; 2 quầy đã dùng phiên bản này từ trước.',
    )
    expect(assignQuestion({ version: 3, title: 'Phiếu quầy', targets: counters.slice(0, 2), versionId: 9, unitName: 'Huyện 2' })).toBe(
      'Gán phiên bản 3 của “Phiếu quầy” cho 2 quầy của Huyện 2 và các đơn vị trực thuộc?\n\n2 quầy sẽ đổi sang phiếu này ngay từ lượt đánh giá tiếp theo.',
    )
  })

  it('says what a counter serves now, and whether it is stopped', () => {
    const names = versionNamesOf([{ code: 'QUAY', versions: [{ id: 7, version: 2 }] }])
    expect(counterNote({ surveyVersionId: 7, isActive: true }, names)).toBe(' — đang dùng QUAY bản 2')
    expect(counterNote({ surveyVersionId: 8, isActive: true }, names)).toBe(' — đang dùng phiếu khác')
    expect(counterNote({ surveyVersionId: null, isActive: false }, names)).toBe(' — chưa gán phiếu (ngừng hoạt động)')
  })
})
