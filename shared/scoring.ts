import { scales } from './scales'
import type { Scale } from './scales'
import type { Question, SurveyDefinition } from './survey-definition'

/** Answer counts of one question: answer value as text ("0" = không áp dụng) → number of answers. */
export type ItemCounts = { key: string; counts: Record<string, number> }

export type ItemScore = {
  key: string
  valid: number
  satisfied: number
  rate: number | null
  mean: number | null
  counts: Record<string, number>
}
export type AspectScore = { key: string; label: string; rate: number | null; weight: number }
export type SurveyScore = { rate: number | null; items: ItemScore[]; aspects: AspectScore[] }
export type Interval = [lo: number, hi: number]

export type Target = { id: number; unitId: number; value: number; fieldIds: number[]; source: string }
export type TargetResult = { met: boolean | null; gapPoints: number | null }

export const minimumSample = 30
export const minimumCell = 5
const z95 = 1.959964
const rateTolerance = 1e-9

/** docs/domain.md §4: valid = answers on the scale; only satisfaction scales have a rate; the mean needs a scale. */
export function scoreItem(question: Question, counts: Record<string, number> = {}): ItemScore {
  const scale = scaleOf(question)
  let valid = 0
  let satisfied = 0
  let total = 0
  for (const value of answerValues(question)) {
    const n = counts[String(value)] ?? 0
    valid += n
    total += n * value
    if (scale?.satisfied.includes(value)) satisfied += n
  }
  return {
    key: question.key,
    valid,
    satisfied,
    rate: scale?.isSatisfaction && valid > 0 ? satisfied / valid : null,
    mean: scale && valid > 0 ? total / valid : null,
    counts,
  }
}

/** Items of every counted (non-text) question, aspect rates and the index of docs/domain.md §4. */
export function scoreSurvey(definition: SurveyDefinition, itemCounts: ItemCounts[]): SurveyScore {
  const countsByKey = new Map(poolCounts([itemCounts]).map((item) => [item.key, item.counts]))
  const counted = definition.questions.filter((question) => question.type !== 'text')
  const items = counted.map((question) => scoreItem(question, countsByKey.get(question.key)))
  const rateOf = new Map(items.map((item) => [item.key, item.rate]))
  const aspects = definition.aspects.map((aspect) => ({
    key: aspect.key,
    label: aspect.label,
    rate: meanOf(counted.filter((q) => q.aspect === aspect.key).map((q) => rateOf.get(q.key) ?? null)),
    weight: aspect.weight,
  }))
  const rate = aspects.length > 0 ? weightedMeanOf(aspects) : rateWithoutAspects(definition, items)
  return { rate, items, aspects }
}

/** Sums answer counts per question and value; group rates are computed on the result, never averaged. */
export function poolCounts(lists: ItemCounts[][]): ItemCounts[] {
  const pooled = new Map<string, Record<string, number>>()
  for (const item of lists.flat()) {
    const sums = pooled.get(item.key) ?? {}
    for (const [value, n] of Object.entries(item.counts)) sums[value] = (sums[value] ?? 0) + n
    pooled.set(item.key, sums)
  }
  return [...pooled].map(([key, counts]) => ({ key, counts }))
}

/** Wilson score interval of a proportion, kept within [0, 1] and around successes / n; null without answers. */
export function wilsonInterval(successes: number, n: number, z = z95): Interval | null {
  if (n <= 0) return null
  if (successes < 0 || successes > n) throw new RangeError(`successes ${successes} outside 0..${n}`)
  const p = successes / n
  const z2 = z * z
  const denominator = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / denominator
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  return [clampToUnit(Math.min(centre - half, p)), clampToUnit(Math.max(centre + half, p))]
}

/** The interval of a survey's rate; `responses` is the number of responses the score was computed from. */
export function surveyInterval(definition: SurveyDefinition, score: SurveyScore, responses: number, z = z95): Interval | null {
  if (score.rate === null) return null
  const items = contributingItems(definition, score)
  const [single] = items
  if (items.length === 1 && single) return wilsonInterval(single.satisfied, single.valid, z)
  // One respondent's answers to several items are correlated: a composite rate counts respondents, not answers.
  return wilsonInterval(score.rate * responses, responses, z)
}

export function isSufficient(n: number, minimum = minimumSample): boolean {
  return n >= minimum
}

/** Small cells are hidden in dashboards and exports (docs/domain.md §9). */
export function isSuppressed(n: number, minimum = minimumCell): boolean {
  return n < minimum
}

/** Own targets first, then each ancestor's, nearest first; `unitAncestry` lists the unit, its parent, … */
export function selectTargets<T extends Target>(unitAncestry: number[], targets: T[]): (T & { isInherited: boolean })[] {
  const depthOf = new Map(unitAncestry.map((unitId, depth) => [unitId, depth]))
  const depth = (target: T) => depthOf.get(target.unitId) ?? -1
  return targets
    .filter((target) => depth(target) >= 0)
    .sort((a, b) => depth(a) - depth(b))
    .map((target) => ({ ...target, isInherited: depth(target) > 0 }))
}

/** Every target against one rate, strictest (highest value) first. */
export function evaluateTargets<T extends Pick<Target, 'value' | 'source'>>(rate: number | null, targets: T[]): (T & TargetResult)[] {
  return targets
    .map((target) => ({
      ...target,
      // A rate equal to the target can come out of the weighted mean a rounding error below it.
      met: rate === null ? null : rate >= target.value - rateTolerance,
      gapPoints: rate === null ? null : roundToTenth((rate - target.value) * 100),
    }))
    .sort((a, b) => b.value - a.value)
}

function scaleOf(question: Question): Scale | undefined {
  return question.type === 'scale' && question.scale ? scales[question.scale] : undefined
}

function answerValues(question: Question): number[] {
  const scale = scaleOf(question)
  if (scale) return scale.levels.map((level) => level.value)
  return question.options?.map((option) => option.value) ?? []
}

function rateWithoutAspects(definition: SurveyDefinition, items: ItemScore[]): number | null {
  if (definition.headline !== undefined) return items.find((item) => item.key === definition.headline)?.rate ?? null
  return meanOf(items.map((item) => item.rate))
}

/** The items whose answers make up the survey's rate. */
function contributingItems(definition: SurveyDefinition, score: SurveyScore): ItemScore[] {
  const rated = score.items.filter((item) => item.rate !== null)
  if (definition.aspects.length === 0) {
    return definition.headline === undefined ? rated : rated.filter((item) => item.key === definition.headline)
  }
  const ratedAspects = new Set(score.aspects.filter((aspect) => aspect.rate !== null).map((aspect) => aspect.key))
  const aspectOf = new Map(definition.questions.map((question) => [question.key, question.aspect]))
  return rated.filter((item) => ratedAspects.has(aspectOf.get(item.key) ?? ''))
}

function meanOf(rates: (number | null)[]): number | null {
  const known = rates.filter((rate) => rate !== null)
  return known.length === 0 ? null : known.reduce((sum, rate) => sum + rate, 0) / known.length
}

function weightedMeanOf(aspects: AspectScore[]): number | null {
  let weights = 0
  let sum = 0
  for (const { rate, weight } of aspects) {
    if (rate === null) continue
    weights += weight
    sum += rate * weight
  }
  return weights === 0 ? null : sum / weights
}

function clampToUnit(x: number): number {
  return Math.min(1, Math.max(0, x))
}

function roundToTenth(x: number): number {
  const rounded = Math.round(x * 10) / 10
  return rounded === 0 ? 0 : rounded
}
