import { describe, expect, it } from 'vitest'
import { addQuestion, changeQuestion, emptyDraft, type SurveyDraft } from '../../admin-web/pages/surveys/builder-model'
import {
  followCandidates,
  hasTypedText,
  publishedHint,
  publishedShapesOf,
  questionTitle,
  toggleFollowValue,
} from '../../admin-web/pages/surveys/question-model'
import { SurveyDefinition } from '../../shared/survey-definition'

const definition = (questions: unknown[]) => SurveyDefinition.parse({ title: 'Phiếu', aspects: [], questions })
const scale3 = { key: 'overall', type: 'scale', scale: 'satisfaction-3', label: 'Chung', required: true, allowNotApplicable: false }
const note = { key: 'gop_y', type: 'text', label: 'Góp ý', required: false, allowNotApplicable: false }

describe('publishedShapesOf / publishedHint', () => {
  const published = publishedShapesOf([
    { version: 1, definition: definition([scale3]) },
    { version: 2, definition: definition([{ ...scale3, scale: 'satisfaction-5' }, note]) },
  ])

  it('gathers each key’s shape per version, oldest first', () => {
    expect(published.get('overall')).toEqual([
      { version: 1, type: 'scale', scale: 'satisfaction-3' },
      { version: 2, type: 'scale', scale: 'satisfaction-5' },
    ])
    expect(published.get('gop_y')).toEqual([{ version: 2, type: 'text', scale: undefined }])
  })

  it('says nothing about a key never published', () => {
    expect(publishedHint('moi', { type: 'scale', scale: 'satisfaction-3' }, published)).toBeUndefined()
  })

  it('reminds to keep a key published with the same shape, from its first version', () => {
    expect(publishedHint('gop_y', { type: 'text', scale: 'satisfaction-3' }, published)).toEqual({
      isBreaking: false,
      text: 'Đã phát hành từ phiên bản 2: giữ nguyên khóa để so sánh số liệu qua các phiên bản.',
    })
  })

  it('warns, naming the version and the old scale, when the draft changes a published scale', () => {
    const hint = publishedHint('overall', { type: 'scale', scale: 'satisfaction-5' }, published)
    expect(hint?.isBreaking).toBe(true)
    expect(hint?.text).toMatch(/^Khóa “overall” đã phát hành ở phiên bản 1 với thang đo “Hài lòng 3 mức \(mặt cười\)”\./)
  })

  it('warns, naming the old type, when the draft changes a published type', () => {
    const hint = publishedHint('gop_y', { type: 'choice', scale: 'satisfaction-3' }, published)
    expect(hint?.isBreaking).toBe(true)
    expect(hint?.text).toContain('phiên bản 2 với loại “Trả lời tự do (chữ)”')
  })
})

describe('follow-ups', () => {
  /** cau_1 scale, cau_2 text, cau_3 choice, cau_4 scale. */
  function fourQuestions(): SurveyDraft {
    let draft = emptyDraft('x')
    for (let i = 0; i < 4; i++) draft = addQuestion(draft)
    const [, b, c] = draft.questions
    draft = changeQuestion(draft, b!.uid, { type: 'text' })
    return changeQuestion(draft, c!.uid, { type: 'choice' })
  }

  it('offers the earlier questions that have answers to choose', () => {
    const draft = fourQuestions()
    const keys = (i: number) => followCandidates(draft, i).map((q) => q.key)
    expect(keys(0)).toEqual([])
    expect(keys(1)).toEqual(['cau_1'])
    expect(keys(3)).toEqual(['cau_1', 'cau_3'])
  })

  it('keeps offering the question followed now, even once it has moved below', () => {
    let draft = fourQuestions()
    const [a, , , d] = draft.questions
    draft = changeQuestion(draft, a!.uid, { followsUid: d!.uid })
    expect(followCandidates(draft, 0).map((q) => q.key)).toEqual(['cau_4'])
  })

  it('ticks and unticks a value against the draft as it is now', () => {
    let draft = fourQuestions()
    const d = draft.questions[3]!
    draft = changeQuestion(draft, d.uid, { followValues: [1] })
    expect(toggleFollowValue(draft, d.uid, 2, true)).toEqual([1, 2])
    expect(toggleFollowValue(draft, d.uid, 1, false)).toEqual([])
    expect(toggleFollowValue(draft, -1, 3, true)).toEqual([3])
  })
})

describe('labels', () => {
  it('asks before removing only a question with typed text', () => {
    expect(hasTypedText({ label: '  ', options: [{ uid: 1, value: 1, label: ' ' }] })).toBe(false)
    expect(hasTypedText({ label: 'Câu', options: [] })).toBe(true)
    expect(hasTypedText({ label: '', options: [{ uid: 1, value: 1, label: 'Có' }] })).toBe(true)
  })

  it('titles a question by its position and text, or its key while it has none', () => {
    let draft = addQuestion(addQuestion(emptyDraft('x')))
    draft = changeQuestion(draft, draft.questions[1]!.uid, { label: 'Thái độ cán bộ' })
    expect(draft.questions.map((q) => questionTitle(draft, q))).toEqual(['Câu 1: cau_1', 'Câu 2: Thái độ cán bộ'])
  })
})
