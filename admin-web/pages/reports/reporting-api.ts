import { z } from 'zod'
import {
  BoardAnswer,
  CalendarAnswer,
  ConsolidatedAnswer,
  FrozenVersion,
  PlanCycleAnswer,
  PlanViewAnswer,
  ReportAnswer,
  type PlanCycleBody,
  type DraftBody,
  type SubmitBody,
} from '../../../shared/reporting-contract'
import { query, request } from '../../api'

const reportPath = (unitId: number, periodKey: string) => `/reporting/units/${unitId}/reports/${periodKey}`

/** The reporting endpoints, each answer parsed with the schema the server answers with. */
export const reportingApi = {
  calendar: (unitId: number, year: number) => request(CalendarAnswer, 'GET', `/reporting/calendar${query({ unitId, year })}`),
  report: (unitId: number, periodKey: string) => request(ReportAnswer, 'GET', reportPath(unitId, periodKey)),
  saveDraft: (unitId: number, periodKey: string, body: DraftBody) => request(z.unknown(), 'PUT', reportPath(unitId, periodKey), body),
  submit: (unitId: number, periodKey: string, body: SubmitBody) =>
    request(FrozenVersion, 'POST', `${reportPath(unitId, periodKey)}/submit`, body),
  board: (unitId: number, year: number) => request(BoardAnswer, 'GET', `/reporting/board${query({ unitId, year })}`),
  /** Over a report's period, or over an ad-hoc range (up to a plan's whole phase) when both dates are given. */
  planView: (planId: number, periodKey: string, range?: { from: string; to: string }) =>
    request(PlanViewAnswer, 'GET', `/reporting/plan-view${query(range ? { planId, ...range } : { planId, periodKey })}`),
  planCycle: (planId: number) => request(PlanCycleAnswer, 'GET', `/reporting/plans/${planId}/cycle`),
  setPlanCycle: (planId: number, body: PlanCycleBody) => request(PlanCycleAnswer, 'PUT', `/reporting/plans/${planId}/cycle`, body),
  consolidated: (unitId: number, periodKey: string) =>
    request(ConsolidatedAnswer, 'GET', `/reporting/consolidated${query({ unitId, periodKey })}`),
}

/** Links that leave the app: a sent version printable or in Word, the board as CSV. */
export const reportingLinks = {
  print: (unitId: number, periodKey: string, version: number) =>
    `/admin/reporting/units/${unitId}/reports/${periodKey}/versions/${version}`,
  docx: (unitId: number, periodKey: string, version: number) =>
    `/api/v1/reporting/units/${unitId}/reports/${periodKey}/versions/${version}/report.docx`,
  boardCsv: (unitId: number, year: number) => `/api/v1/reporting/board.csv${query({ unitId, year })}`,
}
