import { handlingVerdict } from '../../shared/feedback-contract'
import { formatCount, formatInterval, formatPercent, formatPoints } from '../../shared/format'
import type { GroupOut } from '../stats/groups'
import type { PlanViewAnswer } from '../../shared/reporting-contract'
import type { PeriodicReport } from './service'

/** The report as plain blocks, rendered twice (printable page, DOCX) from this one source. */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; headers: string[]; rows: string[][]; numeric: number[] }

/** A calendar day in Vietnam time, for the line "Chí Linh, ngày 22 tháng 11 năm 2026". */
export type LocalDay = { day: number; month: number; year: number }

const levelWords = /^(Tỉnh|Thành phố|Thị xã|Huyện|Quận|Phường|Xã|Thị trấn|Đặc khu)\s+/i

/** "Thành phố Chí Linh" → "Chí Linh", for the place before the date. */
export const placeOf = (unitName: string) => unitName.replace(levelWords, '').replace(/\s*\(demo\)$/, '')
export const authorityOf = (unitName: string) => `UBND ${unitName.replace(/\s*\(demo\)$/, '')}`.toLocaleUpperCase('vi')

const rateCell = (g: GroupOut) => (g.rate === null ? (g.responses > 0 ? 'không công bố (dưới 5 phiếu)' : '—') : formatPercent(g.rate))
const sampleNote = (g: GroupOut) => (g.sufficient ? '' : ' (không đủ mẫu)')

function groupTable(groups: GroupOut[], nameHeader: string): Block {
  return {
    kind: 'table',
    headers: [nameHeader, 'Số phiếu', 'Tỷ lệ hài lòng', 'Khoảng tin cậy 95%', 'Chỉ tiêu'],
    rows: groups.map((g) => [
      `${g.label}${sampleNote(g)}`,
      formatCount(g.responses),
      rateCell(g),
      formatInterval(g.ci95),
      g.targets[0]
        ? `≥ ${formatPercent(g.targets[0].value)} · ${g.targets[0].met === null ? '—' : g.targets[0].met ? 'Đạt' : 'Chưa đạt'}`
        : '—',
    ]),
    numeric: [1, 2],
  }
}

function questionRows(report: PeriodicReport): string[][] {
  const byKey = new Map(report.byQuestion.map((g) => [g.key, g]))
  const definition = report.definition
  if (!definition) return []
  const row = (label: string, key: string) => {
    const g = byKey.get(key)
    const item = g?.items.find((i) => i.key === key)
    return [label, formatCount(item?.valid ?? 0), formatPercent(item?.rate ?? null)]
  }
  if (definition.aspects.length === 0) {
    return definition.questions.filter((q) => q.type === 'scale' && byKey.has(q.key)).map((q) => row(q.label, q.key))
  }
  return definition.aspects.flatMap((aspect) => [
    [aspect.label, '', ''],
    ...definition.questions.filter((q) => q.aspect === aspect.key && byKey.has(q.key)).map((q) => row(`– ${q.label}`, q.key)),
  ])
}

/** The flag reasons as the report names them. */
export const flagReasonNames: Record<string, string> = {
  honeypot: 'điền vào ô ẩn',
  no_form: 'không gửi từ phiếu đã mở tại quầy',
  too_fast: 'gửi quá nhanh',
  repeat_device: 'một thiết bị đánh giá lặp lại',
  burst: 'dồn dập tại một quầy',
  busy_day: 'vượt số hồ sơ trong ngày',
  outside_hours: 'ngoài giờ làm việc',
}

const romans = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII']

/** What a report adds to the figures: the whole-plan rows and, for a report sent up, its text as sent. */
export type ReportExtras = { plan?: PlanViewAnswer | null; text?: { title: string; blocks: Block[] } }

