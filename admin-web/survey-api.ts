import { z } from 'zod'
import {
  Assignment,
  Plan,
  PublishedVersion,
  SurveyDetail,
  SurveySummary,
  SurveyVersion,
  Target,
  type NewAssignment,
  type NewPlan,
  type NewSurvey,
  type NewTarget,
} from '../shared/admin-contract'
import type { SurveyDefinition } from '../shared/survey-definition'
import { request } from './api'

// Questionnaires, their assignment to counters, plans and targets: every shape from shared/admin-contract.ts.

export type { Plan, SurveyDetail, SurveySummary, SurveyVersion, VersionSummary } from '../shared/admin-contract'

export const surveyApi = {
  list: () => request(z.array(SurveySummary), 'GET', '/surveys'),
  get: (surveyId: number) => request(SurveyDetail, 'GET', `/surveys/${surveyId}`),
  version: (surveyId: number, versionId: number) => request(SurveyVersion, 'GET', `/surveys/${surveyId}/versions/${versionId}`),
  create: (body: Partial<NewSurvey>) => request(SurveyDetail, 'POST', '/surveys', body),
  saveDraft: (surveyId: number, draft: SurveyDefinition) => request(SurveyDetail, 'PUT', `/surveys/${surveyId}/draft`, draft),
  publish: (surveyId: number) => request(PublishedVersion, 'POST', `/surveys/${surveyId}/publish`, {}),
  draftFrom: (surveyId: number, versionId: number) => request(SurveyDetail, 'POST', `/surveys/${surveyId}/draft-from/${versionId}`, {}),
  assign: (body: NewAssignment) => request(Assignment, 'POST', '/assignments', body),
}

export const targetApi = {
  plans: () => request(z.array(Plan), 'GET', '/plans'),
  createPlan: (body: NewPlan) => request(Plan, 'POST', '/plans', body),
  targets: (planId: number) => request(z.array(Target), 'GET', `/targets?planId=${planId}`),
  createTarget: (body: NewTarget) => request(Target, 'POST', '/targets', body),
  removeTarget: (targetId: number) => request(z.undefined(), 'DELETE', `/targets/${targetId}`),
}
