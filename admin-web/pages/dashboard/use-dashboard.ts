import { useEffect, useState } from 'hono/jsx/dom'
import type { UnitOnDate } from '../../../shared/admin-contract'
import type { StatsAnswer, StatsGroup } from '../../../shared/stats-contract'
import type { SurveyDefinition } from '../../../shared/survey-definition'
import { api, ApiError, type CounterItem, type SurveyItem } from '../../api'
import { fieldCardTitle, isEmptyYear, rangeParams, type Filters } from './dashboard-model'

export type FieldCard = { title: string; group: StatsGroup }

export type Loaded = {
  survey: SurveyItem
  definition: SurveyDefinition | undefined
  surveys: SurveyItem[]
  units: UnitOnDate[]
  counters: CounterItem[]
  overall: StatsAnswer
  months: StatsGroup[]
  fields: StatsGroup[]
  unitGroups: StatsGroup[]
  counterGroups: StatsGroup[]
  fieldCards: FieldCard[]
  items: StatsGroup[]
  heat: StatsGroup[]
  fellBackFrom?: number
}

/**
 * Every figure of the period in one request (GET /api/v1/stats/dashboard); a new year with no ratings yet shows
 * the last year that has some, and says so.
 */
async function dashboardOf(scope: Record<string, string | number | undefined>, f: Filters) {
  const answer = await api.dashboard({ ...scope, ...rangeParams(f) })
  const fellBackFrom = isEmptyYear(answer.overall) && !new URLSearchParams(location.search).has('year') ? f.year : undefined
  if (fellBackFrom === undefined) return { answer, year: f.year, fellBackFrom }
  return { answer: await api.dashboard({ ...scope, ...rangeParams(f, f.year - 1) }), year: f.year - 1, fellBackFrom }
}

async function load(f: Filters): Promise<Loaded> {
  const surveys = await api.surveys()
  const survey = surveys.find((s) => s.id === f.surveyId) ?? surveys.find((s) => s.metric === 'tthc') ?? surveys[0]
  if (!survey) throw new ApiError(404, 'not_found', 'Chưa có phiếu khảo sát nào được phát hành.')
  const scope = { surveyId: survey.id, unitId: f.unitId, verified: f.verified }
  const latest = survey.versions.at(-1)
  const [{ answer, year, fellBackFrom }, counters, definition] = await Promise.all([
    dashboardOf(scope, f),
    api.counters(f.unitId),
    latest ? api.surveyVersion(survey.id, latest.id) : Promise.resolve(undefined),
  ])
  const { overall } = answer
  const [units, heat] = await Promise.all([
    api.units(overall.to),
    f.counterId
      ? api.stats({ ...scope, ...rangeParams(f, year), counterId: f.counterId, groupBy: 'hour-weekday' }).then((a) => a.groups)
      : Promise.resolve([]),
  ])
  const fieldCards = answer.fieldCards.map((card) => ({ title: fieldCardTitle(card.fields.map((field) => field.name)), group: card.group }))
  const groups = { months: answer.months, fields: answer.fields, unitGroups: answer.units, counterGroups: answer.counters }
  return { survey, definition, surveys, units, counters, overall, ...groups, fieldCards, items: answer.items, heat, fellBackFrom }
}

/** The dashboard's figures for the filters in the URL (`key`), reloaded when they change. */
export function useDashboard(filters: Filters, key: string) {
  const [data, setData] = useState<Loaded | undefined>(undefined)
  const [error, setError] = useState('')
  useEffect(() => {
    setError('')
    // Two quick filter changes start two loads; only the one for the filters now shown may land, or a slower
    // earlier answer would overwrite the newer one.
    let isCurrent = true
    load(filters).then(
      (loaded) => isCurrent && setData(loaded),
      (failure: unknown) => isCurrent && setError(failure instanceof ApiError ? failure.message : 'Không tải được số liệu.'),
    )
    return () => {
      isCurrent = false
    }
  }, [key])
  return { data, error }
}
