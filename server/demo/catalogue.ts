import type { ServicePointKind } from '../../shared/admin-contract'

/**
 * The demo's world: Tỉnh Hải Dương (demo) → TP Chí Linh → three phường/xã, as before the 2025 reform.
 * Names are real; unit codes are ours. Procedures carry codes of the national catalogue.
 */
export const demoUnits = [
  { code: 'HD', name: 'Tỉnh Hải Dương (demo)', level: 'tinh', parent: null, validFrom: '2008-08-01' },
  { code: 'HD-CL', name: 'Thành phố Chí Linh', level: 'huyen', parent: 'HD', validFrom: '2019-01-10' },
  { code: 'HD-CL-SD', name: 'Phường Sao Đỏ', level: 'xa', parent: 'HD-CL', validFrom: '2019-01-10' },
  { code: 'HD-CL-PL', name: 'Phường Phả Lại', level: 'xa', parent: 'HD-CL', validFrom: '2019-01-10' },
  { code: 'HD-CL-LL', name: 'Xã Lê Lợi', level: 'xa', parent: 'HD-CL', validFrom: '2019-01-10' },
] as const

export const demoFields = [
  { code: 'dat-dai', name: 'Đất đai' },
  { code: 'xay-dung', name: 'Xây dựng' },
  { code: 'dau-tu', name: 'Đầu tư' },
  { code: 'ho-tich', name: 'Hộ tịch' },
  { code: 'chung-thuc', name: 'Chứng thực' },
  { code: 'kinh-doanh', name: 'Đăng ký kinh doanh' },
  { code: 'lao-dong-tbxh', name: 'Lao động – Thương binh và Xã hội' },
] as const

export type DemoFieldCode = (typeof demoFields)[number]['code']

