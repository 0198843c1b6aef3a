import type { SurveyDefinition } from '../../shared/survey-definition'

type Draft = { code: string; metric: 'tthc' | 'sipas'; definition: SurveyDefinition }

/** The counter quick rating of docs/domain.md §3: one tap for the overall rating, the rest optional. */
export const counterQuickRating: Draft = {
  code: 'COUNTER-3L',
  metric: 'tthc',
  definition: {
    title: 'Đánh giá mức độ hài lòng tại quầy',
    titleEn: 'Rate the service at this counter',
    headline: 'overall',
    aspects: [],
    questions: [
      {
        key: 'overall',
        type: 'scale',
        scale: 'satisfaction-3',
        label: 'Ông/Bà đánh giá thế nào về việc giải quyết thủ tục hành chính hôm nay?',
        labelEn: 'How satisfied are you with how your procedure was handled today?',
        required: true,
        allowNotApplicable: false,
      },
      {
        key: 'reasons',
        type: 'multi',
        label: 'Ông/Bà chưa hài lòng về điều gì?',
        labelEn: 'What were you not satisfied with?',
        required: false,
        allowNotApplicable: false,
        showWhen: { question: 'overall', values: [1] },
        options: [
          { value: 1, label: 'Phải đi lại nhiều lần', labelEn: 'Had to come back several times' },
          { value: 2, label: 'Thời gian chờ lâu', labelEn: 'Long waiting time' },
          { value: 3, label: 'Hướng dẫn chưa rõ ràng, đầy đủ', labelEn: 'Guidance unclear or incomplete' },
          { value: 4, label: 'Thái độ công chức chưa tốt', labelEn: "Official's attitude" },
          { value: 5, label: 'Trả kết quả trễ hẹn', labelEn: 'Result returned late' },
          { value: 6, label: 'Khác', labelEn: 'Other' },
        ],
      },
      {
        key: 'thuan_tien',
        type: 'scale',
        scale: 'satisfaction-3',
        label: 'Mức độ thuận tiện',
        labelEn: 'Convenience',
        required: false,
        allowNotApplicable: true,
      },
      {
        key: 'thai_do',
        type: 'scale',
        scale: 'satisfaction-3',
        label: 'Thái độ của công chức',
        labelEn: "The official's attitude",
        required: false,
        allowNotApplicable: true,
      },
      {
        key: 'dung_hen',
        type: 'scale',
        scale: 'satisfaction-3',
        label: 'Mức độ đúng hẹn',
        labelEn: 'Timeliness',
        required: false,
        allowNotApplicable: true,
      },
    ],
  },
}

const item = (key: string, aspect: string, label: string, labelEn: string) => ({
  key,
  type: 'scale' as const,
  scale: 'satisfaction-5' as const,
  label,
  labelEn,
  aspect,
  required: false,
  allowNotApplicable: true,
})

/** The SIPAS service part: the five aspects II.A–II.E of QĐ 1001/QĐ-BNV, 16 items on 5 levels. */
export const sipasService: Draft = {
  code: 'SIPAS-5A',
  metric: 'sipas',
  definition: {
    title: 'Khảo sát sự hài lòng về sự phục vụ của cơ quan hành chính nhà nước (SIPAS)',
    titleEn: 'Satisfaction with public administrative services (SIPAS)',
    aspects: [
      { key: 'tiep_can', label: 'II.A Tiếp cận dịch vụ', labelEn: 'II.A Access to the service', weight: 1 },
      { key: 'thu_tuc', label: 'II.B Thủ tục hành chính', labelEn: 'II.B Administrative procedure', weight: 1 },
      { key: 'cong_chuc', label: 'II.C Công chức giải quyết công việc', labelEn: 'II.C Civil servants', weight: 1 },
      { key: 'ket_qua', label: 'II.D Kết quả giải quyết', labelEn: 'II.D Result', weight: 1 },
      { key: 'gop_y', label: 'II.E Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị', labelEn: 'II.E Feedback handling', weight: 1 },
    ],
    questions: [
      item('a_bien_hieu', 'tiep_can', 'Biển hiệu, chỉ dẫn rõ ràng', 'Clear signs and directions'),
      item('a_cho_ngoi', 'tiep_can', 'Nơi ngồi chờ đủ chỗ, sạch sẽ', 'Enough clean seats while waiting'),
      item('a_thiet_bi', 'tiep_can', 'Trang thiết bị đầy đủ, dễ sử dụng', 'Adequate, easy-to-use equipment'),
      item('b_niem_yet', 'thu_tuc', 'Thủ tục được niêm yết công khai', 'The procedure is publicly posted'),
      item('b_ho_so', 'thu_tuc', 'Thành phần hồ sơ đúng quy định', 'Required documents as regulated'),
      item('b_phi', 'thu_tuc', 'Phí, lệ phí đúng quy định', 'Fees as regulated'),
      item('b_thoi_han', 'thu_tuc', 'Thời hạn giải quyết đúng quy định', 'Processing time as regulated'),
      item('c_lich_su', 'cong_chuc', 'Công chức có thái độ lịch sự', 'Officials are polite'),
      item('c_huong_dan', 'cong_chuc', 'Hướng dẫn một lần đầy đủ, dễ hiểu', 'Complete, clear guidance at once'),
      item('c_tuan_thu', 'cong_chuc', 'Công chức tuân thủ quy định', 'Officials follow the rules'),
      item('d_dung_hen', 'ket_qua', 'Kết quả trả đúng hẹn', 'Result on time'),
      item('d_chinh_xac', 'ket_qua', 'Kết quả chính xác', 'Result accurate'),
      item('d_cong_bang', 'ket_qua', 'Kết quả công bằng', 'Result fair'),
      item('e_de_gui', 'gop_y', 'Dễ dàng gửi góp ý, phản ánh, kiến nghị', 'Easy to send feedback'),
      item('e_xu_ly', 'gop_y', 'Góp ý, phản ánh được xử lý đúng quy định', 'Feedback handled as regulated'),
      item('e_thong_bao', 'gop_y', 'Được thông báo kết quả xử lý kịp thời', 'Informed of the outcome in time'),
    ],
  },
}
