import { metricNames } from '../../shared/metric-names'
import type { CurrentUser } from '../../shared/auth-contract'
import {
  type PublicBreakdown,
  type PublicColumn,
  type PublicFigure,
  type PublicIndicator,
  type PublicPeriod,
  type PublicResults,
  parsePublicPeriod,
  publicPeriodKey,
  verdictOf,
} from '../../shared/public-results-contract'
import { reportLabel, reportRange } from '../../shared/reporting-calendar'
import type { Grouping, StatsGroup } from '../../shared/stats-contract'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { feedbackTargetMetric } from '../feedback/service'
import { findFieldLabels, getStats } from '../stats/service'
import { listSurveys } from '../surveys/service'
import { listTargets } from '../targets/service'
import { todayOf } from '../units/scope'
import { findAncestry, findUnitByKey, hasSubunits, type PublicUnitRow } from './queries'

/**
 * The page reads as a reader of every unit would: what it shows is public by design (aggregates only, small
 * cells withheld by the stats service), so no unit's figures are kept from it. No session is ever made of it.
 */
const publicReader: CurrentUser = { id: 0, username: 'cong-khai', displayName: 'Trang công khai', role: 'admin', unitId: null }

const metricOrder = ['tthc', 'sipas', 'dvc_truc_tuyen', 'y_te', 'giao_duc', 'y_te_giao_duc']
const rankOf = (metric: string) => (metricOrder.includes(metric) ? metricOrder.indexOf(metric) : metricOrder.length)

const notFound = () => new AppError('not_found', 'Không tìm thấy đơn vị này.')

/**
 * GET /cong-khai/:unit: the unit's satisfaction against the targets of its plans and of the plans above it, by
 * period, from the stats service (the dashboard's figures: flagged ratings set apart, verified and unverified
 * counted, small cells withheld). Without `periodKey`, the current year; a year with no rating yet falls back
 * to the year before, as the dashboard does.
 */
export async function getPublicResults(deps: Deps, { unitKey, periodKey }: { unitKey: string; periodKey?: string | undefined }) {
  const reader: Deps = { ...deps, sql: deps.readSql }
  const today = todayOf(deps)
  const unit = await findUnitByKey(reader.sql, unitKey, today)
  if (!unit) throw notFound()
  if (periodKey !== undefined) {
    const period = parsePublicPeriod(periodKey)
    if (!period) throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', [{ path: ['ky'], message: 'Kỳ không hợp lệ.' }])
    if (reportRange(period).from > today) {
      throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', [{ path: ['ky'], message: 'Kỳ này chưa bắt đầu.' }])
    }
    return buildResults(deps, reader, unit, period, today, null)
  }
  const year = yearOf(today)
  const current = await buildResults(deps, reader, unit, { kind: 'nam', year }, today, null)
  const isEmpty = current.counted.every((c) => c.responses + c.excluded === 0)
  return isEmpty ? buildResults(deps, reader, unit, { kind: 'nam', year: year - 1 }, today, year) : current
}

/** The reporting year a day falls in: from 15 December it is the next year's. */
function yearOf(day: string) {
  const year = Number(day.slice(0, 4))
  return day.slice(5) >= '12-15' ? year + 1 : year
}

const columnOf = (period: PublicPeriod): PublicColumn => {
  const label = reportLabel(period)
  return { key: publicPeriodKey(period), name: label.replace(/ \(.*\)$/, ''), label, ...reportRange(period) }
}

/** The quarters of the period's year that had begun by `today`, up to the period, then the period if it is longer. */
function columnsOf(period: PublicPeriod, today: string) {
  const own = columnOf(period)
  const quarters = [1, 2, 3, 4]
    .map((index) => columnOf({ kind: 'quy', year: period.year, index }))
    .filter((q) => q.from <= own.to && (q.from <= today || q.key === own.key))
  return period.kind === 'quy' ? quarters : [...quarters, own]
}

function otherPeriodsOf(period: PublicPeriod, today: string) {
  const years = [period.year - 1, period.year, period.year + 1]
  const periods: PublicPeriod[] = years.flatMap((year) => [
    ...(year === period.year ? ([1, 2, 3, 4] as const).map((index) => ({ kind: 'quy' as const, year, index })) : []),
    { kind: 'nam' as const, year },
  ])
  return periods
    .map(columnOf)
    .filter((c) => c.from <= today && c.key !== publicPeriodKey(period))
    .map(({ key, name }) => ({ key, label: name }))
}

const emptyFigure: PublicFigure = {
  responses: 0,
  excluded: 0,
  suppressed: true,
  sufficient: false,
  rate: null,
  ci95: null,
  target: null,
  verdict: 'chua-du-du-lieu',
}

export function figureOf(group: StatsGroup): PublicFigure {
  return {
    responses: group.responses,
    excluded: group.excluded ?? 0,
    suppressed: group.suppressed,
    sufficient: group.sufficient,
    rate: group.rate,
    ci95: group.ci95,
    target: group.targets[0]?.value ?? null,
    verdict: verdictOf(group),
  }
}

