import { describe, expect, it } from 'vitest'
import {
  addAspect,
  addOption,
  addQuestion,
  adoptStoredDraft,
  changeAspect,
  changeOption,
  changeQuestion,
  choicesOf,
  emptyDraft,
  fingerprintOf,
  fromDefinition,
  issuesByInput,
  moveQuestion,
  removeAspect,
  removeOption,
  removeQuestion,
  toDefinition,
  type SurveyDraft,
} from '../../admin-web/pages/surveys/builder-model'
import { checkSurveyDefinition } from '../../shared/survey-definition-vi'
import { SurveyDefinition } from '../../shared/survey-definition'
import { counterQuickRating, sipasService } from '../../server/demo/questionnaires'

/** A draft with n questions added one after the other (scale, satisfaction-3, as the builder starts them). */
function withQuestions(n: number): SurveyDraft {
  let draft = emptyDraft('Phiếu thử')
  for (let i = 0; i < n; i++) draft = addQuestion(draft)
  return draft
}
const uids = (draft: SurveyDraft) => draft.questions.map((q) => q.uid)
const keys = (draft: SurveyDraft) => draft.questions.map((q) => q.key)

describe('fromDefinition / toDefinition', () => {
  it('round-trips the demo questionnaires to the same definition', () => {
    for (const demo of [counterQuickRating, sipasService]) {
      const definition = SurveyDefinition.parse(demo.definition)
      const back = checkSurveyDefinition(toDefinition(fromDefinition(definition)))
      expect(back).toEqual({ success: true, data: definition })
    }
  })

  it('keeps references by uid: renaming a key renames the follow-up, aspect and headline pointing at it', () => {
    const definition = SurveyDefinition.parse(counterQuickRating.definition)
    const draft = fromDefinition(definition)
    const overall = draft.questions.find((q) => q.key === 'overall')!
    const renamed = toDefinition(changeQuestion(draft, overall.uid, { key: 'tong_the' }))
    expect(renamed.headline).toBe(definition.headline === 'overall' ? 'tong_the' : definition.headline)
    const followers = renamed.questions.filter((q) => q.showWhen !== undefined)
    expect(followers.length).toBeGreaterThan(0)
    expect(followers.every((q) => q.showWhen!.question === 'tong_the')).toBe(true)
  })

  it('turns a weight typed with a decimal comma into a number, and an empty one into "not given"', () => {
    let draft = addAspect(addAspect(emptyDraft('x')))
    const [a, b] = draft.aspects
    draft = changeAspect(changeAspect(draft, a!.uid, { key: 'a', weight: '1,5' }), b!.uid, { key: 'b', weight: '  ' })
    expect(toDefinition(draft).aspects.map((x) => x.weight)).toEqual([1.5, undefined])
  })

  it('drops what does not belong to the type: scale, options, aspect, maxLength, not-applicable', () => {
    let draft = addAspect(withQuestions(1))
    const q = draft.questions[0]!
    draft = changeQuestion(draft, q.uid, { aspectUid: draft.aspects[0]!.uid, allowNotApplicable: true, maxLength: 200 })
    const asText = toDefinition(changeQuestion(draft, q.uid, { type: 'text' })).questions[0]!
    expect(asText).toMatchObject({
      type: 'text',
      scale: undefined,
      options: undefined,
      aspect: undefined,
      allowNotApplicable: false,
      maxLength: 200,
    })
    const asScale = toDefinition(draft).questions[0]!
    expect(asScale).toMatchObject({
      type: 'scale',
      scale: 'satisfaction-3',
      allowNotApplicable: true,
      maxLength: undefined,
      options: undefined,
    })
  })

  it('keeps only follow-up values the followed question still offers', () => {
    let draft = withQuestions(2)
    const [first, second] = draft.questions
    draft = changeQuestion(draft, second!.uid, { followsUid: first!.uid, followValues: [1, 5, 0] })
    expect(toDefinition(draft).questions[1]!.showWhen).toEqual({ question: 'cau_1', values: [1] })
    draft = changeQuestion(draft, first!.uid, { scale: 'satisfaction-5', allowNotApplicable: true })
    expect(toDefinition(draft).questions[1]!.showWhen).toEqual({ question: 'cau_1', values: [1, 5, 0] })
  })

  it('fingerprints equal drafts equally and a changed label differently', () => {
    const draft = withQuestions(1)
    expect(fingerprintOf(draft)).toBe(fingerprintOf(structuredClone(draft)))
    expect(fingerprintOf(changeQuestion(draft, draft.questions[0]!.uid, { label: 'Mới' }))).not.toBe(fingerprintOf(draft))
  })
})

