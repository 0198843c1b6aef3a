import { z } from 'zod'
import {
  ApiKeySummary,
  CounterDetail,
  CounterListItem,
  CreatedApiKey,
  Field,
  ServicePointSummary,
  ServicePointWithCounters,
  SurveySummary,
  SurveyVersion,
  Target,
  UnitOnDate,
  type NewApiKey,
  type NewCounter,
  type NewServicePoint,
} from '../shared/admin-contract'
import { AuthAnswer } from '../shared/auth-contract'
import { DossierImportResult } from '../shared/dossier-contract'
import { Exclusion, FlagsAnswer } from '../shared/flags-contract'
import { DashboardAnswer, StatsAnswer } from '../shared/stats-contract'

/** An answer of the API in its one error shape, with each issue's path and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: (string | number)[]; message: string }[] = [],
  ) {
    super(message)
  }
}

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
  }),
})

/** The only place that calls fetch: same-origin, JSON in and out, every answer parsed with a schema. */
export async function request<T extends z.ZodType>(schema: T, method: string, path: string, body?: unknown): Promise<z.output<T>> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': typeof body === 'string' ? 'text/csv' : 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  if (res.status === 204) return schema.parse(undefined)
  const json: unknown = await res.json().catch(() => undefined)
  if (!res.ok) {
    const parsed = ErrorBody.safeParse(json)
    if (parsed.success) throw new ApiError(res.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.issues)
    throw new ApiError(res.status, 'internal', 'Máy chủ không trả lời đúng. Vui lòng thử lại.')
  }
  return schema.parse(json)
}

export type { CounterListItem as CounterItem, Field as FieldItem, SurveySummary as SurveyItem } from '../shared/admin-contract'

/** `?a=1&b=2` from the given parameters, leaving out those unset or empty. */
export const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value))
  return search.size > 0 ? `?${search}` : ''
}

export type { FlagsAnswer } from '../shared/flags-contract'

export const api = {
  stats: (params: Record<string, string | number | undefined>) => request(StatsAnswer, 'GET', `/stats${query(params)}`),
  dashboard: (params: Record<string, string | number | undefined>) => request(DashboardAnswer, 'GET', `/stats/dashboard${query(params)}`),
  surveys: () => request(z.array(SurveySummary), 'GET', '/surveys'),
  surveyVersion: (surveyId: number, versionId: number) =>
    request(SurveyVersion, 'GET', `/surveys/${surveyId}/versions/${versionId}`).then((v) => v.definition),
  fields: () => request(z.array(Field), 'GET', '/fields'),
  units: (on: string) => request(z.array(UnitOnDate), 'GET', `/units${query({ on })}`),
  counters: (unitId?: number) => request(z.array(CounterListItem), 'GET', `/counters${query({ unitId })}`),
  targets: () => request(z.array(Target), 'GET', '/targets'),
  servicePoints: (unitId?: number) => request(z.array(ServicePointWithCounters), 'GET', `/service-points${query({ unitId })}`),
  createServicePoint: (body: Partial<NewServicePoint>) => request(ServicePointSummary, 'POST', '/service-points', body),
  changeServicePoint: (id: number, body: { name?: string; isActive?: boolean }) =>
    request(ServicePointSummary, 'PATCH', `/service-points/${id}`, body),
  createCounter: (body: Partial<NewCounter>) => request(CounterDetail, 'POST', '/counters', body),
  changeCounter: (id: number, body: { name?: string; isActive?: boolean }) => request(CounterDetail, 'PATCH', `/counters/${id}`, body),
  rotateCode: (id: number) => request(CounterDetail, 'POST', `/counters/${id}/rotate-code`, {}),
  importDossierCounts: (csv: string) =>
    request(DossierImportResult, 'POST', '/dossier-counts/import', csv).then((r) => ({
      created: r.inserted,
      updated: r.updated,
      unchanged: r.imported - r.inserted - r.updated,
    })),
  apiKeys: () => request(z.array(ApiKeySummary), 'GET', '/api-keys'),
  createApiKey: (body: NewApiKey) => request(CreatedApiKey, 'POST', '/api-keys', body),
  revokeApiKey: (id: number) => request(z.undefined(), 'POST', `/api-keys/${id}/revoke`, {}),
  flags: (params: Record<string, string | number | undefined>) => request(FlagsAnswer, 'GET', `/flags${query(params)}`),
  setExcluded: (responseId: string, isExcluded: boolean, reason: string) =>
    request(Exclusion, 'POST', `/responses/${responseId}/${isExcluded ? 'exclude' : 'restore'}`, { reason }),
  me: () => request(AuthAnswer, 'GET', '/auth/me').then((a) => a.user),
  login: (username: string, password: string) => request(AuthAnswer, 'POST', '/auth/login', { username, password }).then((a) => a.user),
  logout: () => request(z.undefined(), 'POST', '/auth/logout'),
}
