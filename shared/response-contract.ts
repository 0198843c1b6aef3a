import { z } from 'zod'
import { procedureCodePattern } from './procedure-code'
import { SurveyDefinition } from './survey-definition'

const AnswerValue = z.union([
  z.number().int().min(0).max(99),
  z.array(z.number().int().min(0).max(99)).min(1).max(20),
  z.string().max(1000),
])

/** POST /api/v1/responses (docs/api.md): exactly one of counterCode and invitationToken. */
export const NewResponse = z
  .object({
    counterCode: z.string().min(1).max(64).optional(),
    invitationToken: z.string().min(1).max(128).optional(),
    submissionId: z.uuid(),
    fieldCode: z.string().min(1).max(60).optional(),
    procedureCode: z.string().regex(procedureCodePattern, 'must be a mã TTHC such as 1.001193').optional(),
    answers: z.record(z.string().max(40), AnswerValue),
    comment: z.string().max(1000).optional(),
    /** The official who served, chosen by the citizen from the counter's list; never required. */
    officialId: z.number().int().positive().max(2_147_483_647).optional(),
    // Integrity signals of the survey page (docs/domain.md §8), optional for other clients: the signed time the
    // form was rendered, and a honeypot input that people never see.
    formToken: z.string().max(100).optional(),
    website: z.string().max(200).optional(),
  })
  .strict()
  .refine((r) => (r.counterCode === undefined) !== (r.invitationToken === undefined), {
    message: 'give exactly one of counterCode and invitationToken',
    path: ['counterCode'],
  })
export type NewResponse = z.infer<typeof NewResponse>

/** `followUpCode`: given when a comment was left; the citizen reads the unit's answer with it at /phan-hoi/{code}. */
export const ResponseReceipt = z.object({ id: z.uuid(), verified: z.boolean(), followUpCode: z.string().optional() })
export type ResponseReceipt = z.infer<typeof ResponseReceipt>

/** GET /api/v1/public/surveys/:code: the questionnaire a counter serves, for clients and integrations. */
export const PublicSurvey = z.object({
  counter: z.object({ code: z.string(), name: z.string() }),
  unit: z.object({ code: z.string(), name: z.string() }),
  fields: z.array(z.object({ code: z.string(), name: z.string() })),
  survey: z.object({
    id: z.number(),
    versionId: z.number(),
    title: z.string(),
    aspects: SurveyDefinition.shape.aspects,
    questions: SurveyDefinition.shape.questions,
  }),
})
export type PublicSurvey = z.output<typeof PublicSurvey>
