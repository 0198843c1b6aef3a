import { describe, expect, it } from 'vitest'
import { addQuestion, changeQuestion, emptyDraft, fingerprintOf, type SurveyDraft } from '../../admin-web/pages/surveys/builder-model'
import {
  checkOf,
  clockOf,
  dateOf,
  draftOf,
  editorReducer,
  initialEditorState,
  isDirtyOf,
  isStoredDraft,
  previewSurveyOf,
  publishQuestion,
  withScaleNames,
  type EditorAction,
  type EditorState,
} from '../../admin-web/pages/surveys/survey-editor-model'
import { counterQuickRating } from '../../server/demo/questionnaires'

const run = (actions: EditorAction[], from: EditorState = initialEditorState) => actions.reduce(editorReducer, from)
/** A draft the schema accepts: one labelled 3-level question. */
function validDraft(): SurveyDraft {
  const draft = addQuestion(emptyDraft('Phiếu thử'))
  return changeQuestion(draft, draft.questions[0]!.uid, { label: 'Mức độ hài lòng chung' })
}

describe('Vietnamese formats', () => {
  it('reads an instant as the day and the clock in Vietnam (UTC+7), across midnight', () => {
    expect(dateOf('2025-06-30T17:30:00Z')).toBe('01/07/2025')
    expect(dateOf('2025-06-30T16:59:00Z')).toBe('30/06/2025')
    expect(clockOf(new Date('2025-06-30T17:05:00Z'))).toBe('00:05')
    expect(clockOf(new Date('2025-06-30T06:45:00Z'))).toBe('13:45')
  })

  it('names scales as the builder does in server messages', () => {
    expect(withScaleNames('key "overall" was published as satisfaction-3, not satisfaction-5')).toBe(
      'key "overall" was published as “Hài lòng 3 mức (mặt cười)”, not “Hài lòng 5 mức (SIPAS)”',
    )
  })

  it('asks before publishing, naming this version and the next one a change would need', () => {
    const question = publishQuestion('Phiếu quầy', 3)
    expect(question).toMatch(/^Phát hành “Phiếu quầy” thành phiên bản 3\?\n\n/)
    expect(question).toContain('phát hành phiên bản 4.')
    expect(question).toContain('được gán phiên bản 3.')
  })
})

describe('draftOf / isStoredDraft', () => {
  it('opens the stored draft in the builder', () => {
    const draft = draftOf({ title: 'x', draft: counterQuickRating.definition, versions: [{}] })
    expect(draft?.questions.map((q) => q.key)).toEqual(counterQuickRating.definition.questions.map((q) => q.key))
  })

  it('starts an empty draft titled as the questionnaire only when nothing was ever published', () => {
    expect(draftOf({ title: 'Phiếu mới', draft: null, versions: [] })).toEqual(emptyDraft('Phiếu mới'))
    expect(draftOf({ title: 'Phiếu cũ', draft: null, versions: [{}] })).toBeNull()
    expect(draftOf({ title: 'Phiếu cũ', draft: { title: 1 }, versions: [{}] })).toBeNull()
  })

  it('accepts from storage only what has questions and aspects lists', () => {
    expect(isStoredDraft(validDraft())).toBe(true)
    expect(isStoredDraft({ questions: [], aspects: {} })).toBe(false)
    expect(isStoredDraft({ questions: [] })).toBe(false)
    expect(isStoredDraft(null)).toBe(false)
    expect(isStoredDraft('draft')).toBe(false)
  })
})

describe('editorReducer', () => {
  it('a server draft is clean; an edit makes it dirty; saving it makes it clean again', () => {
    const model = validDraft()
    const loaded = run([{ type: 'server-draft', model }])
    expect(isDirtyOf(loaded)).toBe(false)
    const edited = run([{ type: 'edited', change: (d) => ({ ...d, title: 'Tiêu đề mới' }) }], loaded)
    expect(edited.draft?.title).toBe('Tiêu đề mới')
    expect(isDirtyOf(edited)).toBe(true)
    expect(isDirtyOf(run([{ type: 'saved', model: edited.draft! }], edited))).toBe(false)
  })

  it('no draft is never dirty, and an edit leaves it absent', () => {
    const none = run([{ type: 'server-draft', model: null }])
    expect(none.saved).toBe('')
    expect(isDirtyOf(none)).toBe(false)
    expect(run([{ type: 'edited', change: () => validDraft() }], none).draft).toBeNull()
  })

  it('a restored draft is marked until saved, replaced or dropped', () => {
    const stored = { ...validDraft(), title: 'Soạn dở' }
    const restored = run([
      { type: 'server-draft', model: validDraft() },
      { type: 'restored', draft: stored },
    ])
    expect(restored.isRestored).toBe(true)
    expect(isDirtyOf(restored)).toBe(true)
    expect(run([{ type: 'saved', model: stored }], restored).isRestored).toBe(false)
    expect(run([{ type: 'restore-dropped' }], restored).isRestored).toBe(false)
  })

  it('shows the draft’s own issues only after a refused try, and the server’s until the next edit', () => {
    const invalid = addQuestion(emptyDraft('x'))
    const loaded = run([{ type: 'server-draft', model: invalid }])
    expect(checkOf(loaded).check?.success).toBe(false)
    expect(checkOf(loaded).issues).toEqual({})
    expect(Object.keys(checkOf(run([{ type: 'tried' }], loaded)).issues)).toEqual(['questions.0.label'])

    const refused = run([{ type: 'server-refused', issues: [{ path: ['questions', 0, 'scale'], message: 'Đã phát hành.' }] }], loaded)
    expect(checkOf(refused).issues).toEqual({ 'questions.0.scale': ['Đã phát hành.'] })
    expect(checkOf(run([{ type: 'edited', change: (d) => d }], refused)).issues).toEqual({})
  })

  it('a new server draft forgets the try and the server’s issues', () => {
    const tried = run([
      { type: 'server-draft', model: addQuestion(emptyDraft('x')) },
      { type: 'tried' },
      { type: 'server-refused', issues: [{ path: [], message: 'x' }] },
    ])
    const reloaded = run([{ type: 'server-draft', model: validDraft() }], tried)
    expect(reloaded.hasTried).toBe(false)
    expect(reloaded.serverIssues).toEqual([])
    expect(reloaded.saved).toBe(fingerprintOf(reloaded.draft!))
  })
})

describe('previewSurveyOf', () => {
  const v1 = { id: 11, definition: { ...counterQuickRating.definition, title: 'v1' } }
  const v2 = { id: 12, definition: { ...counterQuickRating.definition, title: 'v2' } }

  it('shows the chosen version, else the draft, else the latest version', () => {
    const draft = validDraft()
    expect(previewSurveyOf(11, [v1, v2], draft)).toEqual({ previewed: v1, survey: v1.definition })
    expect(previewSurveyOf('draft', [v1, v2], draft).survey?.title).toBe('Phiếu thử')
    expect(previewSurveyOf('draft', [v1, v2], null)).toEqual({ previewed: undefined, survey: v2.definition })
    expect(previewSurveyOf(99, [], null)).toEqual({ previewed: undefined, survey: undefined })
  })
})
