import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  evaluateTargets,
  isSufficient,
  isSuppressed,
  poolCounts,
  scoreItem,
  scoreSurvey,
  selectTargets,
  surveyInterval,
  wilsonInterval,
} from '../../shared/scoring'
import type { ItemCounts, Target } from '../../shared/scoring'
import type { ScaleId } from '../../shared/scales'
import { Question, SurveyDefinition } from '../../shared/survey-definition'
import { counterQuickRating, sipasService } from '../../server/demo/questionnaires'

const scaleItem = (key: string, scale: ScaleId = 'satisfaction-5', aspect?: string) =>
  Question.parse({ key, type: 'scale', scale, label: key, aspect, allowNotApplicable: true })

const defineSurvey = (aspects: { key: string; weight?: number }[], questions: unknown[], headline?: string) =>
  SurveyDefinition.parse({ title: 'Khảo sát', headline, aspects: aspects.map((a) => ({ label: a.key, ...a })), questions })

/** Counts for values 1..5 of the SIPAS scale, then "không áp dụng". */
const fiveLevels = (c1: number, c2: number, c3: number, c4: number, c5: number, notApplicable = 0) => ({
  '1': c1,
  '2': c2,
  '3': c3,
  '4': c4,
  '5': c5,
  '0': notApplicable,
})

/** An item with `satisfied` of 200 valid answers on the 5-level scale. */
const satisfiedOf200 = (satisfied: number) => fiveLevels(200 - satisfied, 0, 0, satisfied, 0)

const quick = SurveyDefinition.parse(counterQuickRating.definition)
const sipas = SurveyDefinition.parse(sipasService.definition)
const sipasAspectRates: Record<string, number> = { tiep_can: 176, thu_tuc: 169, cong_chuc: 170, ket_qua: 180, gop_y: 159 }
const sipasExample: ItemCounts[] = sipas.questions.map((q) => ({ key: q.key, counts: satisfiedOf200(sipasAspectRates[q.aspect!]!) }))

describe('scoreItem', () => {
  it('scores the worked example: 170 of 200 satisfied, mean 4.13', () => {
    const score = scoreItem(scaleItem('c_lich_su'), fiveLevels(4, 6, 20, 100, 70))
    expect(score).toMatchObject({ key: 'c_lich_su', valid: 200, satisfied: 170, rate: 0.85 })
    expect(score.mean).toBeCloseTo(4.13, 2)
  })

  it('leaves "không áp dụng" and off-scale values out of the denominator', () => {
    const score = scoreItem(scaleItem('x'), { '0': 50, '4': 3, '1': 1, '9': 7 })
    expect(score).toMatchObject({ valid: 4, satisfied: 3, rate: 0.75, mean: 3.25 })
  })

  it('counts 3 and 2 as satisfied on the 3-level counter scale', () => {
    const score = scoreItem(scaleItem('overall', 'satisfaction-3'), { '3': 5, '2': 3, '1': 2 })
    expect(score).toMatchObject({ valid: 10, satisfied: 8, rate: 0.8 })
    expect(score.mean).toBeCloseTo(2.3, 10)
  })

  it('gives a mean but no rate on the 4-level agreement scale', () => {
    const score = scoreItem(scaleItem('phu_hop', 'agreement-4'), { '4': 1, '1': 1 })
    expect(score).toMatchObject({ valid: 2, satisfied: 0, rate: null, mean: 2.5 })
  })

  it('has neither rate nor mean without valid answers', () => {
    expect(scoreItem(scaleItem('x'), { '0': 10 })).toMatchObject({ valid: 0, rate: null, mean: null })
    expect(scoreItem(scaleItem('x'))).toMatchObject({ valid: 0, rate: null, mean: null })
  })

  it('counts the options of a choice question without rating them', () => {
    const reasons = quick.questions.find((q) => q.key === 'reasons')!
    expect(scoreItem(reasons, { '1': 4, '6': 2, '7': 9 })).toMatchObject({ valid: 6, satisfied: 0, rate: null, mean: null })
  })
})

