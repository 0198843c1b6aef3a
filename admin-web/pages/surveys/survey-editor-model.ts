import { formatDate } from '../../../shared/format'
import { localTimeOf } from '../../../shared/local-time'
import { scaleIds } from '../../../shared/scales'
import { SurveyDefinition } from '../../../shared/survey-definition'
import { checkSurveyDefinition, type DefinitionIssue } from '../../../shared/survey-definition-vi'
import {
  emptyDraft,
  fingerprintOf,
  fromDefinition,
  issuesByInput,
  scaleNames,
  toDefinition,
  type DefinitionInput,
  type SurveyDraft,
} from './builder-model'

// The questionnaire editor's state as a reducer: the draft on screen, the fingerprint of the one stored, and
// the issues shown beside the inputs. The screen renders it; the tests drive it without a browser.

const timeZone = 'Asia/Ho_Chi_Minh'

/** An instant's wall-clock time in Vietnam, HH:mm. */
export const clockOf = (instant: Date) => {
  const local = localTimeOf(instant, timeZone)
  return `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`
}
/** The day an instant fell on in Vietnam, dd/mm/yyyy. */
export const dateOf = (instant: string) => formatDate(localTimeOf(new Date(instant), timeZone).date)

/** The API names scales by their ids ("satisfaction-3"); officials read the builder's names for them. */
export const withScaleNames = (message: string) => scaleIds.reduce((text, id) => text.replaceAll(id, `“${scaleNames[id]}”`), message)

/** The builder's model of the stored draft; an empty one for a questionnaire never published; null when there is none to edit. */
export function draftOf(detail: { title: string; draft?: unknown; versions: unknown[] }): SurveyDraft | null {
  if (detail.draft !== null && detail.draft !== undefined) {
    const parsed = SurveyDefinition.safeParse(detail.draft)
    if (parsed.success) return fromDefinition(parsed.data)
  }
  return detail.versions.length === 0 ? emptyDraft(detail.title) : null
}

/** Whether what the browser's storage held still looks like a builder model. */
export const isStoredDraft = (x: unknown): x is SurveyDraft =>
  typeof x === 'object' && x !== null && 'questions' in x && Array.isArray(x.questions) && 'aspects' in x && Array.isArray(x.aspects)

/** The confirmation before publishing: a published version never changes. */
export const publishQuestion = (title: string, nextVersion: number) =>
  `Phát hành “${title}” thành phiên bản ${nextVersion}?\n\n` +
  `Một phiên bản đã phát hành không bao giờ thay đổi được nữa: muốn sửa, phải tạo bản nháp mới và phát hành phiên bản ${nextVersion + 1}. ` +
  `Các quầy đang dùng phiên bản khác vẫn giữ phiếu cũ cho đến khi được gán phiên bản ${nextVersion}.`

export type EditorState = {
  draft: SurveyDraft | null
  /** The fingerprint of the draft the server holds ("" when none): the draft on screen is dirty when it differs. */
  saved: string
  /** Set by a save or publish refused for the draft's own issues: from then on they show beside the inputs. */
  hasTried: boolean
  serverIssues: DefinitionIssue[]
  /** The draft on screen came from the browser's storage, not the server. */
  isRestored: boolean
}

export type EditorAction =
  | { type: 'server-draft'; model: SurveyDraft | null }
  | { type: 'restored'; draft: SurveyDraft }
  | { type: 'edited'; change: (draft: SurveyDraft) => SurveyDraft }
  | { type: 'saved'; model: SurveyDraft }
  | { type: 'tried' }
  | { type: 'server-refused'; issues: DefinitionIssue[] }
  | { type: 'restore-dropped' }

export const initialEditorState: EditorState = { draft: null, saved: '', hasTried: false, serverIssues: [], isRestored: false }

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'server-draft':
      return { ...state, draft: action.model, saved: action.model ? fingerprintOf(action.model) : '', hasTried: false, serverIssues: [] }
    case 'restored':
      return { ...state, draft: action.draft, isRestored: true }
    case 'edited':
      return { ...state, draft: state.draft ? action.change(state.draft) : state.draft, serverIssues: [] }
    case 'saved':
      return { ...state, saved: fingerprintOf(action.model), isRestored: false }
    case 'tried':
      return { ...state, hasTried: true }
    case 'server-refused':
      return { ...state, serverIssues: action.issues }
    case 'restore-dropped':
      return { ...state, isRestored: false }
  }
}

export const isDirtyOf = (state: EditorState) => state.draft !== null && fingerprintOf(state.draft) !== state.saved

/** The schema's verdict on the draft, and every issue placed at its input (the draft's own only after a try). */
export function checkOf(state: EditorState) {
  const check = state.draft ? checkSurveyDefinition(toDefinition(state.draft)) : undefined
  const clientIssues = state.hasTried && check && !check.success ? check.issues : []
  return { check, issues: issuesByInput([...clientIssues, ...state.serverIssues]) }
}

/** What the preview shows: a chosen version, else the draft on screen, else the latest version. */
export function previewSurveyOf<V extends { id: number; definition: DefinitionInput }>(
  previewOf: 'draft' | number,
  versions: V[],
  draft: SurveyDraft | null,
): { previewed: V | undefined; survey: DefinitionInput | undefined } {
  const previewed = previewOf === 'draft' ? undefined : versions.find((v) => v.id === previewOf)
  return { previewed, survey: previewed ? previewed.definition : draft ? toDefinition(draft) : versions.at(-1)?.definition }
}
