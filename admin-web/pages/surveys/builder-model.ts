import { notApplicable, notApplicableLabel, scales, type ScaleId } from '../../../shared/scales'
import type { Question, SurveyDefinition } from '../../../shared/survey-definition'

// The builder edits this model rather than a SurveyDefinition: inputs hold what was typed (a weight may be
// "" for a moment), and references (follow-up, aspect, headline) point at a question's or aspect's uid, so
// renaming a key or reordering keeps them. `toDefinition` turns it back into what the schema checks.

export type QuestionType = Question['type']

export type OptionDraft = { uid: number; value: number; label: string; labelEn?: string | undefined }
export type AspectDraft = { uid: number; key: string; label: string; weight: string; labelEn?: string | undefined }
export type QuestionDraft = {
  uid: number
  key: string
  label: string
  type: QuestionType
  scale: ScaleId
  required: boolean
  allowNotApplicable: boolean
  options: OptionDraft[]
  aspectUid: number | null
  followsUid: number | null
  followValues: number[]
  labelEn?: string | undefined
  maxLength?: number | undefined
}
export type SurveyDraft = {
  title: string
  headlineUid: number | null
  aspects: AspectDraft[]
  questions: QuestionDraft[]
  titleEn?: string | undefined
  intro?: string | undefined
  introEn?: string | undefined
}

/** A questionnaire before the schema has checked it: what the preview shows and the schema is given. */
export type DefinitionInput = {
  title: string
  titleEn?: string | undefined
  intro?: string | undefined
  introEn?: string | undefined
  headline?: string | undefined
  aspects: { key: string; label: string; labelEn?: string | undefined; weight?: number | undefined }[]
  questions: {
    key: string
    type: QuestionType
    scale?: ScaleId | undefined
    label: string
    labelEn?: string | undefined
    required: boolean
    allowNotApplicable: boolean
    options?: { value: number; label: string; labelEn?: string | undefined }[] | undefined
    aspect?: string | undefined
    showWhen?: { question: string; values: number[] } | undefined
    maxLength?: number | undefined
  }[]
}

export const typeNames: Record<QuestionType, string> = {
  scale: 'Thang đo mức độ',
  choice: 'Chọn một phương án',
  multi: 'Chọn nhiều phương án',
  text: 'Trả lời tự do (chữ)',
}

export const scaleNames: Record<ScaleId, string> = {
  'satisfaction-3': 'Hài lòng 3 mức (mặt cười)',
  'satisfaction-5': 'Hài lòng 5 mức (SIPAS)',
  'agreement-4': '4 mức phù hợp (không tính hài lòng)',
}

let lastUid = 0
const newUid = () => ++lastUid

export function emptyDraft(title: string): SurveyDraft {
  return { title, headlineUid: null, aspects: [], questions: [] }
}

export function fromDefinition(definition: SurveyDefinition): SurveyDraft {
  const aspectUids = new Map(definition.aspects.map((a) => [a.key, newUid()]))
  const questionUids = new Map(definition.questions.map((q) => [q.key, newUid()]))
  return {
    title: definition.title,
    titleEn: definition.titleEn,
    intro: definition.intro,
    introEn: definition.introEn,
    headlineUid: definition.headline === undefined ? null : (questionUids.get(definition.headline) ?? null),
    aspects: definition.aspects.map((a) => ({
      uid: aspectUids.get(a.key)!,
      key: a.key,
      label: a.label,
      labelEn: a.labelEn,
      weight: String(a.weight),
    })),
    questions: definition.questions.map((q) => ({
      uid: questionUids.get(q.key)!,
      key: q.key,
      label: q.label,
      labelEn: q.labelEn,
      type: q.type,
      scale: q.scale ?? 'satisfaction-3',
      required: q.required,
      allowNotApplicable: q.allowNotApplicable,
      options: (q.options ?? []).map((o) => ({ uid: newUid(), value: o.value, label: o.label, labelEn: o.labelEn })),
      aspectUid: q.aspect === undefined ? null : (aspectUids.get(q.aspect) ?? null),
      followsUid: q.showWhen ? (questionUids.get(q.showWhen.question) ?? null) : null,
      followValues: q.showWhen?.values ?? [],
      maxLength: q.maxLength,
    })),
  }
}