describe('scoreSurvey', () => {
  it('builds the service index 85.4% from five equally weighted aspects', () => {
    const score = scoreSurvey(sipas, sipasExample)
    expect(score.aspects.map((a) => [a.key, a.rate])).toEqual([
      ['tiep_can', 0.88],
      ['thu_tuc', 0.845],
      ['cong_chuc', 0.85],
      ['ket_qua', 0.9],
      ['gop_y', 0.795],
    ])
    expect(score.rate).toBeCloseTo(0.854, 10)
    expect(score.items).toHaveLength(16)
  })

  it('averages the item rates of an aspect, skipping items without valid answers', () => {
    const survey = defineSurvey(
      [{ key: 'a' }],
      [scaleItem('x', 'satisfaction-5', 'a'), scaleItem('y', 'satisfaction-5', 'a'), scaleItem('z', 'satisfaction-5', 'a')],
    )
    const score = scoreSurvey(survey, [
      { key: 'x', counts: { '5': 8, '2': 2 } },
      { key: 'y', counts: { '4': 60, '1': 40 } },
      { key: 'z', counts: { '0': 30 } },
    ])
    expect(score.aspects[0]!.rate).toBeCloseTo(0.7, 10)
    expect(score.rate).toBeCloseTo(0.7, 10)
  })

  it('weights aspects and re-normalises over the aspects that have a rate', () => {
    const survey = defineSurvey(
      [
        { key: 'a', weight: 3 },
        { key: 'b', weight: 1 },
        { key: 'c', weight: 2 },
      ],
      [scaleItem('x', 'satisfaction-5', 'a'), scaleItem('y', 'satisfaction-5', 'b'), scaleItem('z', 'satisfaction-5', 'c')],
    )
    const score = scoreSurvey(survey, [
      { key: 'x', counts: { '5': 9, '1': 1 } },
      { key: 'y', counts: { '4': 1, '2': 1 } },
    ])
    expect(score.aspects.map((a) => [a.key, a.rate, a.weight])).toEqual([
      ['a', 0.9, 3],
      ['b', 0.5, 1],
      ['c', null, 2],
    ])
    expect(score.rate).toBeCloseTo(0.8, 10)
  })

  it('takes the headline rate when the survey has no aspects', () => {
    const score = scoreSurvey(quick, [
      { key: 'overall', counts: { '3': 6, '2': 2, '1': 2 } },
      { key: 'thai_do', counts: { '3': 1, '1': 9 } },
      { key: 'reasons', counts: { '1': 2 } },
    ])
    expect(score.rate).toBe(0.8)
    expect(score.items.map((i) => [i.key, i.rate])).toEqual([
      ['overall', 0.8],
      ['reasons', null],
      ['thuan_tien', null],
      ['thai_do', 0.1],
      ['dung_hen', null],
    ])
  })

  it('averages the satisfaction items when there is neither aspect nor headline', () => {
    const survey = defineSurvey([], [scaleItem('x'), scaleItem('y', 'satisfaction-3'), scaleItem('p', 'agreement-4')])
    const score = scoreSurvey(survey, [
      { key: 'x', counts: { '5': 8, '3': 2 } },
      { key: 'y', counts: { '2': 4, '1': 6 } },
      { key: 'p', counts: { '4': 10 } },
    ])
    expect(score.rate).toBeCloseTo(0.6, 10)
  })

  it('has no rate when nothing was answered on a satisfaction scale', () => {
    expect(scoreSurvey(sipas, [{ key: '*', counts: { '0': 12 } }]).rate).toBeNull()
    expect(scoreSurvey(quick, []).rate).toBeNull()
  })

  it('sums the counts of a question listed twice', () => {
    const score = scoreSurvey(quick, [
      { key: 'overall', counts: { '3': 1 } },
      { key: 'overall', counts: { '1': 3 } },
    ])
    expect(score.items[0]).toMatchObject({ key: 'overall', valid: 4, satisfied: 1, rate: 0.25 })
  })
})

