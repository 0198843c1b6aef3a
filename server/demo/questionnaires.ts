import type { SurveyMetric } from '../../shared/admin-contract'
import type { SurveyDefinition } from '../../shared/survey-definition'

type Draft = { code: string; metric: SurveyMetric; definition: SurveyDefinition }

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

/** An optional 5-level item of a service questionnaire, which may be answered "không áp dụng". */
const optional5 = (key: string, label: string, labelEn: string) => ({
  key,
  type: 'scale' as const,
  scale: 'satisfaction-5' as const,
  label,
  labelEn,
  required: false,
  allowNotApplicable: true,
})

/** A required 5-level overall rating: the only question the portal's widget and a kiosk ask. */
const overall5 = (label: string, labelEn: string) => ({
  ...optional5('overall', label, labelEn),
  required: true,
  allowNotApplicable: false,
})

/** Online public services (dịch vụ công trực tuyến): the portal's link, widget and online invitations. */
export const onlineServices: Draft = {
  code: 'DVC-TRUC-TUYEN',
  metric: 'dvc_truc_tuyen',
  definition: {
    title: 'Đánh giá mức độ hài lòng khi sử dụng dịch vụ công trực tuyến',
    titleEn: 'Rate the online public service',
    headline: 'overall',
    aspects: [],
    questions: [
      overall5(
        'Ông/Bà hài lòng thế nào với dịch vụ công trực tuyến vừa sử dụng?',
        'How satisfied are you with the online service you used?',
      ),
      optional5('tim_kiem', 'Dễ tìm thấy dịch vụ và thông tin thủ tục trên Cổng', 'Easy to find the service and its information'),
      optional5('bieu_mau', 'Biểu mẫu, hướng dẫn nộp hồ sơ trực tuyến dễ hiểu, dễ điền', 'Forms and guidance easy to understand and fill'),
      optional5('thanh_toan', 'Thanh toán phí, lệ phí trực tuyến thuận tiện', 'Paying fees online is convenient'),
      optional5('theo_doi', 'Được thông báo kịp thời tình trạng xử lý hồ sơ', 'Informed in time of the processing status'),
      optional5('ket_qua', 'Nhận kết quả đúng hẹn, đúng hình thức đã chọn', 'Result received on time, in the chosen way'),
      optional5('ho_tro', 'Được hỗ trợ kịp thời khi gặp khó khăn', 'Helped in time when in difficulty'),
    ],
  },
}

/** Public health services (y tế công lập): patients and their families at a clinic or hospital. */
export const healthServices: Draft = {
  code: 'Y-TE-CONG-LAP',
  metric: 'y_te',
  definition: {
    title: 'Khảo sát sự hài lòng của người bệnh với dịch vụ y tế công lập',
    titleEn: 'Patient satisfaction with public health services',
    headline: 'overall',
    aspects: [],
    questions: [
      overall5('Ông/Bà hài lòng thế nào với lần khám, chữa bệnh hôm nay?', 'How satisfied are you with your visit today?'),
      optional5('tiep_can', 'Dễ tiếp cận: biển báo, chỉ dẫn, thời gian chờ hợp lý', 'Easy access: signs, directions, reasonable waiting'),
      optional5('minh_bach', 'Thông tin về khám, chữa bệnh và chi phí minh bạch', 'Clear information on care and costs'),
      optional5('co_so_vat_chat', 'Cơ sở vật chất, phương tiện phục vụ người bệnh', 'Facilities for patients'),
      optional5('thai_do', 'Thái độ ứng xử, năng lực chuyên môn của nhân viên y tế', "Health workers' conduct and competence"),
      optional5('ket_qua', 'Kết quả cung cấp dịch vụ', 'Outcome of the service'),
    ],
  },
}

/** Public education services (giáo dục công lập): parents of pupils at a public school. */
export const educationServices: Draft = {
  code: 'GIAO-DUC-CONG-LAP',
  metric: 'giao_duc',
  definition: {
    title: 'Khảo sát sự hài lòng của cha mẹ học sinh với dịch vụ giáo dục công lập',
    titleEn: "Parents' satisfaction with public education services",
    headline: 'overall',
    aspects: [],
    questions: [
      overall5(
        'Ông/Bà hài lòng thế nào với việc học tập, rèn luyện của con tại trường?',
        "How satisfied are you with your child's schooling?",
      ),
      optional5('tiep_can', 'Tiếp cận dịch vụ giáo dục: tuyển sinh, thông tin, học phí', 'Access: enrolment, information, fees'),
      optional5('co_so_vat_chat', 'Cơ sở vật chất, trang thiết bị của nhà trường', "The school's buildings and equipment"),
      optional5('moi_truong', 'Môi trường giáo dục an toàn, thân thiện', 'A safe, friendly environment'),
      optional5('giao_vien', 'Hoạt động giáo dục và sự tận tâm của giáo viên', 'Teaching and the teachers’ dedication'),
      optional5('ket_qua', 'Kết quả giáo dục, sự tiến bộ của học sinh', "Outcomes and the pupils' progress"),
    ],
  },
}
