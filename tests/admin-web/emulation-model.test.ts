import { describe, expect, it } from 'vitest'
import { officialNameOf } from '../../admin-web/pages/counters/counters-model'
import { emulationRows } from '../../admin-web/pages/emulation/emulation-model'
import type { EmulationAnswer, EmulationRow } from '../../shared/officials-contract'

const row = (over: Partial<EmulationRow>): EmulationRow => ({
  kind: 'unit',
  id: 1,
  label: 'Phường Tứ Hạ',
  unitId: 1,
  surveyId: 1,
  surveyTitle: 'Đánh giá tại quầy',
  metric: 'tthc',
  responses: 40,
  rate: 0.975,
  ci95: [0.871, 0.995],
  target: 0.85,
  level: 'xuat_sac',
  levelLabel: 'Hoàn thành xuất sắc',
  ...over,
})

describe('the thi đua table', () => {
  it('puts units before officials and shows rate, interval and target in Vietnamese notation', () => {
    const answer: EmulationAnswer = {
      year: 2025,
      minResponses: 30,
      rule: '',
      rows: [
        row({ kind: 'official', label: 'Nguyễn Văn A (Quầy 1)', rate: 1, ci95: [0.886, 1] }),
        row({
          label: 'Xã Hương Toàn',
          responses: 10,
          rate: 1,
          ci95: [0.722, 1],
          level: 'chua_du_mau',
          levelLabel: 'Chưa đủ mẫu để xếp loại',
        }),
        row({
          label: 'Phường Hương Xuân',
          rate: 0.7,
          ci95: [0.546, 0.819],
          level: 'khong_hoan_thanh',
          levelLabel: 'Không hoàn thành',
          target: null,
        }),
      ],
    }
    const rows = emulationRows(answer)
    expect(rows.map((r) => [r.kind, r.label, r.tone])).toEqual([
      ['Đơn vị', 'Phường Hương Xuân', 'bad'],
      ['Đơn vị', 'Xã Hương Toàn', undefined],
      ['Công chức', 'Nguyễn Văn A (Quầy 1)', 'good'],
    ])
    expect(rows[0]!.rate).toBe('70,0%')
    expect(rows[0]!.interval).toBe('54,6% – 81,9%')
    expect(rows[0]!.target).toBe('—')
    expect(rows[2]!.target).toBe('≥ 85,0%')
  })
})

describe('an official added on the counters screen', () => {
  const data = (name: string) => {
    const form = new FormData()
    form.set('displayName', name)
    return form
  }
  it('tidies spaces and refuses a blank or over-long name', () => {
    expect(officialNameOf(data('  Nguyễn  Văn A –  công chức Tư pháp '))).toBe('Nguyễn Văn A – công chức Tư pháp')
    expect(officialNameOf(data('   '))).toBeUndefined()
    expect(officialNameOf(data('A'.repeat(121)))).toBeUndefined()
  })
})
