import { demographicQuestions, type Demographics, type PaperForm } from '../../../shared/campaign-contract'
import { notApplicableLabel, scales } from '../../../shared/scales'
import type { Question, SurveyDefinition } from '../../../shared/survey-definition'

// The paper entry screen's pure parts: which questions are typed, the codes each accepts, the form typed.

/** Questions typed from a paper form: every question but free text (not transcribed, it may name people). */
export const typedQuestions = (definition: SurveyDefinition) => definition.questions.filter((q) => q.type !== 'text')

/** The codes printed beside a question on the form, as a hint: "3 = Rất hài lòng, …; 0 = Không ý kiến". */
export function codeHint(question: Question): string {
  const levels = question.scale ? scales[question.scale].levels : (question.options ?? [])
  const codes = levels.map((l) => `${l.value} = ${l.label}`).join(', ')
  const several = question.type === 'multi' ? '; nhiều lựa chọn cách nhau bằng dấu cách' : ''
  return question.allowNotApplicable ? `${codes}; 0 = ${notApplicableLabel.label}${several}` : `${codes}${several}`
}

type Band = (typeof demographicQuestions)[number]

/** The demographic bands a campaign asks (none by default; ethnicity only when turned on as well). */
export const askedBands = (option: { enabled: boolean; ethnicity: boolean }): Band[] =>
  option.enabled ? demographicQuestions.filter((q) => q.key !== 'dan_toc' || option.ethnicity) : []

/** A band's codes as a hint: "1 = Nam, 2 = Nữ, 3 = Khác; để trống nếu không trả lời". */
export const bandHint = (band: Band) => `${band.options.map((o) => `${o.value} = ${o.label}`).join(', ')}; để trống nếu không trả lời`

/**
 * The form as typed: empty inputs are unanswered; a multi-choice input holds codes separated by spaces. The
 * bands typed (inputs `d.<key>`) go with it only when some were.
 */
export function paperFormOf(definition: SurveyDefinition, data: FormData, counterId: number, bands: Band[] = []): PaperForm {
  const answers: PaperForm['answers'] = {}
  for (const question of typedQuestions(definition)) {
    const text = String(data.get(`a.${question.key}`) ?? '').trim()
    if (text === '') continue
    const codes = text.split(/[\s,;|]+/).map(Number)
    answers[question.key] = question.type === 'multi' ? codes : codes[0]!
  }
  const demographics: Record<string, number> = {}
  for (const band of bands) {
    const text = String(data.get(`d.${band.key}`) ?? '').trim()
    if (text !== '') demographics[band.key] = Number(text)
  }
  const form = { counterId, formNumber: String(data.get('formNumber') ?? ''), filledOn: String(data.get('filledOn') ?? ''), answers }
  return Object.keys(demographics).length > 0 ? { ...form, demographics: demographics as Demographics } : form
}

/** The next form's number: a numbered stack goes 007 → 008; anything else is left for the enumerator to type. */
export function nextFormNumber(current: string): string {
  const match = /^(.*?)(\d+)$/.exec(current.trim())
  if (!match) return ''
  const next = String(Number(match[2]) + 1).padStart(match[2]!.length, '0')
  return `${match[1]}${next}`
}
