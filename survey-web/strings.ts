export type Lang = 'vi' | 'en'

export const strings = {
  vi: {
    anonymity: 'Phiếu đánh giá ẩn danh: không thu thập họ tên, số điện thoại hay mã hồ sơ.',
    field: 'Lĩnh vực thủ tục',
    fieldPrompt: '— Chọn lĩnh vực —',
    procedure: 'Mã thủ tục (nếu biết)',
    comment: 'Góp ý thêm (không bắt buộc)',
    submit: 'Gửi đánh giá',
    required: 'Bắt buộc',
    fixErrors: 'Vui lòng kiểm tra lại các câu được đánh dấu.',
    thanksTitle: 'Cảm ơn Ông/Bà đã đánh giá!',
    thanksBody: 'Ý kiến của Ông/Bà giúp cơ quan phục vụ tốt hơn.',
    notFoundTitle: 'Không tìm thấy phiếu đánh giá',
    notFoundBody: 'Mã QR không hợp lệ hoặc đã được thay mới. Vui lòng quét mã QR đang dán tại quầy.',
    switchLang: 'English',
  },
  en: {
    anonymity: 'This rating is anonymous: no name, phone number or dossier code is collected.',
    field: 'Service field',
    fieldPrompt: '— Choose a field —',
    procedure: 'Procedure code (if known)',
    comment: 'Further comments (optional)',
    submit: 'Send rating',
    required: 'Required',
    fixErrors: 'Please check the marked questions.',
    thanksTitle: 'Thank you for your rating!',
    thanksBody: 'Your opinion helps us serve you better.',
    notFoundTitle: 'Survey not found',
    notFoundBody: 'This QR code is invalid or has been replaced. Please scan the code displayed at the counter.',
    switchLang: 'Tiếng Việt',
  },
} as const satisfies Record<Lang, Record<string, string>>
