import { describe, expect, it } from 'vitest'
import { validateAnswers } from '../../shared/answers'
import { SurveyDefinition } from '../../shared/survey-definition'
import { counterQuickRating, sipasService } from '../../server/demo/questionnaires'

const quick = SurveyDefinition.parse(counterQuickRating.definition)
const paths = (answers: Record<string, unknown>) => validateAnswers(quick, answers as never).map((i) => `${i.path.join('.')}: ${i.message}`)

describe('validateAnswers', () => {
  it('accepts a one-tap rating', () => {
    expect(paths({ overall: 3 })).toEqual([])
  })

  it('accepts "không áp dụng" only where the question allows it', () => {
    expect(paths({ overall: 2, dung_hen: 0 })).toEqual([])
    expect(paths({ overall: 0 })).toEqual(['answers.overall: must be one of 3, 2, 1'])
  })

  it('requires the required answer and rejects unknown keys and off-scale values', () => {
    expect(paths({ thai_do: 4, extra: 1 })).toEqual([
      'answers.extra: unknown question "extra"',
      'answers.overall: an answer is required',
      'answers.thai_do: must be one of 3, 2, 1, 0',
    ])
  })

  it('asks a follow-up only when its trigger was given', () => {
    expect(paths({ overall: 1, reasons: [1, 5] })).toEqual([])
    expect(paths({ overall: 3, reasons: [1] })).toEqual(['answers.reasons: this follow-up does not apply to the answers given'])
    expect(paths({ overall: 1, reasons: [1, 1] })).toEqual(['answers.reasons: options must not repeat'])
    expect(paths({ overall: 1, reasons: 1 })).toEqual(['answers.reasons: must be a non-empty list of options'])
  })
})

describe('validateAnswers: a rating must rate', () => {
  const sipas = SurveyDefinition.parse(sipasService.definition)
  const sipasPaths = (answers: Record<string, unknown>) =>
    validateAnswers(sipas, answers as never).map((i) => `${i.path.join('.')}: ${i.message}`)

  it('refuses a rating with no answer at all, though no question is required', () => {
    expect(sipasPaths({})).toEqual(['answers.a_bien_hieu: answer at least one question on the scale'])
  })

  it('refuses a rating whose every answer is "không áp dụng"', () => {
    expect(sipasPaths({ a_bien_hieu: 0, e_thong_bao: 0 })).toEqual(['answers.a_bien_hieu: answer at least one question on the scale'])
  })

  it('accepts one level on one scale question', () => {
    expect(sipasPaths({ a_bien_hieu: 0, e_thong_bao: 4 })).toEqual([])
  })
})

describe('SurveyDefinition', () => {
  it('accepts both demo questionnaires, SIPAS with 5 aspects and 16 items', () => {
    const sipas = SurveyDefinition.parse(sipasService.definition)
    expect(sipas.aspects).toHaveLength(5)
    expect(sipas.questions).toHaveLength(16)
  })

  it('rejects duplicate keys, unknown aspects, a scale question without a scale and a follow-up of a later question', () => {
    const result = SurveyDefinition.safeParse({
      title: 'x',
      aspects: [{ key: 'a', label: 'A' }],
      questions: [
        { key: 'q1', type: 'scale', label: 'Q', showWhen: { question: 'q2', values: [1] } },
        { key: 'q2', type: 'scale', scale: 'satisfaction-5', label: 'Q', aspect: 'b' },
        { key: 'q2', type: 'text', label: 'Q' },
      ],
    })
    expect(result.success).toBe(false)
    const messages = result.error!.issues.map((i) => i.message)
    expect(messages).toEqual(
      expect.arrayContaining([
        'duplicate question key',
        'unknown aspect "b"',
        'a scale question needs a scale; other types have none',
        'a follow-up must depend on an earlier question',
      ]),
    )
  })
})
