import { describe, expect, it } from 'vitest'
import {
  boardView,
  consolidatedView,
  currentPeriodKey,
  daysText,
  emptySectionTitles,
  periodOptions,
  planViewRows,
  submitState,
  targetText,
  yearOfKey,
  adHocKeyOf,
  adHocRangeOf,
  changeText,
  rangeOfChoice,
} from '../../admin-web/pages/reports/report-model'
import { sectionTitles, type BoardAnswer, type ConsolidatedAnswer } from '../../shared/reporting-contract'

describe('the reporting screens’ view models', () => {
  it('opens on the quarter whose days hold today, the next year’s Q1 from 15 December', () => {
    expect(currentPeriodKey('2025-09-14')).toBe('quy-2025-3')
    expect(currentPeriodKey('2025-09-15')).toBe('quy-2025-4')
    expect(currentPeriodKey('2025-12-15')).toBe('quy-2026-1')
    expect(currentPeriodKey('2026-01-01')).toBe('quy-2026-1')
    expect(yearOfKey('quy-2025-3')).toBe(2025)
    expect(yearOfKey('giai-doan-2021-2025')).toBe(2025)
    expect(yearOfKey('dot-xuat-2024-12-20-2025-01-10')).toBe(2025)
    expect(adHocKeyOf({ from: '2025-07-01', to: '2025-08-15' })).toBe('dot-xuat-2025-07-01-2025-08-15')
    expect(adHocRangeOf('dot-xuat-2025-07-01-2025-08-15')).toEqual({ from: '2025-07-01', to: '2025-08-15' })
    expect(adHocRangeOf('quy-2025-3')).toBeUndefined()
    expect(periodOptions(2025).map((p) => p.key)).toContain('9-thang-2025')
  })

  it('groups the board by report, latest first, and words days left or late', () => {
    const row = { unitId: 1, periodLabel: 'Quý III/2025', dueBefore: '2025-09-20', latestVersion: null }
    const board: BoardAnswer = {
      unitId: 9,
      year: 2025,
      today: '2025-09-22',
      rows: [
        {
          ...row,
          periodKey: 'quy-2025-2',
          periodLabel: 'Quý II/2025',
          dueBefore: '2025-06-20',
          unitName: 'Xã A',
          status: 'qua-han',
          statusLabel: 'Quá hạn chưa gửi',
          daysLeft: null,
          daysLate: 95,
        },
        {
          ...row,
          periodKey: 'quy-2025-3',
          unitName: 'Xã A',
          status: 'gui-muon',
          statusLabel: 'Gửi muộn',
          daysLeft: null,
          daysLate: 3,
          latestVersion: 1,
        },
        {
          ...row,
          periodKey: 'quy-2025-3',
          unitName: 'Xã B',
          status: 'dung-han',
          statusLabel: 'Đã gửi đúng hạn',
          daysLeft: null,
          daysLate: null,
          latestVersion: 2,
        },
      ],
    }
    const view = boardView(board)
    expect(view.groups.map((g) => [g.periodKey, g.deadline])).toEqual([
      ['quy-2025-3', 'Trước ngày 20/09/2025'],
      ['quy-2025-2', 'Trước ngày 20/06/2025'],
    ])
    expect(view.groups[0]!.rows.map((r) => [r.unitName, r.status, r.tone, r.days, r.version])).toEqual([
      ['Xã A', 'Gửi muộn', 'warn', 'Chậm 3 ngày', 'Lần 1'],
      ['Xã B', 'Đã gửi đúng hạn', 'good', '', 'Lần 2'],
    ])
    expect(view.summary).toBe('Quá hạn chưa gửi: 1 · Gửi muộn: 1 · Đã gửi đúng hạn: 1')
    expect(daysText({ daysLeft: 4, daysLate: null })).toBe('Còn 4 ngày')
  })

  it('reads every target row as đạt or chưa đạt with its interval, and warns when a recount differs', () => {
    const target = {
      scope: 'Toàn bộ lĩnh vực',
      value: 0.9,
      rate: 0.923,
      ci95: [0.901, 0.941] as [number, number],
      met: true,
      source: 'KH',
      responses: 300,
    }
    const answer: ConsolidatedAnswer = {
      unitId: 2,
      unitName: 'Thành phố Chí Linh',
      periodKey: 'quy-2025-3',
      periodLabel: 'Quý III/2025',
      survey: { id: 1, title: 'Phiếu nhanh' },
      own: {
        overall: { responses: 1200, rate: 0.95, ci95: [0.93, 0.96], sufficient: true },
        targets: [{ ...target, met: false, value: 0.96 }],
      },
      rows: [
        {
          unitId: 3,
          unitName: 'Phường Sao Đỏ',
          rank: 1,
          version: 2,
          submittedOn: '2025-09-19',
          frozen: { responses: 300, rate: 0.923, ci95: [0.901, 0.941], sufficient: true },
          targets: [target],
          live: { responses: 301, rate: 0.92, ci95: null, sufficient: true },
          differsFromLive: true,
        },
        {
          unitId: 4,
          unitName: 'Xã Lê Lợi',
          rank: null,
          version: null,
          submittedOn: null,
          frozen: null,
          targets: [],
          live: { responses: 10, rate: 0.9, ci95: null, sufficient: false },
          differsFromLive: false,
        },
      ],
      frozenTotals: { reports: 1, responses: 300 },
    }
    const view = consolidatedView(answer)
    expect(view.rows[0]).toMatchObject({
      rank: '1',
      sent: 'Lần 2 · 19/09/2025',
      responses: '300',
      rate: '92,3%',
      targets: ['Toàn bộ lĩnh vực ≥ 90,0%: Đạt (92,3%; khoảng tin cậy 95% 90,1% – 94,1%)'],
      warning: 'Số liệu hiện tại khác bản đã gửi: 301 phiếu, 92,0%',
    })
    expect(view.rows[1]).toMatchObject({ rank: '—', sent: 'Chưa gửi', rate: '—', warning: '' })
    expect(view.own.targets).toEqual(['Toàn bộ lĩnh vực ≥ 96,0%: Chưa đạt (92,3%; khoảng tin cậy 95% 90,1% – 94,1%)'])
    expect(view.totals).toBe('1/2 đơn vị đã gửi · 300 phiếu theo các báo cáo đã gửi')
    expect(targetText({ ...target, met: null, rate: null, ci95: null })).toBe(
      'Toàn bộ lĩnh vực ≥ 90,0%: Chưa đủ dữ liệu (—; khoảng tin cậy 95% —)',
    )
  })

  it('asks for a reason from the second submission on, and names the empty sections', () => {
    expect(submitState([])).toEqual({ label: 'Gửi báo cáo', needsReason: false })
    expect(submitState([{ version: 1 }])).toEqual({ label: 'Gửi lại (lần 2)', needsReason: true })
    expect(emptySectionTitles({ ketQua: 'Tốt', hanChe: ' ', nguyenNhan: '', deXuat: 'x' }, sectionTitles)).toEqual([
      'Hạn chế',
      'Nguyên nhân',
    ])
  })
})

