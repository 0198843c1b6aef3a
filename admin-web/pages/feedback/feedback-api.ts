import {
  AlertsAnswer,
  CaseList,
  FeedbackCase,
  FiguresAnswer,
  InboxAnswer,
  ThemesAnswer,
  type CaseCategory,
  type CaseStatus,
} from '../../../shared/feedback-contract'
import { query, request } from '../../api'

/** The citizens' voice endpoints, parsed with the schemas the server answers with. */
export const feedbackApi = {
  inbox: (params: Record<string, string | number | undefined>) => request(InboxAnswer, 'GET', `/feedback/inbox${query(params)}`),
  cases: (params: { status?: CaseStatus | undefined; offset?: number } = {}) => request(CaseList, 'GET', `/feedback/cases${query(params)}`),
  createCase: (body: { itemKey: string; category: CaseCategory; assigneeUnitId: number }) =>
    request(FeedbackCase, 'POST', '/feedback/cases', body),
  start: (id: number) => request(FeedbackCase, 'POST', `/feedback/cases/${id}/start`, {}),
  answer: (id: number, answer: string) => request(FeedbackCase, 'POST', `/feedback/cases/${id}/answer`, { answer }),
  close: (id: number) => request(FeedbackCase, 'POST', `/feedback/cases/${id}/close`, {}),
  figures: (params: Record<string, string | number | undefined>) => request(FiguresAnswer, 'GET', `/feedback/figures${query(params)}`),
  alerts: (unitId?: number) => request(AlertsAnswer, 'GET', `/feedback/alerts${query({ unitId })}`),
  themes: (params: Record<string, string | number | undefined>) => request(ThemesAnswer, 'GET', `/feedback/themes${query(params)}`),
}