/** A model kept in the browser's storage, with its uids moved past the ones in use. */
export function adoptStoredDraft(draft: SurveyDraft): SurveyDraft {
  const uids = [...draft.aspects.map((a) => a.uid), ...draft.questions.flatMap((q) => [q.uid, ...q.options.map((o) => o.uid)])]
  lastUid = Math.max(lastUid, ...uids)
  return draft
}

/** Questions another one may follow up on: those with answers to choose. */
export const hasChoices = (type: QuestionType) => type !== 'text'

/** The answers a question offers, in the citizen page's order; "không áp dụng" last. */
export function choicesOf(q: Pick<QuestionDraft, 'type' | 'scale' | 'allowNotApplicable' | 'options'>): { value: number; label: string }[] {
  if (q.type === 'text') return []
  if (q.type === 'scale') {
    const levels = scales[q.scale].levels.map((l) => ({ value: l.value, label: l.label }))
    return q.allowNotApplicable ? [...levels, { value: notApplicable, label: notApplicableLabel.label }] : levels
  }
  return q.options.map((o) => ({ value: o.value, label: o.label }))
}

/** What the schema checks and the API stores: text as typed, references resolved to keys. */
export function toDefinition(draft: SurveyDraft): DefinitionInput {
  const byUid = new Map(draft.questions.map((q) => [q.uid, q]))
  const aspectKey = (uid: number | null) => draft.aspects.find((a) => a.uid === uid)?.key
  return {
    title: draft.title,
    titleEn: draft.titleEn,
    intro: draft.intro,
    introEn: draft.introEn,
    headline: draft.headlineUid === null ? undefined : (byUid.get(draft.headlineUid)?.key ?? ''),
    aspects: draft.aspects.map((a) => ({
      key: a.key,
      label: a.label,
      labelEn: a.labelEn,
      weight: a.weight.trim() === '' ? undefined : Number(a.weight.replace(',', '.')),
    })),
    questions: draft.questions.map((q) => {
      const follows = q.followsUid === null ? undefined : byUid.get(q.followsUid)
      const offered = new Set(follows ? choicesOf(follows).map((c) => c.value) : [])
      const isChoice = q.type === 'choice' || q.type === 'multi'
      return {
        key: q.key,
        type: q.type,
        scale: q.type === 'scale' ? q.scale : undefined,
        label: q.label,
        labelEn: q.labelEn,
        required: q.required,
        allowNotApplicable: q.type === 'scale' && q.allowNotApplicable,
        options: isChoice ? q.options.map((o) => ({ value: o.value, label: o.label, labelEn: o.labelEn })) : undefined,
        aspect: q.type === 'scale' && q.aspectUid !== null ? aspectKey(q.aspectUid) : undefined,
        showWhen:
          q.followsUid === null ? undefined : { question: follows?.key ?? '', values: q.followValues.filter((v) => offered.has(v)) },
        maxLength: q.type === 'text' ? q.maxLength : undefined,
      }
    }),
  }
}

/** The stored form of a draft, to tell whether the one on screen differs from the one saved. */
export const fingerprintOf = (draft: SurveyDraft) => JSON.stringify(toDefinition(draft))

function nextQuestionKey(questions: QuestionDraft[]) {
  let n = questions.length + 1
  while (questions.some((q) => q.key === `cau_${n}`)) n++
  return `cau_${n}`
}

export function addQuestion(draft: SurveyDraft): SurveyDraft {
  const question: QuestionDraft = {
    uid: newUid(),
    key: nextQuestionKey(draft.questions),
    label: '',
    type: 'scale',
    scale: 'satisfaction-3',
    required: false,
    allowNotApplicable: false,
    options: [],
    aspectUid: null,
    followsUid: null,
    followValues: [],
  }
  return { ...draft, questions: [...draft.questions, question] }
}

export function removeQuestion(draft: SurveyDraft, uid: number): SurveyDraft {
  return {
    ...draft,
    headlineUid: draft.headlineUid === uid ? null : draft.headlineUid,
    questions: draft.questions
      .filter((q) => q.uid !== uid)
      .map((q) => (q.followsUid === uid ? { ...q, followsUid: null, followValues: [] } : q)),
  }
}