describe('poolCounts', () => {
  it('pools the field group into 184 of 200 (92%), not the 88% mean of the field rates', () => {
    const land = [{ key: 'overall', counts: { '3': 25, '2': 15, '1': 10 } }]
    const construction = [{ key: 'overall', counts: { '3': 100, '2': 44, '1': 6 } }]
    const question = scaleItem('overall', 'satisfaction-3')
    const [pooled] = poolCounts([land, construction])
    const score = scoreItem(question, pooled!.counts)
    expect(score).toMatchObject({ valid: 200, satisfied: 184, rate: 0.92 })
    const meanOfFieldRates = (scoreItem(question, land[0]!.counts).rate! + scoreItem(question, construction[0]!.counts).rate!) / 2
    expect(meanOfFieldRates).toBeCloseTo(0.88, 10)
  })

  it('sums counts per question and value, keeping questions seen in one list only', () => {
    expect(
      poolCounts([
        [
          { key: 'a', counts: { '1': 2, '0': 1 } },
          { key: '*', counts: { '0': 3 } },
        ],
        [
          { key: 'a', counts: { '1': 5, '2': 1 } },
          { key: 'b', counts: { '3': 4 } },
        ],
      ]),
    ).toEqual([
      { key: 'a', counts: { '1': 7, '0': 1, '2': 1 } },
      { key: '*', counts: { '0': 3 } },
      { key: 'b', counts: { '3': 4 } },
    ])
  })

  it('does not change the lists it pools', () => {
    const first = [{ key: 'a', counts: { '1': 2 } }]
    poolCounts([first, [{ key: 'a', counts: { '1': 5 } }]])
    expect(first).toEqual([{ key: 'a', counts: { '1': 2 } }])
  })
})

describe('wilsonInterval', () => {
  it('gives about ±4.9 points around 85% for 170 of 200', () => {
    const [lo, hi] = wilsonInterval(170, 200)!
    expect(lo).toBeCloseTo(0.79394, 4)
    expect(hi).toBeCloseTo(0.89286, 4)
    expect((hi - lo) / 2).toBeCloseTo(0.0495, 4)
  })

  it('is null without answers', () => {
    expect(wilsonInterval(0, 0)).toBeNull()
  })

  it('stays within [0, 1] when every answer or none is satisfied', () => {
    const [lo0, hi0] = wilsonInterval(0, 10)!
    const [lo1, hi1] = wilsonInterval(10, 10)!
    expect(lo0).toBe(0)
    expect(hi0).toBeCloseTo(0.27753, 4)
    expect(lo1).toBeCloseTo(0.72247, 4)
    expect(hi1).toBe(1)
  })

  it('narrows with a smaller z', () => {
    const [lo, hi] = wilsonInterval(170, 200, 1)!
    expect(hi - lo).toBeLessThan(0.06)
    expect(lo).toBeGreaterThan(0.82)
  })

  it('rejects more successes than answers', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError)
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError)
  })
})