export const demoProcedures: { code: string; name: string; field: DemoFieldCode }[] = [
  { code: '1.001193', name: 'Đăng ký khai sinh', field: 'ho-tich' },
  { code: '1.000894', name: 'Đăng ký kết hôn', field: 'ho-tich' },
  { code: '1.000656', name: 'Đăng ký khai tử', field: 'ho-tich' },
  { code: '1.004873', name: 'Cấp Giấy xác nhận tình trạng hôn nhân', field: 'ho-tich' },
  { code: '2.000635', name: 'Cấp bản sao Trích lục hộ tịch', field: 'ho-tich' },
  { code: '2.000815', name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', field: 'chung-thuc' },
  { code: '2.000884', name: 'Chứng thực chữ ký trong các giấy tờ, văn bản', field: 'chung-thuc' },
  { code: '2.000720', name: 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh', field: 'kinh-doanh' },
  { code: '2.000575', name: 'Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh', field: 'kinh-doanh' },
  { code: '1.001570', name: 'Tạm ngừng kinh doanh hộ kinh doanh', field: 'kinh-doanh' },
  { code: '1.013225', name: 'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ', field: 'xay-dung' },
  { code: '1.013227', name: 'Gia hạn giấy phép xây dựng', field: 'xay-dung' },
  { code: '1.013228', name: 'Cấp lại giấy phép xây dựng', field: 'xay-dung' },
  { code: '1.012753', name: 'Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu', field: 'dat-dai' },
  { code: '1.001699', name: 'Xác định mức độ khuyết tật và cấp Giấy xác nhận khuyết tật', field: 'lao-dong-tbxh' },
  { code: '1.011607', name: 'Công nhận hộ nghèo, hộ cận nghèo thường xuyên hằng năm', field: 'lao-dong-tbxh' },
]

export type DemoSurveyCode = 'COUNTER-3L' | 'SIPAS-5A' | 'DVC-TRUC-TUYEN' | 'Y-TE-CONG-LAP' | 'GIAO-DUC-CONG-LAP'

type DemoCounter = {
  name: string
  fields: DemoFieldCode[]
  survey: DemoSurveyCode
  ratingsPerDay: number
  /** Share of "Không hài lòng" for land, construction and investment; other fields get `otherUnsatisfied`. */
  landUnsatisfied: number
  /** Share of ratings below "Hài lòng" where no field is rated (the portal, clinics, schools). */
  unsatisfied?: number
}

const otherUnsatisfied = 0.02
export { otherUnsatisfied }

export const demoServicePoints: { unit: string; name: string; kind?: ServicePointKind; counters: DemoCounter[] }[] = [
  {
    unit: 'HD-CL',
    name: 'Bộ phận Một cửa UBND thành phố Chí Linh',
    counters: [
      {
        name: 'Quầy 1 – Đất đai, Xây dựng, Đầu tư',
        fields: ['dat-dai', 'xay-dung', 'dau-tu'],
        survey: 'COUNTER-3L',
        ratingsPerDay: 22,
        landUnsatisfied: 0.1,
      },
      {
        name: 'Quầy 2 – Kinh doanh, Hộ tịch, Lao động – TB&XH',
        fields: ['kinh-doanh', 'ho-tich', 'lao-dong-tbxh'],
        survey: 'COUNTER-3L',
        ratingsPerDay: 16,
        landUnsatisfied: 0.1,
      },
      // A third desk for the longer SIPAS questionnaire, so both questionnaires carry data.
      {
        name: 'Bàn khảo sát SIPAS',
        fields: ['dat-dai', 'xay-dung', 'ho-tich', 'kinh-doanh'],
        survey: 'SIPAS-5A',
        ratingsPerDay: 3,
        landUnsatisfied: 0.1,
      },
    ],
  },
  ...(
    [
      ['HD-CL-SD', 'Bộ phận Một cửa UBND phường Sao Đỏ', 0.2],
      ['HD-CL-PL', 'Bộ phận Một cửa UBND phường Phả Lại', 0.08],
      ['HD-CL-LL', 'Bộ phận Một cửa UBND xã Lê Lợi', 0.07],
    ] as const
  ).map(([unit, name, landUnsatisfied]) => ({
    unit,
    name,
    counters: [
      {
        name: 'Quầy 1 – Tư pháp, Hộ tịch, Chứng thực',
        fields: ['ho-tich', 'chung-thuc'] as DemoFieldCode[],
        survey: 'COUNTER-3L' as const,
        ratingsPerDay: 12,
        landUnsatisfied,
      },
      {
        name: 'Quầy 2 – Địa chính, Xây dựng, Lao động – TB&XH',
        fields: ['dat-dai', 'xay-dung', 'lao-dong-tbxh'] as DemoFieldCode[],
        survey: 'COUNTER-3L' as const,
        ratingsPerDay: 10,
        landUnsatisfied,
      },
    ],
  })),
  // Last, so the counters above keep their ids (and their seeded ratings). The online portal, public clinics
  // and schools are rated on their own questionnaires and measured against their own targets.
  {
    unit: 'HD-CL',
    name: 'Cổng dịch vụ công trực tuyến thành phố Chí Linh',
    kind: 'truc_tuyen',
    counters: [
      { name: 'Dịch vụ công trực tuyến', fields: [], survey: 'DVC-TRUC-TUYEN', ratingsPerDay: 6, landUnsatisfied: 0, unsatisfied: 0.12 },
    ],
  },
  {
    unit: 'HD-CL',
    name: 'Trung tâm Y tế thành phố Chí Linh',
    kind: 'y_te',
    counters: [{ name: 'Khoa Khám bệnh', fields: [], survey: 'Y-TE-CONG-LAP', ratingsPerDay: 8, landUnsatisfied: 0, unsatisfied: 0.11 }],
  },
  {
    unit: 'HD-CL-LL',
    name: 'Trạm Y tế xã Lê Lợi',
    kind: 'y_te',
    counters: [{ name: 'Phòng khám', fields: [], survey: 'Y-TE-CONG-LAP', ratingsPerDay: 3, landUnsatisfied: 0, unsatisfied: 0.06 }],
  },
  {
    unit: 'HD-CL-LL',
    name: 'Trường THCS Lê Lợi',
    kind: 'giao_duc',
    counters: [
      { name: 'Văn phòng nhà trường', fields: [], survey: 'GIAO-DUC-CONG-LAP', ratingsPerDay: 3, landUnsatisfied: 0, unsatisfied: 0.09 },
    ],
  },
  {
    unit: 'HD-CL-PL',
    name: 'Trường Tiểu học Phả Lại',
    kind: 'giao_duc',
    counters: [
      { name: 'Văn phòng nhà trường', fields: [], survey: 'GIAO-DUC-CONG-LAP', ratingsPerDay: 2, landUnsatisfied: 0, unsatisfied: 0.05 },
    ],
  },
]

export const demoPlans = [
  {
    number: '(không số)/KH-UBND',
    title: 'Kế hoạch cải cách hành chính nhà nước thành phố Chí Linh năm 2025',
    issuer: 'UBND thành phố Chí Linh',
    unit: 'HD-CL',
    // The plan is dated "ngày … tháng 12 năm 2024" with the day left blank.
    issuedOn: '2024-12-01',
    targets: [
      { unit: 'HD-CL', metric: 'tthc', fields: [], value: 0.96 },
      { unit: 'HD-CL', metric: 'tthc', fields: ['dat-dai', 'xay-dung', 'dau-tu'], value: 0.87 },
      { unit: 'HD-CL', metric: 'dvc_truc_tuyen', fields: [], value: 0.9 },
      // "100% phản ánh, kiến nghị … được tiếp nhận và xử lý", "95% … được xử lý dứt điểm".
      { unit: 'HD-CL', metric: 'phan_anh_kien_nghi', fields: [], value: 1 },
      { unit: 'HD-CL', metric: 'phan_anh_kien_nghi', fields: [], value: 0.95 },
    ],
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
  },
  {
    number: '(demo)/KH-UBND',
    title: 'Kế hoạch cải cách hành chính nhà nước tỉnh Hải Dương năm 2022 (mức ≥ 90% áp dụng minh họa cho năm 2025)',
    issuer: 'UBND tỉnh Hải Dương',
    unit: 'HD',
    issuedOn: '2021-12-31',
    targets: [{ unit: 'HD', metric: 'tthc', fields: [], value: 0.9 }],
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
  },
  {
    number: '(demo)/KH-UBND-YTGD',
    title:
      'Kế hoạch cải cách hành chính giai đoạn 2021–2030: hài lòng với dịch vụ y tế, giáo dục công lập (mức của KH CCHC TX Hương Trà, minh họa)',
    issuer: 'UBND thành phố Chí Linh',
    unit: 'HD-CL',
    issuedOn: '2021-03-01',
    targets: [
      { unit: 'HD-CL', metric: 'y_te', fields: [], value: 0.85 },
      { unit: 'HD-CL', metric: 'giao_duc', fields: [], value: 0.85 },
      { unit: 'HD-CL', metric: 'y_te', fields: [], value: 0.9, periodStart: '2030-01-01', periodEnd: '2030-12-31' },
      { unit: 'HD-CL', metric: 'giao_duc', fields: [], value: 0.9, periodStart: '2030-01-01', periodEnd: '2030-12-31' },
    ],
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
  },
] as const
