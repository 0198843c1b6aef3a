import { z } from 'zod'

const Id = z.number().int().positive().max(2_147_483_647)
const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày dạng YYYY-MM-DD.')

/**
 * The optional demographics of the resident survey, in coarse bands only (no exact age, no free text). Each is a
 * small code typed from the paper form. Dân tộc (ethnicity) is sensitive personal data: asked only when the
 * campaign turns it on as well, optional, in two bands, shown with `ethnicityNotice`, and never exported row
 * by row (only counts, small cells suppressed).
 */
export const demographicQuestions = [
  {
    key: 'gioi_tinh',
    label: 'Giới tính',
    options: [
      { value: 1, label: 'Nam' },
      { value: 2, label: 'Nữ' },
      { value: 3, label: 'Khác' },
    ],
  },
  {
    key: 'do_tuoi',
    label: 'Độ tuổi',
    options: [
      { value: 1, label: '18–30' },
      { value: 2, label: '31–45' },
      { value: 3, label: '46–60' },
      { value: 4, label: 'Trên 60' },
    ],
  },
  {
    key: 'hoc_van',
    label: 'Trình độ học vấn',
    options: [
      { value: 1, label: 'Chưa tốt nghiệp THPT' },
      { value: 2, label: 'Tốt nghiệp THPT' },
      { value: 3, label: 'Trung cấp, cao đẳng' },
      { value: 4, label: 'Đại học' },
      { value: 5, label: 'Sau đại học' },
    ],
  },
  {
    key: 'nghe_nghiep',
    label: 'Nghề nghiệp',
    options: [
      { value: 1, label: 'Cán bộ, công chức, viên chức' },
      { value: 2, label: 'Công nhân' },
      { value: 3, label: 'Nông dân' },
      { value: 4, label: 'Kinh doanh, dịch vụ' },
      { value: 5, label: 'Học sinh, sinh viên' },
      { value: 6, label: 'Nghỉ hưu' },
      { value: 7, label: 'Nội trợ, không có việc làm' },
      { value: 8, label: 'Khác' },
    ],
  },
  {
    key: 'dan_toc',
    label: 'Dân tộc',
    options: [
      { value: 1, label: 'Kinh' },
      { value: 2, label: 'Dân tộc thiểu số' },
    ],
  },
] as const

export type DemographicKey = (typeof demographicQuestions)[number]['key']
export const demographicKeys = demographicQuestions.map((q) => q.key) as DemographicKey[]

/** The one-line notice shown beside the ethnicity question when a campaign asks it. */
export const ethnicityNotice =
  'Dân tộc là dữ liệu cá nhân nhạy cảm: câu hỏi không bắt buộc, chỉ dùng để thống kê tổng hợp, không xuất theo từng phiếu.'

const band = (max: number) => z.number().int().min(1).max(max)

/** A paper form's demographics: each band optional. */
export const Demographics = z.strictObject({
  gioi_tinh: band(3).optional(),
  do_tuoi: band(4).optional(),
  hoc_van: band(5).optional(),
  nghe_nghiep: band(8).optional(),
  dan_toc: band(2).optional(),
})
export type Demographics = z.infer<typeof Demographics>

/** Whether a campaign asks demographics (off by default), and ethnicity among them (off unless turned on too). */
export const DemographicsOption = z
  .strictObject({ enabled: z.boolean(), ethnicity: z.boolean() })
  .refine((d) => d.enabled || !d.ethnicity, {
    message: 'Chỉ hỏi dân tộc khi đợt khảo sát có hỏi thông tin nhân khẩu học.',
    path: ['ethnicity'],
  })
export type DemographicsOption = z.infer<typeof DemographicsOption>

/** POST /api/v1/campaigns (manager): a paper survey campaign of a unit's subtree. */
export const NewCampaign = z
  .strictObject({
    unitId: Id,
    name: z.string().trim().min(1).max(200),
    surveyVersionId: Id,
    periodStart: DateText,
    periodEnd: DateText,
    samples: z
      .array(z.strictObject({ counterId: Id, sampleSize: z.number().int().min(1).max(100_000) }))
      .min(1)
      .max(500),
    enumeratorIds: z.array(Id).max(500).default([]),
    demographics: DemographicsOption.default({ enabled: false, ethnicity: false }),
  })
  .refine((c) => c.periodEnd >= c.periodStart, { message: 'Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.', path: ['periodEnd'] })
  .refine((c) => new Set(c.samples.map((s) => s.counterId)).size === c.samples.length, {
    message: 'Mỗi điểm khảo sát chỉ một lần.',
    path: ['samples'],
  })
export type NewCampaign = z.infer<typeof NewCampaign>

export const CampaignSample = z.object({
  counterId: z.number(),
  counterName: z.string(),
  unitName: z.string(),
  sampleSize: z.number(),
  /** Paper forms entered so far. */
  entered: z.number(),
})

export const Campaign = z.object({
  id: z.number(),
  unitId: z.number(),
  name: z.string(),
  surveyVersionId: z.number(),
  surveyTitle: z.string(),
  /** The questionnaire version's definition (shared/survey-definition.ts), for the entry screen. */
  definition: z.unknown(),
  periodStart: z.string(),
  periodEnd: z.string(),
  enumeratorIds: z.array(z.number()),
  samples: z.array(CampaignSample),
  demographics: z.object({ enabled: z.boolean(), ethnicity: z.boolean() }),
})
export type Campaign = z.infer<typeof Campaign>

export const CampaignList = z.array(Campaign.omit({ definition: true }))

/**
 * POST /api/v1/campaigns/{id}/forms: one paper form. `formNumber` is the number printed on the form: typing the
 * same form twice stores it once (the same content) or is refused (other content).
 */
export const PaperForm = z.strictObject({
  counterId: Id,
  formNumber: z.string().trim().min(1).max(40),
  filledOn: DateText,
  answers: z.record(z.string().max(40), z.union([z.number().int().min(0).max(99), z.array(z.number().int().min(0).max(99)).max(20)])),
  /** Only for a campaign that asks them; ethnicity only when it asks that too. */
  demographics: Demographics.optional(),
})
export type PaperForm = z.infer<typeof PaperForm>

export const PaperReceipt = z.object({ id: z.uuid(), isNew: z.boolean() })
export const ImportResult = z.object({ stored: z.number(), alreadyEntered: z.number() })

/** GET /api/v1/campaigns/{id}/demographics: counts per band, cells under `minCell` withheld (null). */
export const DemographicsSummary = z.object({
  minCell: z.number(),
  forms: z.number(),
  dimensions: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      bands: z.array(z.object({ value: z.number(), label: z.string(), count: z.number().nullable() })),
      notGiven: z.number().nullable(),
    }),
  ),
})
export type DemographicsSummary = z.infer<typeof DemographicsSummary>