describe('surveyInterval', () => {
  it('uses the counts of the headline item when it alone makes the rate', () => {
    const score = scoreSurvey(quick, [
      { key: 'overall', counts: { '3': 100, '2': 70, '1': 30 } },
      { key: 'thai_do', counts: { '3': 1, '1': 1 } },
    ])
    expect(surveyInterval(quick, score, 260)).toEqual(wilsonInterval(170, 200))
  })

  it('centres the aspect index on its rate with the responses as effective n', () => {
    const [lo, hi] = surveyInterval(sipas, scoreSurvey(sipas, sipasExample), 200)!
    expect(lo).toBeCloseTo(0.7984, 4)
    expect(hi).toBeCloseTo(0.8963, 4)
  })

  it('uses the responses as effective n for several items without aspects', () => {
    const survey = defineSurvey([], [scaleItem('x'), scaleItem('y')])
    const score = scoreSurvey(survey, [
      { key: 'x', counts: { '5': 80, '1': 20 } },
      { key: 'y', counts: { '5': 40, '1': 60 } },
    ])
    const [lo, hi] = surveyInterval(survey, score, 100)!
    const [expectedLo, expectedHi] = wilsonInterval(60, 100)!
    expect(lo).toBeCloseTo(expectedLo, 12)
    expect(hi).toBeCloseTo(expectedHi, 12)
  })

  it('uses the one rated item of an aspect index as it stands', () => {
    const survey = defineSurvey(
      [{ key: 'a' }, { key: 'b' }],
      [scaleItem('x', 'satisfaction-5', 'a'), scaleItem('y', 'satisfaction-5', 'b')],
    )
    const score = scoreSurvey(survey, [
      { key: 'x', counts: { '5': 9, '1': 3 } },
      { key: 'y', counts: { '0': 4 } },
    ])
    expect(surveyInterval(survey, score, 16)).toEqual(wilsonInterval(9, 12))
  })

  it('is null when the survey has no rate or no responses', () => {
    expect(surveyInterval(quick, scoreSurvey(quick, []), 0)).toBeNull()
    expect(surveyInterval(sipas, scoreSurvey(sipas, sipasExample), 0)).toBeNull()
  })
})

describe('sample size', () => {
  it('flags fewer than 30 answers as insufficient', () => {
    expect(isSufficient(29)).toBe(false)
    expect(isSufficient(30)).toBe(true)
    expect(isSufficient(99, 100)).toBe(false)
  })

  it('suppresses cells under 5', () => {
    expect(isSuppressed(4)).toBe(true)
    expect(isSuppressed(5)).toBe(false)
    expect(isSuppressed(9, 10)).toBe(true)
  })
})

describe('targets', () => {
  const commune = 12
  const district = 5
  const province = 1
  const target = (id: number, unitId: number, value: number, fieldIds: number[] = []): Target => ({
    id,
    unitId,
    value,
    fieldIds,
    source: `KH CCHC ${id}`,
  })
  const targets = [
    target(1, province, 0.9),
    target(2, district, 0.96),
    target(3, commune, 0.9),
    target(4, 7, 0.99),
    target(5, district, 0.87, [3, 4]),
  ]

  it('applies the unit’s own targets and all its ancestors’, nearest first', () => {
    const applicable = selectTargets([commune, district, province], targets)
    expect(applicable.map((t) => [t.id, t.isInherited])).toEqual([
      [3, false],
      [2, true],
      [5, true],
      [1, true],
    ])
  })

  it('inherits the ancestors’ targets when the unit has none', () => {
    const applicable = selectTargets([13, district, province], targets)
    expect(applicable.map((t) => [t.id, t.isInherited])).toEqual([
      [2, true],
      [5, true],
      [1, true],
    ])
  })

  it('finds nothing when no unit of the ancestry has a target', () => {
    expect(selectTargets([7], targets.slice(0, 3))).toEqual([])
  })

  it('evaluates every target, strictest first, with the gap in points', () => {
    const results = evaluateTargets(0.92, selectTargets([commune, district, province], targets))
    expect(results.map((r) => [r.id, r.value, r.met, r.gapPoints, r.source, r.isInherited])).toEqual([
      [2, 0.96, false, -4, 'KH CCHC 2', true],
      [3, 0.9, true, 2, 'KH CCHC 3', false],
      [1, 0.9, true, 2, 'KH CCHC 1', true],
      [5, 0.87, true, 5, 'KH CCHC 5', true],
    ])
  })

  it('rounds the gap to a tenth of a point', () => {
    expect(evaluateTargets(0.8543, [target(1, 1, 0.85)])[0]!.gapPoints).toBe(0.4)
    expect(evaluateTargets(0.8567, [target(1, 1, 0.85)])[0]!.gapPoints).toBe(0.7)
    expect(evaluateTargets(0.8, [target(1, 1, 0.85)])[0]!.gapPoints).toBe(-5)
  })

  it('counts a rate equal to the target as met even after rounding errors', () => {
    const rate = (0.85 + 0.95) / 2
    expect(rate).toBeLessThan(0.9)
    expect(evaluateTargets(rate, [target(1, 1, 0.9)])[0]).toMatchObject({ met: true, gapPoints: 0 })
    expect(evaluateTargets(0.8999, [target(1, 1, 0.9)])[0]).toMatchObject({ met: false, gapPoints: 0 })
  })

  it('has neither verdict nor gap without a rate', () => {
    expect(evaluateTargets(null, [target(1, 1, 0.9)])[0]).toMatchObject({ value: 0.9, met: null, gapPoints: null })
  })
})