export function moveQuestion(draft: SurveyDraft, uid: number, by: -1 | 1): SurveyDraft {
  const from = draft.questions.findIndex((q) => q.uid === uid)
  const to = from + by
  if (from < 0 || to < 0 || to >= draft.questions.length) return draft
  const questions = [...draft.questions]
  const [moved] = questions.splice(from, 1)
  questions.splice(to, 0, moved!)
  return { ...draft, questions }
}

export function changeQuestion(draft: SurveyDraft, uid: number, change: Partial<QuestionDraft>): SurveyDraft {
  return {
    ...draft,
    questions: draft.questions.map((q) => {
      if (q.uid !== uid) return q
      const next = { ...q, ...change }
      const needsOptions = next.type === 'choice' || next.type === 'multi'
      if (needsOptions && next.options.length === 0) {
        next.options = [1, 2].map((value) => ({ uid: newUid(), value, label: '' }))
      }
      return next
    }),
    headlineUid: draft.headlineUid === uid && change.type !== undefined && change.type !== 'scale' ? null : draft.headlineUid,
  }
}

/** A new option takes the next unused code: codes are stored with answers, so they never shift. */
export function addOption(draft: SurveyDraft, uid: number): SurveyDraft {
  const q = draft.questions.find((x) => x.uid === uid)
  if (!q) return draft
  const value = Math.max(0, ...q.options.map((o) => o.value)) + 1
  return changeQuestion(draft, uid, { options: [...q.options, { uid: newUid(), value, label: '' }] })
}

export function removeOption(draft: SurveyDraft, uid: number, optionUid: number): SurveyDraft {
  const q = draft.questions.find((x) => x.uid === uid)
  if (!q) return draft
  return changeQuestion(draft, uid, { options: q.options.filter((o) => o.uid !== optionUid) })
}

export function changeOption(draft: SurveyDraft, uid: number, optionUid: number, label: string): SurveyDraft {
  const q = draft.questions.find((x) => x.uid === uid)
  if (!q) return draft
  return changeQuestion(draft, uid, { options: q.options.map((o) => (o.uid === optionUid ? { ...o, label } : o)) })
}

export function addAspect(draft: SurveyDraft): SurveyDraft {
  return { ...draft, aspects: [...draft.aspects, { uid: newUid(), key: '', label: '', weight: '1' }] }
}

export function removeAspect(draft: SurveyDraft, uid: number): SurveyDraft {
  return {
    ...draft,
    aspects: draft.aspects.filter((a) => a.uid !== uid),
    questions: draft.questions.map((q) => (q.aspectUid === uid ? { ...q, aspectUid: null } : q)),
  }
}

export function changeAspect(draft: SurveyDraft, uid: number, change: Partial<AspectDraft>): SurveyDraft {
  return { ...draft, aspects: draft.aspects.map((a) => (a.uid === uid ? { ...a, ...change } : a)) }
}

const anchors = [
  /^questions\.\d+\.options\.\d+\.label$/,
  /^questions\.\d+\.(key|label|type|scale|aspect|showWhen|options|maxLength)$/,
  /^questions\.\d+$/,
  /^aspects\.\d+\.(key|label|weight)$/,
  /^aspects\.\d+$/,
  /^(title|headline|aspects|questions)$/,
]

/**
 * Issues by the input they belong to ("questions.1.key"), the path shortened until it names one; what names
 * none is shown at the top of the builder under "".
 */
export function issuesByInput(issues: { path: (string | number)[]; message: string }[]): Record<string, string[]> {
  const placed: Record<string, string[]> = {}
  for (const issue of issues) {
    let at = ''
    for (let n = issue.path.length; n > 0; n--) {
      const candidate = issue.path.slice(0, n).join('.')
      if (anchors.some((anchor) => anchor.test(candidate))) {
        at = candidate
        break
      }
    }
    const list = (placed[at] ??= [])
    if (!list.includes(issue.message)) list.push(issue.message)
  }
  return placed
}