/** The sections of the report, numbered I, II, … in order. */
export function reportBlocks(report: PeriodicReport, extras: ReportExtras = {}): Block[] {
  const o = report.overall
  const setApart = report.setApart
  const why = Object.entries(setApart.byReason)
    .map(([reason, n]) => `${flagReasonNames[reason] ?? reason}: ${formatCount(n)}`)
    .join('; ')
  const process = processBlocks(o)
  const sections: [string, Block[]][] = [
    [
      'KẾT QUẢ CHUNG',
      [
        {
          kind: 'paragraph',
          text:
            `Trong kỳ báo cáo ${report.periodLabel}, ${report.unitName} nhận được ${formatCount(o.responses)} phiếu đánh giá ` +
            `theo mẫu "${report.survey.title}"; tỷ lệ hài lòng đạt ${formatPercent(o.rate)} ` +
            `(khoảng tin cậy 95%: ${formatInterval(o.ci95)}).` +
            (o.sufficient ? '' : ' Số phiếu dưới 30, chưa đủ mẫu để kết luận.') +
            (setApart.total > 0
              ? ` Có ${formatCount(setApart.total)} phiếu bị gắn cờ bất thường, được loại khỏi số liệu và lưu để kiểm tra (lý do: ${why}).`
              : ' Không có phiếu nào bị loại khỏi số liệu.'),
        },
      ],
    ],
    [
      'ĐỐI CHIẾU VỚI CHỈ TIÊU KẾ HOẠCH',
      [
        report.targets.length === 0
          ? { kind: 'paragraph', text: 'Kỳ báo cáo không có chỉ tiêu áp dụng cho đơn vị.' }
          : {
              kind: 'table',
              headers: ['Phạm vi', 'Chỉ tiêu', 'Kết quả', 'Số phiếu', 'Đánh giá', 'Căn cứ'],
              rows: report.targets.map((t) => [
                t.scope,
                `≥ ${formatPercent(t.value)}`,
                formatPercent(t.rate),
                formatCount(t.responses),
                t.met === null
                  ? '—'
                  : `${t.met ? 'Đạt' : 'Chưa đạt'}${t.rate === null ? '' : ` (${formatPoints(Math.round((t.rate - t.value) * 1000) / 10)})`}`,
                t.source,
              ]),
              numeric: [1, 2, 3],
            },
      ],
    ],
    ...(process ? [['CHỈ SỐ QUÁ TRÌNH THEO SỐ LIỆU HỒ SƠ', process] as [string, Block[]]] : []),
    ['KẾT QUẢ THEO LĨNH VỰC', [groupTable(report.byField, 'Lĩnh vực')]],
    ['KẾT QUẢ THEO ĐƠN VỊ', [groupTable(report.byUnit, 'Đơn vị')]],
    [
      report.definition?.aspects.length ? 'KẾT QUẢ THEO KHÍA CẠNH' : 'KẾT QUẢ THEO NỘI DUNG ĐÁNH GIÁ',
      [{ kind: 'table', headers: ['Nội dung', 'Số ý kiến hợp lệ', 'Tỷ lệ hài lòng'], rows: questionRows(report), numeric: [1, 2] }],
    ],
    ['TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ', feedbackBlocks(report)],
    ...(extras.plan === undefined ? [] : [['TOÀN BỘ CHỈ TIÊU CỦA KẾ HOẠCH', planBlocks(extras.plan)] as [string, Block[]]]),
    ...(extras.text ? [[extras.text.title, extras.text.blocks] as [string, Block[]]] : []),
    [
      'GHI CHÚ PHƯƠNG PHÁP',
      [
        {
          kind: 'paragraph',
          text:
            'Tỷ lệ hài lòng = số ý kiến "Hài lòng" và "Rất hài lòng" / số ý kiến hợp lệ, không tính "Không có ý kiến / Không áp dụng"; ' +
            'tỷ lệ của nhóm lĩnh vực tính trên số phiếu gộp, không lấy bình quân các tỷ lệ. Khoảng tin cậy 95% theo phương pháp Wilson. ' +
            'Nhóm dưới 30 phiếu ghi "không đủ mẫu"; nhóm dưới 5 phiếu không công bố tỷ lệ.' +
            (process
              ? ' Chỉ số quá trình tính từ số liệu hồ sơ nhập từ hệ thống một cửa, là các chỉ số riêng, không gộp và không so sánh với tỷ lệ hài lòng khảo sát.'
              : ''),
        },
      ],
    ],
  ]
  return sections.flatMap(([title, blocks], i) => [{ kind: 'heading', text: `${romans[i]}. ${title}` } as Block, ...blocks])
}

const rateWithN = (f: { responses: number; rate: number | null }, unit: string) =>
  f.rate === null
    ? f.responses > 0
      ? `không công bố (${formatCount(f.responses)} ${unit})`
      : '—'
    : `${formatPercent(f.rate)} (${formatCount(f.responses)} ${unit})`

/** Every target of the plan the unit follows: the result with its interval and verdict, earlier periods, the final year. */
export function planBlocks(plan: PlanViewAnswer | null): Block[] {
  if (plan === null || plan.rows.length === 0) {
    return [{ kind: 'paragraph', text: 'Đơn vị và các cấp trên chưa có kế hoạch có chỉ tiêu áp dụng cho kỳ báo cáo.' }]
  }
  return [
    {
      kind: 'paragraph',
      text: `Theo ${plan.planTitle}; kỳ này: ${plan.periodLabel}; so sánh với kỳ trước (${plan.previousLabel}) và cùng kỳ năm trước (${plan.lastYearLabel}).`,
    },
    {
      kind: 'table',
      headers: [
        'Chỉ tiêu',
        'Phiếu / nguồn số liệu',
        'Mức',
        'Kết quả kỳ này',
        'Khoảng tin cậy 95%',
        'Đánh giá',
        'Kỳ trước',
        'Cùng kỳ năm trước',
        'Mục tiêu cuối kỳ kế hoạch',
      ],
      rows: plan.rows.map((r) => {
        const unit = r.metric === 'phan_anh_kien_nghi' ? 'phản ánh' : 'phiếu'
        return [
          `${metricLabels[r.metric] ?? r.metric} · ${r.scope}`,
          r.surveyTitle,
          `≥ ${formatPercent(r.value)}`,
          r.surveyId === null && r.metric !== 'phan_anh_kien_nghi' ? '—' : rateWithN(r.current, unit),
          formatInterval(r.current.ci95),
          r.current.met === null ? 'Chưa đủ dữ liệu' : `${r.current.met ? 'Đạt' : 'Chưa đạt'} (${formatPoints(r.current.gapPoints ?? 0)})`,
          rateWithN(r.previous, unit),
          rateWithN(r.lastYear, unit),
          r.finalTarget === null
            ? ''
            : `Năm ${r.finalTarget.year}: ≥ ${formatPercent(r.finalTarget.value)}` +
              (r.finalTarget.gapPoints === null ? '' : ` (hiện ${formatPoints(r.finalTarget.gapPoints)})`),
        ]
      }),
      numeric: [2, 3],
    },
  ]
}

