import { createHmac } from 'node:crypto'
import { defaultTextLength, validateAnswers, type Answers } from '../../shared/answers'
import type { SurveyDefinition } from '../../shared/survey-definition'
import { redactPersonalData } from '../../shared/redact'
import type { NewResponse } from '../../shared/response-contract'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import type { ServedSurvey } from '../serving/service'
import type { NewResponseRow } from './queries'

type Provenance = Pick<NewResponseRow, 'channel' | 'isVerified'> & { fieldId?: number | null }

/** Validates a rating against the survey version its counter serves and builds the row to store. */
export function prepareResponse(deps: Deps, served: ServedSurvey, input: NewResponse, provenance: Provenance): NewResponseRow {
  const definition = served.definition
  const fieldId =
    provenance.fieldId !== undefined && input.fieldCode === undefined ? provenance.fieldId : resolveField(served, input.fieldCode)
  const issues = validateAnswers(definition, input.answers)
  if (issues.length > 0) throw new AppError('invalid_input', 'Câu trả lời chưa hợp lệ.', issues)
  if (input.officialId !== undefined && !served.officials.some((o) => o.id === input.officialId)) {
    throw new AppError('invalid_input', 'Công chức này không phục vụ tại quầy.', [
      { path: ['officialId'], message: 'Công chức này không phục vụ tại quầy.' },
    ])
  }
  const comment = input.comment?.trim() ? redactPersonalData(input.comment.trim(), commentMaxLength) : null
  const answers = redactTextAnswers(definition, input.answers)
  return {
    submissionId: input.submissionId,
    contentHash: contentHashOf(deps.config.secretKey, input, answers, comment),
    surveyId: served.surveyId,
    surveyVersionId: served.surveyVersionId,
    counterId: served.counterId,
    unitId: served.unitId,
    fieldId,
    procedureCode: input.procedureCode ?? null,
    channel: provenance.channel,
    isVerified: provenance.isVerified,
    flagReasons: [],
    isExcluded: false,
    submittedAt: deps.clock(),
    answers,
    comment,
    officialId: input.officialId ?? null,
  }
}

/** The comment column's limit, in characters. */
const commentMaxLength = 1000

/** Every free-text answer goes through the same redaction as the comment, cut to its question's limit. */
function redactTextAnswers(definition: SurveyDefinition, answers: Answers): Answers {
  const redacted: Answers = { ...answers }
  for (const question of definition.questions) {
    const value = answers[question.key]
    if (question.type === 'text' && typeof value === 'string') {
      redacted[question.key] = redactPersonalData(value, question.maxLength ?? defaultTextLength)
    }
  }
  return redacted
}

function resolveField(served: ServedSurvey, fieldCode: string | undefined): number | null {
  if (fieldCode === undefined) return served.fields.length === 1 ? served.fields[0]!.id : null
  const field = served.fields.find((f) => f.code === fieldCode)
  if (!field) {
    throw new AppError('invalid_input', 'Lĩnh vực không thuộc quầy này.', [
      { path: ['fieldCode'], message: `the counter serves ${served.fields.map((f) => f.code).join(', ') || 'no field'}` },
    ])
  }
  return field.id
}

/**
 * Tells a replay (same content) from a conflict (other content). Keyed with the secret and taken over the
 * redacted comment and text answers, so the stored hash cannot be used to test guesses of personal data. Integrity signals
 * (form token, honeypot) are not content.
 */
function contentHashOf(secretKey: string, input: NewResponse, redactedAnswers: Answers, comment: string | null) {
  const answers: Answers = Object.fromEntries(Object.entries(redactedAnswers).sort(([a], [b]) => (a < b ? -1 : 1)))
  const canonical = JSON.stringify([
    input.counterCode ?? null,
    input.invitationToken ?? null,
    input.fieldCode ?? null,
    input.procedureCode ?? null,
    answers,
    comment,
    // Only when given, so that the hash of a rating naming no official is what it was before officials existed.
    ...(input.officialId === undefined ? [] : [input.officialId]),
  ])
  return createHmac('sha256', secretKey).update(canonical).digest()
}
