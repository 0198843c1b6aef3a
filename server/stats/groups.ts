import {
  evaluateTargets,
  isSufficient,
  isSuppressed,
  scoreSurvey,
  selectTargets,
  surveyInterval,
  wilsonInterval,
  type ItemScore,
  type Target,
} from '../../shared/scoring'
import { notApplicable, scales } from '../../shared/scales'
import type { DossierFigures, StatsGroup, StatsItem } from '../../shared/stats-contract'
import type { Question, SurveyDefinition } from '../../shared/survey-definition'
import type { CountRow, DossierSumRow, TargetRow } from './queries'

// Pure: rollup counts, dossier sums and targets in, the groups of GET /api/v1/stats out.

export type StatsItemOut = StatsItem
export type GroupOut = StatsGroup

/** What a group stands for when its targets are looked up: the unit (with its ancestors), fields and days. */
export type TargetScope = { unitId: number; fieldIds: number[]; from: string; to: string }

export const realtimeIndexLabel =
  'Chỉ số theo QĐ 766/QĐ-TTg, ước tính: (hồ sơ đã trả − hồ sơ trễ hạn) / hồ sơ đã trả; không so sánh được với tỷ lệ hài lòng khảo sát'

/** Sums the counts of one group: '*' rows are responses (excluded ones apart), other rows answers. */
export function tally(rows: CountRow[]) {
  let responses = 0
  let excluded = 0
  const byKey = new Map<string, Record<string, number>>()
  for (const row of rows) {
    if (row.questionKey === '*') {
      if (row.isExcluded) excluded += row.n
      else responses += row.n
      continue
    }
    if (row.isExcluded) continue
    const counts = byKey.get(row.questionKey) ?? {}
    counts[String(row.value)] = (counts[String(row.value)] ?? 0) + row.n
    byKey.set(row.questionKey, counts)
  }
  return { responses, excluded, itemCounts: [...byKey].map(([key, counts]) => ({ key, counts })) }
}

export function buildGroup(
  definition: SurveyDefinition,
  { key, label }: { key: string; label: string },
  rows: CountRow[],
  targets: Target[],
): GroupOut {
  const { responses, excluded, itemCounts } = tally(rows)
  const score = scoreSurvey(definition, itemCounts)
  const suppressed = isSuppressed(responses)
  const rate = suppressed ? null : score.rate
  return {
    key,
    label,
    responses,
    excluded,
    suppressed,
    rate,
    ci95: rate === null ? null : surveyInterval(definition, score, responses),
    sufficient: isSufficient(responses),
    targets: targetsOut(rate, targets),
    items: suppressed ? [] : score.items.map((item) => itemOut(definition, item)),
  }
}

/** groupBy=question: one group per counted question; its "responses" are the answers it got, N/A included. */
export function buildQuestionGroups(definition: SurveyDefinition, rows: CountRow[]): GroupOut[] {
  const score = scoreSurvey(definition, tally(rows).itemCounts)
  return score.items.map((item) => {
    const answers = Object.values(item.counts).reduce((sum, n) => sum + n, 0)
    const suppressed = isSuppressed(answers)
    const out = itemOut(definition, item)
    return {
      key: item.key,
      label: out.label,
      responses: answers,
      suppressed,
      rate: suppressed ? null : item.rate,
      ci95: suppressed || item.rate === null ? null : wilsonInterval(item.satisfied, item.valid),
      sufficient: isSufficient(item.valid),
      targets: [],
      items: suppressed ? [] : [out],
    }
  })
}

export function dossierFiguresOf(responses: number, sums: DossierSumRow | undefined): DossierFigures | undefined {
  if (!sums) return undefined
  const { received, returned, overdue } = sums
  return {
    responseRate: returned > 0 ? responses / returned : null,
    dossiers: { received, returned, overdue },
    realtimeIndex: { rate: returned > 0 ? (returned - overdue) / returned : null, label: realtimeIndexLabel },
  }
}

/**
 * The targets that apply to a group (docs/domain.md §5): those of its unit and of every ancestor whose period
 * overlaps the group's days, matched on fields by the most specific rule that finds any:
 *   1. a target whose pooled field set is exactly the group's fields (none = the all-fields target);
 *   2. for a field selection, a pooled target whose set covers all of the group's fields (land alone is held
 *      to the "đất đai, xây dựng, đầu tư ≥ 87%" target, not to the 96% one meant for the other fields);
 *   3. for a field selection with neither, the all-fields target.
 */
export function applicableTargets(rows: TargetRow[], { unitId, fieldIds, from, to }: TargetScope): Target[] {
  const mine = rows.filter((row) => row.forUnitId === unitId && row.periodStart <= to && row.periodEnd >= from)
  const ancestry = [...new Map(mine.map((row) => [row.depth, row.unitId])).entries()].sort(([a], [b]) => a - b).map(([, id]) => id)
  const candidates = selectTargets(
    ancestry,
    mine.map((row) => ({ id: row.id, unitId: row.unitId, value: row.value, fieldIds: row.fieldIds, source: sourceOf(row) })),
  )
  const wanted = [...fieldIds].sort((a, b) => a - b)
  const isAllFields = (t: Target) => t.fieldIds.length === 0
  const exact = candidates.filter((t) => t.fieldIds.length === wanted.length && t.fieldIds.every((id, i) => id === wanted[i]))
  if (exact.length > 0 || wanted.length === 0) return exact
  const covering = candidates.filter((t) => !isAllFields(t) && wanted.every((id) => t.fieldIds.includes(id)))
  return covering.length > 0 ? covering : candidates.filter(isAllFields)
}

function sourceOf(row: TargetRow) {
  return `${row.planNumber} (${row.planIssuer}): ${row.planTitle}`
}

function targetsOut(rate: number | null, targets: Target[]) {
  return evaluateTargets(rate, targets).map(({ value, met, source }) => ({ value, met, source }))
}

function itemOut(definition: SurveyDefinition, item: ItemScore): StatsItemOut {
  const question = definition.questions.find((q) => q.key === item.key)
  return {
    key: item.key,
    label: question?.label ?? item.key,
    valid: item.valid,
    satisfied: item.satisfied,
    rate: item.rate,
    mean: item.mean,
    counts: question ? { ...zeroCountsOf(question), ...item.counts } : item.counts,
  }
}

/** Every level or option at 0, so a chart shows the levels nobody chose. */
function zeroCountsOf(question: Question): Record<string, number> {
  const values =
    question.type === 'scale' && question.scale
      ? scales[question.scale].levels.map((l) => l.value)
      : (question.options ?? []).map((o) => o.value)
  if (question.allowNotApplicable) values.push(notApplicable)
  return Object.fromEntries(values.sort((a, b) => a - b).map((value) => [String(value), 0]))
}