describe('questions', () => {
  it('numbers new questions after the last free key and starts them as a 3-level scale', () => {
    let draft = withQuestions(2)
    expect(keys(draft)).toEqual(['cau_1', 'cau_2'])
    draft = removeQuestion(draft, draft.questions[0]!.uid)
    draft = addQuestion(draft)
    expect(keys(draft)).toEqual(['cau_2', 'cau_3'])
    expect(draft.questions[1]).toMatchObject({ type: 'scale', scale: 'satisfaction-3', required: false, options: [] })
    expect(new Set(uids(draft)).size).toBe(2)
  })

  it('moves a question up and down, and ignores a move past either end', () => {
    const draft = withQuestions(3)
    const [a, b, c] = uids(draft)
    expect(uids(moveQuestion(draft, c!, -1))).toEqual([a, c, b])
    expect(uids(moveQuestion(draft, a!, 1))).toEqual([b, a, c])
    expect(moveQuestion(draft, a!, -1)).toBe(draft)
    expect(moveQuestion(draft, c!, 1)).toBe(draft)
    expect(moveQuestion(draft, -42, 1)).toBe(draft)
  })

  it('removing a question clears the headline and the follow-ups that pointed at it', () => {
    let draft = withQuestions(3)
    const [a, b, c] = uids(draft)
    draft = { ...draft, headlineUid: a! }
    draft = changeQuestion(draft, b!, { followsUid: a!, followValues: [1] })
    draft = changeQuestion(draft, c!, { followsUid: b!, followValues: [2] })
    const after = removeQuestion(draft, a!)
    expect(after.headlineUid).toBeNull()
    expect(after.questions.map((q) => [q.uid, q.followsUid, q.followValues])).toEqual([
      [b, null, []],
      [c, b, [2]],
    ])
  })

  it('a headline that stops being a scale question is cleared; other changes keep it', () => {
    const draft = { ...withQuestions(1), headlineUid: null as number | null }
    const uid = draft.questions[0]!.uid
    const headlined = { ...draft, headlineUid: uid }
    expect(changeQuestion(headlined, uid, { label: 'x', scale: 'satisfaction-5' }).headlineUid).toBe(uid)
    expect(changeQuestion(headlined, uid, { type: 'scale' }).headlineUid).toBe(uid)
    expect(changeQuestion(headlined, uid, { type: 'choice' }).headlineUid).toBeNull()
  })

  it('a question turned into a choice gets two empty options, coded 1 and 2; existing options are kept', () => {
    const draft = withQuestions(1)
    const uid = draft.questions[0]!.uid
    const choice = changeQuestion(draft, uid, { type: 'multi' })
    expect(choice.questions[0]!.options.map((o) => [o.value, o.label])).toEqual([
      [1, ''],
      [2, ''],
    ])
    const labelled = changeOption(choice, uid, choice.questions[0]!.options[0]!.uid, 'Có')
    expect(changeQuestion(labelled, uid, { type: 'choice' }).questions[0]!.options.map((o) => o.label)).toEqual(['Có', ''])
  })
})

describe('options', () => {
  it('a new option takes the next code after the highest, even after one was removed', () => {
    let draft = withQuestions(1)
    const uid = draft.questions[0]!.uid
    draft = addOption(changeQuestion(draft, uid, { type: 'choice' }), uid)
    expect(draft.questions[0]!.options.map((o) => o.value)).toEqual([1, 2, 3])
    draft = removeOption(draft, uid, draft.questions[0]!.options[1]!.uid)
    draft = addOption(draft, uid)
    expect(draft.questions[0]!.options.map((o) => o.value)).toEqual([1, 3, 4])
  })

  it('changes the label of one option only', () => {
    let draft = withQuestions(1)
    const uid = draft.questions[0]!.uid
    draft = changeQuestion(draft, uid, { type: 'choice' })
    const [first, second] = draft.questions[0]!.options
    draft = changeOption(draft, uid, second!.uid, 'Quá lâu')
    expect(draft.questions[0]!.options.map((o) => [o.uid, o.label])).toEqual([
      [first!.uid, ''],
      [second!.uid, 'Quá lâu'],
    ])
  })

  it('leaves the draft as it is for an unknown question', () => {
    const draft = withQuestions(1)
    expect(addOption(draft, -1)).toBe(draft)
    expect(removeOption(draft, -1, 1)).toBe(draft)
    expect(changeOption(draft, -1, 1, 'x')).toBe(draft)
  })
})

