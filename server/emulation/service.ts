import type { CurrentUser } from '../../shared/auth-contract'
import {
  classifyAgainstTarget,
  emulationLabels,
  emulationRuleText,
  type EmulationAnswer,
  type EmulationQuery,
  type EmulationRow,
} from '../../shared/officials-contract'
import { minimumSample } from '../../shared/scoring'
import type { Deps } from '../deps'
import { scoreOfficialsForYear } from '../officials/service'
import { getStats } from '../stats/service'
import { listSurveys } from '../surveys/service'

const percent = (share: number | null) => (share === null ? '' : (share * 100).toFixed(1))

/**
 * GET /api/v1/emulation: for a year, every unit of the subtree with ratings, per questionnaire, classified
 * against the strictest target that applies to it (the dashboard's figures: the stats service, by unit), and
 * every official above the minimum n (the same visibility as their results) against their unit's target.
 * The rule (classifyAgainstTarget) is indicative: the emulation council decides.
 */
export async function getEmulation(deps: Deps, user: CurrentUser, query: EmulationQuery): Promise<EmulationAnswer> {
  const range = { from: `${query.year}-01-01`, to: `${query.year}-12-31`, label: `Năm ${query.year}` }
  const surveys = (await listSurveys(deps)).filter((s) => s.versions.length > 0)
  const rows: EmulationRow[] = []
  const unitTargets = new Map<string, number | null>()
  for (const survey of surveys) {
    const stats = await getStats(deps, user, {
      range,
      unitId: query.unitId,
      surveyId: survey.id,
      groupBy: 'unit',
      verified: 'all',
    })
    for (const group of stats.groups) {
      const target = group.targets[0]?.value ?? null
      unitTargets.set(`${group.key}:${survey.id}`, target)
      const level = classifyAgainstTarget(group, target, minimumSample)
      rows.push({
        kind: 'unit',
        id: Number(group.key),
        label: group.label,
        unitId: Number(group.key),
        surveyId: survey.id,
        surveyTitle: survey.title,
        metric: survey.metric,
        responses: group.responses,
        rate: group.rate,
        ci95: group.ci95,
        target,
        level,
        levelLabel: emulationLabels[level],
      })
    }
  }
  const minResponses = deps.config.officialMinN
  const officials = await scoreOfficialsForYear(deps, user, range, query.unitId)
  for (const o of officials.filter((item) => !item.suppressed)) {
    const target = unitTargets.get(`${o.unitId}:${o.surveyId}`) ?? null
    const level = classifyAgainstTarget(o, target, minResponses)
    rows.push({
      kind: 'official',
      id: o.officialId,
      label: `${o.displayName} (${o.counterName})`,
      unitId: o.unitId,
      surveyId: o.surveyId,
      surveyTitle: o.surveyTitle,
      metric: o.metric,
      responses: o.responses,
      rate: o.rate,
      ci95: o.ci95,
      target,
      level,
      levelLabel: emulationLabels[level],
    })
  }
  return { year: query.year, minResponses, rule: emulationRuleText, rows }
}

const csvCell = (value: string) => (/[",;\r\n]/.test(value) || /^[=+\-@]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

/** The table as CSV (UTF-8 with BOM, for Excel): percentages to one decimal (a point), the rule on the last line. */
export function emulationCsv(answer: EmulationAnswer) {
  const lines = [
    [
      'Loại',
      'Đơn vị / công chức',
      'Phiếu khảo sát',
      'Số phiếu',
      'Tỷ lệ hài lòng (%)',
      'Cận dưới (%)',
      'Cận trên (%)',
      'Chỉ tiêu (%)',
      'Xếp loại',
    ],
    ...answer.rows.map((r) => [
      r.kind === 'unit' ? 'Đơn vị' : 'Công chức',
      r.label,
      r.surveyTitle,
      String(r.responses),
      percent(r.rate),
      percent(r.ci95?.[0] ?? null),
      percent(r.ci95?.[1] ?? null),
      percent(r.target),
      r.levelLabel,
    ]),
    [],
    [answer.rule],
  ]
  return `\uFEFF${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`
}
