import { notApplicable, scales } from './scales'
import type { Question, SurveyDefinition } from './survey-definition'

export type AnswerValue = number | number[] | string
export type Answers = Record<string, AnswerValue>
export type AnswerIssue = { path: (string | number)[]; message: string }

export const defaultTextLength = 1000
export const requiredMessage = 'an answer is required'
export const noRatingMessage = 'answer at least one question on the scale'

/** Whether a follow-up question is asked, given the answers so far. */
export function isAsked(question: Question, answers: Answers): boolean {
  if (!question.showWhen) return true
  const trigger = answers[question.showWhen.question]
  const given = Array.isArray(trigger) ? trigger : [trigger]
  return given.some((value) => typeof value === 'number' && question.showWhen!.values.includes(value))
}

/** Checks answers against one survey version: unknown keys, values off the scale, missing required answers. */
export function validateAnswers(survey: SurveyDefinition, answers: Answers): AnswerIssue[] {
  const issues: AnswerIssue[] = []
  const byKey = new Map(survey.questions.map((q) => [q.key, q]))
  for (const key of Object.keys(answers)) {
    if (!byKey.has(key)) issues.push({ path: ['answers', key], message: `unknown question "${key}"` })
  }
  for (const question of survey.questions) {
    const value = answers[question.key]
    const path = ['answers', question.key]
    if (!isAsked(question, answers)) {
      if (value !== undefined) issues.push({ path, message: 'this follow-up does not apply to the answers given' })
      continue
    }
    if (value === undefined) {
      if (question.required) issues.push({ path, message: requiredMessage })
      continue
    }
    const problem = checkValue(question, value)
    if (problem) issues.push({ path, message: problem })
  }
  // A rating says how satisfied someone was: with no level on any scale question (nothing, or only "không áp
  // dụng"), there is nothing to count, so it is refused rather than stored empty.
  const scaleQuestions = survey.questions.filter((q) => q.type === 'scale' && isAsked(q, answers))
  const rated = scaleQuestions.some((q) => typeof answers[q.key] === 'number' && answers[q.key] !== notApplicable)
  if (scaleQuestions.length > 0 && !rated && issues.length === 0) {
    issues.push({ path: ['answers', scaleQuestions[0]!.key], message: noRatingMessage })
  }
  return issues
}

function checkValue(question: Question, value: AnswerValue): string | undefined {
  switch (question.type) {
    case 'scale': {
      const allowed = scales[question.scale!].levels.map((level) => level.value)
      if (question.allowNotApplicable) allowed.push(notApplicable)
      return typeof value === 'number' && allowed.includes(value) ? undefined : `must be one of ${allowed.join(', ')}`
    }
    case 'choice': {
      const allowed = question.options!.map((o) => o.value)
      return typeof value === 'number' && allowed.includes(value) ? undefined : `must be one of ${allowed.join(', ')}`
    }
    case 'multi': {
      const allowed = question.options!.map((o) => o.value)
      if (!Array.isArray(value) || value.length === 0) return 'must be a non-empty list of options'
      if (new Set(value).size !== value.length) return 'options must not repeat'
      return value.every((v) => allowed.includes(v)) ? undefined : `each option must be one of ${allowed.join(', ')}`
    }
    case 'text': {
      const maxLength = question.maxLength ?? defaultTextLength
      if (typeof value !== 'string') return 'must be text'
      return value.length <= maxLength ? undefined : `must be at most ${maxLength} characters`
    }
  }
}
