import { describe, expect, it } from 'vitest'
import {
  confirmations,
  counterOf,
  latestVersionChoices,
  postersHref,
  renamed,
  servicePointOf,
} from '../../admin-web/pages/counters/counters-model'

const formData = (entries: [string, string][]) => {
  const data = new FormData()
  for (const [name, value] of entries) data.append(name, value)
  return data
}

describe('what the forms send', () => {
  it('a counter: ids as numbers, every field ticked, the chosen version', () => {
    const data = formData([
      ['servicePointId', '4'],
      ['name', 'Quầy 1 - Đất đai'],
      ['surveyVersionId', '12'],
      ['fieldIds', '2'],
      ['fieldIds', '5'],
    ])
    expect(counterOf(data)).toEqual({ servicePointId: 4, name: 'Quầy 1 - Đất đai', fieldIds: [2, 5], surveyVersionId: 12 })
  })

  it('a counter with no survey chosen and no field ticked', () => {
    const data = formData([
      ['servicePointId', '4'],
      ['name', 'Quầy 2'],
      ['surveyVersionId', ''],
    ])
    expect(counterOf(data)).toEqual({ servicePointId: 4, name: 'Quầy 2', fieldIds: [], surveyVersionId: null })
  })

  it('a service point with its unit and kind', () => {
    const data = formData([
      ['unitId', '7'],
      ['name', 'Bộ phận Một cửa phường Sao Đỏ'],
      ['kind', 'pvhcc'],
    ])
    expect(servicePointOf(data)).toEqual({ unitId: 7, name: 'Bộ phận Một cửa phường Sao Đỏ', kind: 'pvhcc' })
    expect(servicePointOf(formData([['unitId', '7']])).name).toBe('')
  })
})

describe('latestVersionChoices', () => {
  it('offers the latest version of each questionnaire that has one', () => {
    const surveys = [
      {
        title: 'Phiếu tại quầy',
        versions: [
          { id: 3, version: 1 },
          { id: 8, version: 2 },
        ],
      },
      { title: 'Phiếu chưa phát hành', versions: [] },
      { title: 'SIPAS', versions: [{ id: 5, version: 1 }] },
    ]
    expect(latestVersionChoices(surveys)).toEqual([
      { value: '8', label: 'Phiếu tại quầy — bản 2' },
      { value: '5', label: 'SIPAS — bản 1' },
    ])
  })
})

describe('wording and links', () => {
  it('prints the posters of the user’s unit, or of all for a user without one', () => {
    expect(postersHref(12)).toBe('/admin/posters?unitId=12')
    expect(postersHref(null)).toBe('/admin/posters')
  })

  it('warns before a change stops a QR code', () => {
    expect(confirmations.rotate('Quầy 1')).toBe('Đổi mã QR của "Quầy 1"? Mã đang dán tại quầy sẽ ngừng hoạt động; cần in áp phích mới.')
    expect(confirmations.deactivatePoint('Bộ phận A')).toContain('Mọi quầy của bộ phận sẽ không nhận đánh giá nữa.')
  })

  it('renames only to a new, non-blank name', () => {
    expect(renamed('  Quầy mới ', 'Quầy cũ')).toBe('Quầy mới')
    expect(renamed('Quầy cũ', 'Quầy cũ')).toBeUndefined()
    expect(renamed('   ', 'Quầy cũ')).toBeUndefined()
    expect(renamed(null, 'Quầy cũ')).toBeUndefined()
  })
})
