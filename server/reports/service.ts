import type { CurrentUser } from '../../shared/auth-contract'
import type { FiguresAnswer } from '../../shared/feedback-contract'
import type { StatsQuery } from '../../shared/stats-query'
import type { SurveyDefinition } from '../../shared/survey-definition'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { findFieldLabels, getStats, type GroupOut, type StatsResult } from '../stats/service'
import { findLatestSurveyDefinition } from '../surveys/service'
import { listTargets } from '../targets/service'
import { handlingFigures } from '../feedback/service'
import { countSetApartByReason } from '../flags/service'
import { resolveReadScope } from '../stats/scope'
import { findUnitHeading } from './queries'

export type ReportTargetRow = {
  scope: string
  value: number
  rate: number | null
  /** The 95% interval of the rate the target is judged on. */
  ci95: [number, number] | null
  met: boolean | null
  source: string
  responses: number
}

export type PeriodicReport = {
  unitName: string
  parentName: string | null
  periodLabel: string
  from: string
  to: string
  survey: StatsResult['survey']
  overall: GroupOut
  targets: ReportTargetRow[]
  byField: GroupOut[]
  byUnit: GroupOut[]
  byQuestion: GroupOut[]
  definition: SurveyDefinition | undefined
  /** Ratings set apart from the figures in the period, and why. */
  setApart: { total: number; byReason: Record<string, number> }
  /** How citizens' comments were taken up and answered in the period, with the targets of that kind. */
  feedback: FiguresAnswer
}

/**
 * The periodic report of a unit (quý, 6 tháng, năm): every figure comes from the stats service with the same
 * query the dashboard sends, so the report and the dashboard cannot disagree.
 */
export async function buildPeriodicReport(deps: Deps, user: CurrentUser, query: StatsQuery): Promise<PeriodicReport> {
  const unitId = query.unitId ?? user.unitId
  if (unitId === null || unitId === undefined) {
    throw new AppError('invalid_input', 'Chọn đơn vị báo cáo.', [{ path: ['unitId'], message: 'Cần chọn đơn vị báo cáo.' }])
  }
  const base = { ...query, unitId, counterId: undefined, fields: undefined }
  // Grouped by question, the answer still carries the whole period's figures in `overall`: one query for both.
  const overall = await getStats(deps, user, { ...base, groupBy: 'question' })
  const { units } = await resolveReadScope(deps, user, { unitId }, { from: overall.from, to: overall.to })
  const [byField, byUnit, heading, targets, setApart, feedback] = await Promise.all([
    getStats(deps, user, { ...base, surveyId: overall.survey.id, groupBy: 'field' }),
    getStats(deps, user, { ...base, surveyId: overall.survey.id, groupBy: 'unit' }),
    findUnitHeading(deps.sql, unitId, overall.to),
    listTargets(deps, user, { unitId }),
    countSetApartByReason(deps.sql, { units, surveyId: overall.survey.id, timeZone: deps.config.timeZone, ownUnitId: null }),
    handlingFigures(deps, user, { unitId, range: { from: overall.from, to: overall.to, label: overall.label } }),
  ])
  if (!heading) throw new AppError('not_found', 'Đơn vị không tồn tại trong kỳ báo cáo.')

  const rows: ReportTargetRow[] = overall.overall.targets.map((t) => ({
    scope: 'Toàn bộ lĩnh vực',
    value: t.value,
    rate: overall.overall.rate,
    ci95: overall.overall.ci95,
    met: t.met,
    source: t.source,
    responses: overall.overall.responses,
  }))
  // Field-group targets of the unit itself (đất đai + xây dựng + đầu tư): each pooled set is one stats query.
  const pooled = targets.filter(
    (t) =>
      t.unitId === unitId &&
      t.fieldIds.length > 0 &&
      t.metric === overall.survey.metric &&
      t.periodStart <= overall.to &&
      t.periodEnd >= overall.from,
  )
  for (const target of pooled) {
    const fields = await findFieldLabels(deps, target.fieldIds)
    const group = await getStats(deps, user, { ...base, surveyId: overall.survey.id, groupBy: 'none', fields: fields.map((f) => f.code) })
    for (const t of group.overall.targets) {
      rows.push({
        scope: `Lĩnh vực ${fields.map((f) => f.name.toLocaleLowerCase('vi')).join(', ')}`,
        value: t.value,
        rate: group.overall.rate,
        ci95: group.overall.ci95,
        met: t.met,
        source: t.source,
        responses: group.overall.responses,
      })
    }
  }
  return {
    unitName: heading.name,
    parentName: heading.parentName,
    periodLabel: overall.label,
    from: overall.from,
    to: overall.to,
    survey: overall.survey,
    overall: overall.overall,
    targets: dedupe(rows),
    byField: byField.groups,
    byUnit: byUnit.groups,
    byQuestion: overall.groups,
    definition: await findLatestSurveyDefinition(deps, overall.survey.id),
    setApart,
    feedback,
  }
}

const dedupe = (rows: ReportTargetRow[]) => {
  const seen = new Set<string>()
  return rows.filter((r) => {
    const key = `${r.scope}|${r.value}|${r.source}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