describe('aspects', () => {
  it('a new aspect starts empty with weight 1; removing it frees its questions', () => {
    let draft = addAspect(withQuestions(2))
    expect(draft.aspects[0]).toMatchObject({ key: '', label: '', weight: '1' })
    const aspect = draft.aspects[0]!.uid
    draft = changeQuestion(draft, draft.questions[0]!.uid, { aspectUid: aspect })
    draft = changeAspect(draft, aspect, { label: 'Tiếp cận dịch vụ' })
    expect(draft.aspects[0]!.label).toBe('Tiếp cận dịch vụ')
    const after = removeAspect(draft, aspect)
    expect(after.aspects).toEqual([])
    expect(after.questions.map((q) => q.aspectUid)).toEqual([null, null])
  })
})

describe('choicesOf', () => {
  it('lists a scale from the best level down, with "không áp dụng" last when allowed', () => {
    const scale = { type: 'scale' as const, scale: 'satisfaction-3' as const, allowNotApplicable: true, options: [] }
    expect(choicesOf(scale).map((c) => c.value)).toEqual([3, 2, 1, 0])
    expect(choicesOf(scale).at(-1)!.label).toBe('Không có ý kiến / Không áp dụng')
    expect(choicesOf({ ...scale, allowNotApplicable: false }).map((c) => c.value)).toEqual([3, 2, 1])
  })

  it('lists a choice question by its options, and a text question as nothing', () => {
    const options = [
      { uid: 1, value: 2, label: 'Hai' },
      { uid: 2, value: 7, label: 'Bảy' },
    ]
    expect(choicesOf({ type: 'multi', scale: 'satisfaction-3', allowNotApplicable: false, options })).toEqual([
      { value: 2, label: 'Hai' },
      { value: 7, label: 'Bảy' },
    ])
    expect(choicesOf({ type: 'text', scale: 'satisfaction-3', allowNotApplicable: true, options })).toEqual([])
  })
})

describe('adoptStoredDraft', () => {
  it('moves new uids past the ones a stored draft uses', () => {
    const stored: SurveyDraft = {
      title: 'Đã lưu',
      headlineUid: null,
      aspects: [{ uid: 1_000_001, key: 'a', label: 'A', weight: '1' }],
      questions: [{ ...withQuestions(1).questions[0]!, uid: 1_000_000, options: [{ uid: 1_000_005, value: 1, label: '' }] }],
    }
    const draft = addQuestion(adoptStoredDraft(stored))
    expect(draft.questions[1]!.uid).toBeGreaterThan(1_000_005)
  })
})

describe('issuesByInput', () => {
  it('places an issue at the closest input its path names, the rest at the top, without repeats', () => {
    expect(
      issuesByInput([
        { path: ['questions', 1, 'options', 0, 'label'], message: 'Trống.' },
        { path: ['questions', 1, 'options', 0, 'value'], message: 'Trùng.' },
        { path: ['questions', 2, 'showWhen', 'question'], message: 'Phải đứng trước.' },
        { path: ['aspects', 0, 'weight'], message: 'Số dương.' },
        { path: ['aspects', 0, 'weight'], message: 'Số dương.' },
        { path: ['title'], message: 'Cần tiêu đề.' },
        { path: [], message: 'Phiếu trống.' },
        { path: ['lạ'], message: 'Không rõ.' },
      ]),
    ).toEqual({
      'questions.1.options.0.label': ['Trống.'],
      'questions.1.options': ['Trùng.'],
      'questions.2.showWhen': ['Phải đứng trước.'],
      'aspects.0.weight': ['Số dương.'],
      title: ['Cần tiêu đề.'],
      '': ['Phiếu trống.', 'Không rõ.'],
    })
  })

  it('places every issue of a real check of an empty-keyed draft on an input', () => {
    let draft = withQuestions(1)
    draft = changeQuestion(draft, draft.questions[0]!.uid, { key: 'Sai Khóa' })
    const check = checkSurveyDefinition(toDefinition(draft))
    expect(check.success).toBe(false)
    const placed = issuesByInput(check.success ? [] : check.issues)
    expect(Object.keys(placed).sort()).toEqual(['questions.0.key', 'questions.0.label'])
  })
})
