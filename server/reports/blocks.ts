import { handlingVerdict } from '../../shared/feedback-contract'
import { formatCount, formatInterval, formatPercent, formatPoints } from '../../shared/format'
import type { GroupOut } from '../stats/groups'
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

export function reportBlocks(report: PeriodicReport): Block[] {
  const o = report.overall
  const setApart = report.setApart
  const why = Object.entries(setApart.byReason)
    .map(([reason, n]) => `${flagReasonNames[reason] ?? reason}: ${formatCount(n)}`)
    .join('; ')
  return [
    { kind: 'heading', text: 'I. KẾT QUẢ CHUNG' },
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
    { kind: 'heading', text: 'II. ĐỐI CHIẾU VỚI CHỈ TIÊU KẾ HOẠCH' },
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
    { kind: 'heading', text: 'III. KẾT QUẢ THEO LĨNH VỰC' },
    groupTable(report.byField, 'Lĩnh vực'),
    { kind: 'heading', text: 'IV. KẾT QUẢ THEO ĐƠN VỊ' },
    groupTable(report.byUnit, 'Đơn vị'),
    { kind: 'heading', text: report.definition?.aspects.length ? 'V. KẾT QUẢ THEO KHÍA CẠNH' : 'V. KẾT QUẢ THEO NỘI DUNG ĐÁNH GIÁ' },
    { kind: 'table', headers: ['Nội dung', 'Số ý kiến hợp lệ', 'Tỷ lệ hài lòng'], rows: questionRows(report), numeric: [1, 2] },
    { kind: 'heading', text: 'VI. TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ' },
    ...feedbackBlocks(report),
    { kind: 'heading', text: 'VII. GHI CHÚ PHƯƠNG PHÁP' },
    {
      kind: 'paragraph',
      text:
        'Tỷ lệ hài lòng = số ý kiến "Hài lòng" và "Rất hài lòng" / số ý kiến hợp lệ, không tính "Không có ý kiến / Không áp dụng"; ' +
        'tỷ lệ của nhóm lĩnh vực tính trên số phiếu gộp, không lấy bình quân các tỷ lệ. Khoảng tin cậy 95% theo phương pháp Wilson. ' +
        'Nhóm dưới 30 phiếu ghi "không đủ mẫu"; nhóm dưới 5 phiếu không công bố tỷ lệ.',
    },
  ]
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