/** Dossier-based process figures, each labelled as its own metric; none without imported dossier counts. */
function processBlocks(o: GroupOut): Block[] | null {
  if (!o.dossiers) return null
  const { received, returned, overdue } = o.dossiers
  const onTime = returned > 0 ? (returned - overdue) / returned : null
  return [
    {
      kind: 'paragraph',
      text: `Hồ sơ trong kỳ: tiếp nhận ${formatCount(received)}, đã trả kết quả ${formatCount(returned)}, trễ hạn ${formatCount(overdue)}.`,
    },
    {
      kind: 'table',
      headers: ['Chỉ số', 'Kết quả', 'Cách tính'],
      rows: [
        ['Tỷ lệ phản hồi (phiếu đánh giá trên hồ sơ đã trả)', formatPercent(o.responseRate ?? null), 'Số phiếu / số hồ sơ đã trả kết quả'],
        ['Tỷ lệ hồ sơ trả đúng hạn', formatPercent(onTime), '(Hồ sơ đã trả − hồ sơ trễ hạn) / hồ sơ đã trả'],
        ['Chỉ số thời gian thực theo QĐ 766/QĐ-TTg (ước tính)', formatPercent(o.realtimeIndex?.rate ?? null), o.realtimeIndex?.label ?? ''],
      ],
      numeric: [1],
    },
  ]
}

/** The metrics as the plans name them (the admin app's metric names, in the same words). */
const metricLabels: Record<string, string> = {
  tthc: 'Hài lòng trong giải quyết TTHC',
  dvc_truc_tuyen: 'Hài lòng với dịch vụ công trực tuyến',
  sipas: 'Hài lòng với sự phục vụ của cơ quan HCNN (SIPAS)',
  y_te_giao_duc: 'Hài lòng với dịch vụ y tế, giáo dục công lập',
  y_te: 'Hài lòng với dịch vụ y tế công lập',
  giao_duc: 'Hài lòng với dịch vụ giáo dục công lập',
  phan_anh_kien_nghi: 'Xử lý phản ánh, kiến nghị',
}

const verdictWords = { true: 'Đạt', false: 'Chưa đạt', null: 'Chưa có phản ánh, kiến nghị để đánh giá' }

/** Citizens' comments taken up as cases and answered, judged against the targets of that kind as the dashboard does. */
function feedbackBlocks(report: PeriodicReport): Block[] {
  const f = report.feedback.overall
  const days = f.medianDaysToAnswer === null ? '—' : `${f.medianDaysToAnswer.toLocaleString('vi-VN')} ngày`
  const summary: Block = {
    kind: 'paragraph',
    text:
      `Trong kỳ, người dân để lại ${formatCount(f.comments)} ý kiến; ${formatCount(f.commentsTaken)} ý kiến được tiếp nhận ` +
      `thành phản ánh, kiến nghị (${formatPercent(f.receivedRate)}). Đã xử lý ${formatCount(f.handled)}/${formatCount(f.cases)} ` +
      `phản ánh, kiến nghị (${formatPercent(f.handledRate)}), trong đó đúng hạn ${formatPercent(f.onTimeRate)}; ` +
      `${formatCount(f.overdue)} quá hạn chưa trả lời; trung vị thời gian trả lời: ${days}.`,
  }
  if (report.feedback.targets.length === 0) return [summary]
  return [
    summary,
    {
      kind: 'table',
      headers: ['Chỉ tiêu', 'Kết quả (đã xử lý)', 'Đánh giá', 'Căn cứ'],
      rows: report.feedback.targets.map((t) => [
        `≥ ${formatPercent(t.value)}`,
        formatPercent(f.handledRate),
        verdictWords[`${handlingVerdict(f, t.value)}`],
        t.source,
      ]),
      numeric: [0, 1],
    },
  ]
}
