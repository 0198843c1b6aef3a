import { z } from 'zod'
import {
  CounterDetail,
  ServicePointWithCounters,
  Target,
  UnitOnDate,
  type NewCounter,
  type NewServicePoint,
} from '../shared/admin-contract'
import { AuthAnswer } from '../shared/auth-contract'
import { StatsAnswer } from '../shared/stats-contract'
import { SurveyDefinition } from '../shared/survey-definition'

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

const SurveyItem = z.looseObject({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  metric: z.string(),
  versions: z.array(z.looseObject({ id: z.number(), version: z.number() })),
})
export type SurveyItem = z.infer<typeof SurveyItem>
const FieldItem = z.looseObject({ id: z.number(), code: z.string(), name: z.string() })
export type FieldItem = z.infer<typeof FieldItem>
const CounterItem = z.looseObject({ id: z.number(), code: z.string().nullable(), name: z.string(), unitId: z.number() })
export type CounterItem = z.infer<typeof CounterItem>

/** `?a=1&b=2` from the given parameters, leaving out those unset or empty. */
export const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value))
  return search.size > 0 ? `?${search}` : ''
}

const FlagsAnswer = z.looseObject({
  total: z.number(),
  excluded: z.number(),
  counts: z.record(z.string(), z.number()),
  items: z.array(
    z.looseObject({
      id: z.string(),
      submittedAt: z.string(),
      counter: z.object({ id: z.number(), name: z.string() }),
      reasons: z.array(z.string()),
      excluded: z.boolean(),
    }),
  ),
})
export type FlagsAnswer = z.infer<typeof FlagsAnswer>
const Exclusion = z.looseObject({ id: z.string(), excluded: z.boolean() })

export const api = {
  stats: (params: Record<string, string | number | undefined>) => request(StatsAnswer, 'GET', `/stats${query(params)}`),
  surveys: () => request(z.array(SurveyItem), 'GET', '/surveys'),
  surveyVersion: (surveyId: number, versionId: number) =>
    request(z.looseObject({ definition: SurveyDefinition }), 'GET', `/surveys/${surveyId}/versions/${versionId}`).then((v) => v.definition),
  fields: () => request(z.array(FieldItem), 'GET', '/fields'),
  units: (on: string) => request(z.array(UnitOnDate), 'GET', `/units${query({ on })}`),
  counters: (unitId?: number) => request(z.array(CounterItem), 'GET', `/counters${query({ unitId })}`),
  targets: () => request(z.array(Target), 'GET', '/targets'),
  servicePoints: (unitId?: number) => request(z.array(ServicePointWithCounters), 'GET', `/service-points${query({ unitId })}`),
  createServicePoint: (body: Partial<NewServicePoint>) => request(z.looseObject({ id: z.number() }), 'POST', '/service-points', body),
  changeServicePoint: (id: number, body: { name?: string; isActive?: boolean }) =>
    request(z.looseObject({ id: z.number() }), 'PATCH', `/service-points/${id}`, body),
  createCounter: (body: Partial<NewCounter>) => request(CounterDetail, 'POST', '/counters', body),
  changeCounter: (id: number, body: { name?: string; isActive?: boolean }) => request(CounterDetail, 'PATCH', `/counters/${id}`, body),
  rotateCode: (id: number) => request(CounterDetail, 'POST', `/counters/${id}/rotate-code`, {}),
  importDossierCounts: (csv: string) =>
    request(z.object({ imported: z.number(), inserted: z.number(), updated: z.number() }), 'POST', '/dossier-counts/import', csv).then(
      (r) => ({
        created: r.inserted,
        updated: r.updated,
        unchanged: r.imported - r.inserted - r.updated,
      }),
    ),
  apiKeys: () =>
    request(
      z.array(
        z.looseObject({ id: z.number(), name: z.string(), unitId: z.number(), createdAt: z.string(), revokedAt: z.string().nullable() }),
      ),
      'GET',
      '/api-keys',
    ),
  createApiKey: (body: { name: string; unitId: number }) =>
    request(z.looseObject({ id: z.number(), key: z.string() }), 'POST', '/api-keys', body),
  revokeApiKey: (id: number) => request(z.undefined(), 'POST', `/api-keys/${id}/revoke`, {}),
  flags: (params: Record<string, string | number | undefined>) => request(FlagsAnswer, 'GET', `/flags${query(params)}`),
  setExcluded: (responseId: string, isExcluded: boolean, reason: string) =>
    request(Exclusion, 'POST', `/responses/${responseId}/${isExcluded ? 'exclude' : 'restore'}`, { reason }),
  me: () => request(AuthAnswer, 'GET', '/auth/me').then((a) => a.user),
  login: (username: string, password: string) => request(AuthAnswer, 'POST', '/auth/login', { username, password }).then((a) => a.user),
  logout: () => request(z.undefined(), 'POST', '/auth/logout'),
}
