import { z } from 'zod'
import { SurveyMetric, Target, type NewAssignment, type NewPlan, type NewSurvey, type NewTarget } from '../shared/admin-contract'
import { SurveyDefinition } from '../shared/survey-definition'
import { request } from './api'

// Questionnaires, their assignment to counters, plans and targets. shared/admin-contract.ts describes the
// requests; the answers are described here by what the screens read.

const VersionSummary = z.looseObject({ id: z.number(), version: z.number(), publishedAt: z.string(), publishedBy: z.number().nullable() })
export type VersionSummary = z.infer<typeof VersionSummary>

const SurveySummary = z.looseObject({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  metric: SurveyMetric,
  hasDraft: z.boolean(),
  updatedAt: z.string(),
  versions: z.array(VersionSummary),
})
export type SurveySummary = z.infer<typeof SurveySummary>

/** The draft is kept unparsed: a stored draft that today's schema refuses must still open in the builder. */
const SurveyDetail = SurveySummary.extend({ draft: z.unknown() })
export type SurveyDetail = z.infer<typeof SurveyDetail>

const SurveyVersion = z.looseObject({ id: z.number(), version: z.number(), publishedAt: z.string(), definition: SurveyDefinition })
export type SurveyVersion = z.infer<typeof SurveyVersion>

const Published = z.looseObject({ id: z.number(), version: z.number(), surveyId: z.number() })
const Assigned = z.looseObject({ surveyVersionId: z.number(), counterIds: z.array(z.number()) })

const Plan = z.looseObject({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  issuer: z.string(),
  issuedOn: z.string(),
  unitId: z.number().nullable(),
})
export type Plan = z.infer<typeof Plan>

export const surveyApi = {
  list: () => request(z.array(SurveySummary), 'GET', '/surveys'),
  get: (surveyId: number) => request(SurveyDetail, 'GET', `/surveys/${surveyId}`),
  version: (surveyId: number, versionId: number) => request(SurveyVersion, 'GET', `/surveys/${surveyId}/versions/${versionId}`),
  create: (body: Partial<NewSurvey>) => request(SurveyDetail, 'POST', '/surveys', body),
  saveDraft: (surveyId: number, draft: SurveyDefinition) => request(SurveyDetail, 'PUT', `/surveys/${surveyId}/draft`, draft),
  publish: (surveyId: number) => request(Published, 'POST', `/surveys/${surveyId}/publish`, {}),
  draftFrom: (surveyId: number, versionId: number) => request(SurveyDetail, 'POST', `/surveys/${surveyId}/draft-from/${versionId}`, {}),
  assign: (body: NewAssignment) => request(Assigned, 'POST', '/assignments', body),
}

export const targetApi = {
  plans: () => request(z.array(Plan), 'GET', '/plans'),
  createPlan: (body: NewPlan) => request(Plan, 'POST', '/plans', body),
  targets: (planId: number) => request(z.array(Target), 'GET', `/targets?planId=${planId}`),
  createTarget: (body: NewTarget) => request(Target, 'POST', '/targets', body),
  removeTarget: (targetId: number) => request(z.undefined(), 'DELETE', `/targets/${targetId}`),
}
