import { useEffect, useState } from 'hono/jsx/dom'
import type { UnitOnDate } from '../../../shared/admin-contract'
import type { StatsAnswer, StatsGroup } from '../../../shared/stats-contract'
import type { SurveyDefinition } from '../../../shared/survey-definition'
import { api, ApiError, type CounterItem, type SurveyItem } from '../../api'
import { fieldCardTitle, isEmptyYear, pooledFieldSets, rangeParams, type Filters } from './dashboard-model'

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

/** The period's overall answer; a new year with no ratings yet shows the last year that has some, and says so. */
async function overallOf(scope: Record<string, string | number | undefined>, f: Filters) {
  const overall = await api.stats({ ...scope, ...rangeParams(f) })
  const fellBackFrom = isEmptyYear(overall) && !new URLSearchParams(location.search).has('year') ? f.year : undefined
  if (fellBackFrom === undefined) return { overall, year: f.year, fellBackFrom }
  return { overall: await api.stats({ ...scope, ...rangeParams(f, f.year - 1) }), year: f.year - 1, fellBackFrom }
}

async function load(f: Filters): Promise<Loaded> {
  const surveys = await api.surveys()
  const survey = surveys.find((s) => s.id === f.surveyId) ?? surveys.find((s) => s.metric === 'tthc') ?? surveys[0]
  if (!survey) throw new ApiError(404, 'not_found', 'Chưa có phiếu khảo sát nào được phát hành.')
  const scope = { surveyId: survey.id, unitId: f.unitId, verified: f.verified }
  const { overall, year, fellBackFrom } = await overallOf(scope, f)
  const base = { ...scope, ...rangeParams(f, year) }
  const [months, fields, unitGroups, counterGroups, units, counters, targets, allFields] = await Promise.all([
    api.stats({ ...base, groupBy: 'month' }),
    api.stats({ ...base, groupBy: 'field' }),
    api.stats({ ...base, groupBy: 'unit' }),
    api.stats({ ...base, groupBy: 'counter' }),
    api.units(overall.to),
    api.counters(f.unitId),
    api.targets(),
    api.fields(),
  ])
  const fieldCards = await Promise.all(
    pooledFieldSets(targets, survey.metric, overall.from, overall.to).map(async (ids) => {
      const chosen = allFields.filter((field) => ids.includes(field.id))
      const answer = await api.stats({ ...base, fields: chosen.map((field) => field.code).join(',') })
      return { title: fieldCardTitle(chosen.map((field) => field.name)), group: answer.overall }
    }),
  )
  const latest = survey.versions.at(-1)
  const [items, heat, definition] = await Promise.all([
    api.stats({ ...base, groupBy: 'question' }).then((a) => a.groups),
    f.counterId ? api.stats({ ...base, counterId: f.counterId, groupBy: 'hour-weekday' }).then((a) => a.groups) : Promise.resolve([]),
    latest ? api.surveyVersion(survey.id, latest.id) : Promise.resolve(undefined),
  ])
  const groups = { months: months.groups, fields: fields.groups, unitGroups: unitGroups.groups, counterGroups: counterGroups.groups }
  return { survey, definition, surveys, units, counters, overall, ...groups, fieldCards, items, heat, fellBackFrom }
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