describe('the whole-plan view model', () => {
  it('names the indicator, judges the target with its gap, and shows the final year’s distance', () => {
    const none = { responses: 0, rate: null, ci95: null }
    const rows = planViewRows({
      planId: 1,
      planTitle: 'KH',
      periodKey: 'quy-2025-3',
      periodLabel: 'Quý III/2025',
      previousLabel: 'Quý II/2025',
      lastYearLabel: 'Quý III/2024',
      rows: [
        {
          targetId: 7,
          unitId: 2,
          scope: 'Thành phố Chí Linh',
          metric: 'tthc',
          value: 0.96,
          surveyId: 3,
          surveyTitle: 'Phiếu nhanh',
          current: { responses: 1200, rate: 0.95, ci95: [0.936, 0.961], met: false, gapPoints: -1 },
          previous: { responses: 1100, rate: 0.94, ci95: null },
          lastYear: none,
          finalTarget: { year: 2030, value: 0.98, gapPoints: -3 },
          process: { dossiersReturned: 4000, dossiersOverdue: 40, responseRate: 0.3, onTimeRate: 0.99, realtimeIndex: 0.99 },
        },
        {
          targetId: 8,
          unitId: 2,
          scope: 'Thành phố Chí Linh',
          metric: 'dvc_truc_tuyen',
          value: 0.9,
          surveyId: null,
          surveyTitle: 'Chưa có phiếu khảo sát nào đo chỉ tiêu này',
          current: { ...none, met: null, gapPoints: null },
          previous: none,
          lastYear: none,
          finalTarget: null,
          process: null,
        },
      ],
    })
    expect(rows[0]).toMatchObject({
      metric: 'Hài lòng trong giải quyết TTHC',
      target: '≥ 96,0%',
      current: '95,0% (1.200 phiếu); khoảng tin cậy 95% 93,6% – 96,1%',
      verdict: 'Chưa đạt (−1,0 điểm)',
      previous: '94,0% (1.100 phiếu)',
      lastYear: '—',
      final: 'Năm 2030: ≥ 98,0% (hiện −3,0 điểm)',
      process: 'Tỷ lệ phản hồi 30,0% · Hồ sơ trả đúng hạn 99,0% · Chỉ số QĐ 766 (ước tính) 99,0%',
    })
    expect(rows[1]).toMatchObject({
      metric: 'Hài lòng với dịch vụ công trực tuyến',
      current: '—',
      verdict: 'Chưa đủ dữ liệu',
      final: '',
      process: '',
    })
  })
})

describe('the reports screen’s days and year over year', () => {
  it('turns a preset or an ad-hoc range into days, and refuses an incomplete one', () => {
    const base = { period: 'quy', year: '2025', index: '3', mode: 'cutoff', from: '', to: '' }
    expect(rangeOfChoice(base)).toEqual({ from: '2025-06-15', to: '2025-09-14' })
    expect(rangeOfChoice({ ...base, mode: 'calendar' })).toEqual({ from: '2025-07-01', to: '2025-09-30' })
    expect(rangeOfChoice({ ...base, year: '25' })).toBeNull()
    expect(rangeOfChoice({ ...base, period: 'khoang', from: '2021-01-01', to: '2030-12-31' })).toEqual({
      from: '2021-01-01',
      to: '2030-12-31',
    })
    expect(rangeOfChoice({ ...base, period: 'khoang', from: '2025-02-01', to: '2025-01-01' })).toBeNull()
    expect(rangeOfChoice({ ...base, period: 'khoang', from: '2025-02-30', to: '2025-03-01' })).toBeNull()
  })

  it('words the change in points, and a dash when a rate is withheld', () => {
    expect(changeText(0.935, 0.92)).toBe(`+1,5 điểm`)
    expect(changeText(0.9, 0.92)).toBe('−2,0 điểm')
    expect(changeText(null, 0.92)).toBe('—')
  })
})