type StatsAsked = { column: PublicColumn; unitId: number; surveyId: number; fields?: string[] | undefined; groupBy: Grouping }

/** The stats service's answer; null for a unit that did not exist in the period (nothing to show). */
async function statsOf(deps: Deps, { column, unitId, surveyId, fields, groupBy }: StatsAsked) {
  try {
    return await getStats(deps, publicReader, {
      range: { from: column.from, to: column.to, label: column.label },
      unitId,
      surveyId,
      fields,
      groupBy,
      verified: 'all',
    })
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null
    throw error
  }
}

const sameFields = (a: number[], b: number[]) => [...a].sort((x, y) => x - y).join() === [...b].sort((x, y) => x - y).join()

async function buildResults(
  deps: Deps,
  reader: Deps,
  unit: PublicUnitRow,
  period: PublicPeriod,
  today: string,
  fellBackFrom: number | null,
): Promise<PublicResults> {
  const own = columnOf(period)
  const columns = columnsOf(period, today)
  const span = { from: columns[0]!.from, to: own.to }
  const onDate = own.to < today ? own.to : today
  const [chain, allTargets, surveys, withSubunits] = await Promise.all([
    findAncestry(reader.sql, unit.id, onDate),
    listTargets(reader, publicReader, {}),
    listSurveys(reader),
    hasSubunits(reader.sql, unit.id, own),
  ])
  const targets = allTargets.filter(
    (t) => chain.includes(t.unitId) && t.metric !== feedbackTargetMetric && t.periodStart <= span.to && t.periodEnd >= span.from,
  )
  const fieldIds = [...new Set(targets.flatMap((t) => t.fieldIds))]
  const fieldLabels = fieldIds.length === 0 ? [] : await findFieldLabels(reader, fieldIds)
  const published = surveys.filter((s) => s.versions.length > 0).sort((a, b) => rankOf(a.metric) - rankOf(b.metric) || a.id - b.id)

  const indicators: PublicIndicator[] = []
  const counted: PublicResults['counted'] = []
  const measured: typeof published = []
  for (const survey of published) {
    const scopes: number[][] = [[]]
    for (const t of targets) if (t.metric === survey.metric && !scopes.some((s) => sameFields(s, t.fieldIds))) scopes.push(t.fieldIds)
    let hasRatings = false
    for (const scope of scopes) {
      const fields = fieldLabels.filter((f) => scope.includes(f.id))
      const answers = await Promise.all(
        columns.map((column) =>
          statsOf(deps, {
            column,
            unitId: unit.id,
            surveyId: survey.id,
            fields: fields.length ? fields.map((f) => f.code) : undefined,
            groupBy: 'none',
          }),
        ),
      )
      const figures = answers.map((a) => (a ? figureOf(a.overall) : emptyFigure))
      const last = answers.at(-1)?.overall
      if (scope.length === 0) {
        hasRatings = answers.some((a) => a !== null && a.overall.responses + (a.overall.excluded ?? 0) > 0)
        counted.push({ surveyTitle: survey.title, responses: last?.responses ?? 0, excluded: last?.excluded ?? 0 })
      }
      const applying = last?.targets ?? answers.find((a) => a !== null)?.overall.targets ?? []
      if (!hasRatings && !targets.some((t) => t.metric === survey.metric && sameFields(t.fieldIds, scope))) continue
      indicators.push({
        metric: survey.metric,
        title: metricNames[survey.metric],
        surveyTitle: survey.title,
        fields: fields.map((f) => f.name),
        targets: applying.map(({ value, source }) => ({ value, source })),
        figures,
      })
    }
    if (hasRatings) measured.push(survey)
    else counted.pop()
  }

  const byField: PublicBreakdown[] = []
  const bySubunit: PublicBreakdown[] = []
  for (const survey of measured) {
    const fields = await statsOf(deps, { column: own, unitId: unit.id, surveyId: survey.id, groupBy: 'field' })
    const fieldRows = (fields?.groups ?? []).filter((g) => g.key !== '').map((g) => ({ label: g.label, figure: figureOf(g) }))
    if (fieldRows.length > 0) byField.push({ surveyTitle: survey.title, rows: fieldRows })
    if (!withSubunits) continue
    const units = await statsOf(deps, { column: own, unitId: unit.id, surveyId: survey.id, groupBy: 'unit' })
    const unitRows = (units?.groups ?? []).map((g) => ({
      label: g.key === String(unit.id) ? `${g.label} (phiếu tại chính đơn vị)` : g.label,
      figure: figureOf(g),
    }))
    if (unitRows.length > 0) bySubunit.push({ surveyTitle: survey.title, rows: unitRows })
  }

  return {
    unit: { id: unit.id, code: unit.code, name: unit.name },
    period: own,
    fellBackFrom,
    columns,
    indicators,
    byField,
    bySubunit,
    counted,
    otherPeriods: otherPeriodsOf(period, today),
    asOfDate: today,
  }
}
