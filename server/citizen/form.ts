import { isAsked, type Answers } from '../../shared/answers'
import { procedureCodePattern } from '../../shared/procedure-code'
import type { SurveyDefinition } from '../../shared/survey-definition'

type FormBody = Record<string, string | File | (string | File)[]>

const texts = (value: FormBody[string] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string')

/**
 * Reads the form-encoded survey (inputs named `a.<question key>`) into the JSON shape of the API. A follow-up
 * left filled after its trigger changed is dropped: without JavaScript the page cannot hide it.
 */
export function answersFromForm(definition: SurveyDefinition, body: FormBody): Answers {
  const answers: Answers = {}
  for (const question of definition.questions) {
    const given = texts(body[`a.${question.key}`])
      .map((v) => v.trim())
      .filter((v) => v !== '')
    if (given.length === 0) continue
    if (question.type === 'text') answers[question.key] = given[0]!
    else if (question.type === 'multi') answers[question.key] = given.map(Number)
    else answers[question.key] = Number(given[0])
  }
  for (const question of definition.questions) {
    if (!isAsked(question, answers)) delete answers[question.key]
  }
  return answers
}

export function formText(body: FormBody, name: string): string | undefined {
  const value = texts(body[name])[0]?.trim()
  return value ? value : undefined
}

/**
 * The procedure picked from the searchable list ("1.001193 – Đăng ký khai sinh"), typed as a code, or
 * typed as a name of the counter's list. `invalid` when text was given that names no procedure.
 */
export function procedureFromText(text: string | undefined, procedures: { code: string; name: string }[]): string | undefined | 'invalid' {
  if (!text) return undefined
  const first = text.split(/\s/)[0]!
  if (procedureCodePattern.test(first)) return first
  const byName = procedures.find((p) => p.name.toLocaleLowerCase('vi') === text.toLocaleLowerCase('vi'))
  return byName ? byName.code : 'invalid'
}
