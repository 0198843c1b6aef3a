import type { ScaleId } from '../../../shared/scales'
import type { SurveyDefinition } from '../../../shared/survey-definition'
import { hasChoices, scaleNames, typeNames, type QuestionDraft, type QuestionType, type SurveyDraft } from './builder-model'

/** How a key was published before: a later version may not change its type or scale, or its figures stop adding up. */
export type PublishedShape = { version: number; type: QuestionType; scale: ScaleId | undefined }

/** Every key of the published versions, with the shape it had in each, oldest first. */
export function publishedShapesOf(versions: { version: number; definition: SurveyDefinition }[]): Map<string, PublishedShape[]> {
  const published = new Map<string, PublishedShape[]>()
  for (const v of versions) {
    for (const q of v.definition.questions)
      published.set(q.key, [...(published.get(q.key) ?? []), { version: v.version, type: q.type, scale: q.scale }])
  }
  return published
}

/** What the key's field says about its history: a warning when the draft changes a published type or scale. */
export function publishedHint(key: string, q: Pick<QuestionDraft, 'type' | 'scale'>, published: Map<string, PublishedShape[]>) {
  const before = published.get(key)
  if (!before || before.length === 0) return undefined
  const broken = before.find((p) => p.type !== q.type || (q.type === 'scale' && p.scale !== q.scale))
  if (broken) {
    const was = broken.type === 'scale' ? `thang đo “${scaleNames[broken.scale!]}”` : `loại “${typeNames[broken.type]}”`
    return {
      isBreaking: true,
      text: `Khóa “${key}” đã phát hành ở phiên bản ${broken.version} với ${was}. Đổi loại hoặc thang đo sẽ bị từ chối khi phát hành vì làm đứt chuỗi số liệu; câu hỏi có ý nghĩa mới cần một khóa mới.`,
    }
  }
  return {
    isBreaking: false,
    text: `Đã phát hành từ phiên bản ${before[0]!.version}: giữ nguyên khóa để so sánh số liệu qua các phiên bản.`,
  }
}

/** The questions the one at `index` may follow up on: earlier ones with answers to choose, and the one it follows now. */
export const followCandidates = (draft: SurveyDraft, index: number) => {
  const q = draft.questions[index]
  return draft.questions.filter((x, j) => (j < index && hasChoices(x.type)) || x.uid === q?.followsUid)
}

/** The follow-up values with `value` ticked or unticked, read from the draft as it is now. */
export function toggleFollowValue(draft: SurveyDraft, uid: number, value: number, isOn: boolean): number[] {
  const values = draft.questions.find((x) => x.uid === uid)?.followValues ?? []
  return isOn ? [...values, value] : values.filter((v) => v !== value)
}

/** A question worth confirming before it is removed: someone typed its text or an option's. */
export const hasTypedText = (q: Pick<QuestionDraft, 'label' | 'options'>) =>
  Boolean(q.label.trim() || q.options.some((o) => o.label.trim()))

/** "Câu 2: …" for the headline list: a question's position and its text (its key until it has one). */
export const questionTitle = (draft: SurveyDraft, q: QuestionDraft) => `Câu ${draft.questions.indexOf(q) + 1}: ${q.label || q.key}`