describe('scoring properties', () => {
  const answerValue = fc.integer({ min: 0, max: 6 })
  const counts = fc.dictionary(fc.constantFrom('0', '1', '2', '3', '4', '5', '6'), fc.nat({ max: 1000 }))

  it('keeps every item rate within [0, 1] and every mean on the scale', () => {
    fc.assert(
      fc.property(counts, fc.constantFrom<ScaleId>('satisfaction-3', 'satisfaction-5'), (given, scale) => {
        const score = scoreItem(scaleItem('x', scale), given)
        if (score.valid === 0) return score.rate === null && score.mean === null
        const top = scale === 'satisfaction-3' ? 3 : 5
        return score.rate! >= 0 && score.rate! <= 1 && score.mean! >= 1 && score.mean! <= top
      }),
    )
  })

  it('pools counts into the rate a recount of the raw answers gives', () => {
    const countsOf = (answers: number[]) => {
      const tally: Record<string, number> = {}
      for (const value of answers) tally[value] = (tally[value] ?? 0) + 1
      return [{ key: 'x', counts: tally }]
    }
    fc.assert(
      fc.property(fc.array(fc.array(answerValue, { maxLength: 60 }), { maxLength: 8 }), (units) => {
        const [pooled] = poolCounts(units.map(countsOf))
        const score = scoreItem(scaleItem('x'), pooled?.counts)
        const all = units.flat()
        const valid = all.filter((v) => v >= 1 && v <= 5).length
        const satisfied = all.filter((v) => v === 4 || v === 5).length
        expect([score.valid, score.satisfied, score.rate]).toEqual([valid, satisfied, valid === 0 ? null : satisfied / valid])
      }),
    )
  })

  it('keeps the Wilson interval within [0, 1] and around the rate', () => {
    const sample = fc
      .integer({ min: 1, max: 100_000 })
      .chain((n) => fc.tuple(fc.oneof(fc.integer({ min: 0, max: n }), fc.double({ min: 0, max: n, noNaN: true })), fc.constant(n)))
    fc.assert(
      fc.property(sample, ([successes, n]) => {
        const [lo, hi] = wilsonInterval(successes, n)!
        const rate = successes / n
        return lo >= 0 && hi <= 1 && lo <= rate && rate <= hi
      }),
    )
  })

  it('keeps the index between the lowest and highest aspect rate', () => {
    const aspect = fc.record({
      weight: fc.double({ min: 0.1, max: 100, noNaN: true }),
      items: fc.array(counts, { minLength: 1, maxLength: 3 }),
    })
    fc.assert(
      fc.property(fc.array(aspect, { minLength: 1, maxLength: 5 }), (aspects) => {
        const keyed = aspects.map((a, i) => ({ ...a, key: `a${i}`, itemKeys: a.items.map((_, j) => `q${i}_${j}`) }))
        const survey = defineSurvey(
          keyed.map(({ key, weight }) => ({ key, weight })),
          keyed.flatMap((a) => a.itemKeys.map((key) => scaleItem(key, 'satisfaction-5', a.key))),
        )
        const score = scoreSurvey(
          survey,
          keyed.flatMap((a) => a.items.map((c, j) => ({ key: a.itemKeys[j]!, counts: c }))),
        )
        const rates = score.aspects.flatMap((a) => (a.rate === null ? [] : [a.rate]))
        if (rates.length === 0) return score.rate === null
        return score.rate! >= Math.min(...rates) - 1e-12 && score.rate! <= Math.max(...rates) + 1e-12
      }),
    )
  })
})
