import { z } from 'zod'

const Id = z.number().int().positive().max(2_147_483_647)
const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày dạng YYYY-MM-DD.')

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
})
export type PaperForm = z.infer<typeof PaperForm>

export const PaperReceipt = z.object({ id: z.uuid(), isNew: z.boolean() })
export const ImportResult = z.object({ stored: z.number(), alreadyEntered: z.number() })
