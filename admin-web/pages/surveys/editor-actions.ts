import { useState } from 'hono/jsx/dom'
import type { SurveyDefinition } from '../../../shared/survey-definition'
import { ApiError } from '../../api'
import { surveyApi, type SurveyDetail } from '../../survey-api'
import type { SurveyDraft } from './builder-model'
import { useFocusFirstInvalid, type draftStorage } from './editor-support'
import { type checkOf, clockOf, publishQuestion, withScaleNames, type EditorAction, type EditorState } from './survey-editor-model'

type Dispatch = (action: EditorAction) => void
type SetStatus = (status: string) => void

/**
 * Runs the editor's actions one at a time with the buttons disabled: a draft with issues is refused on screen
 * (focus on the first), a server refusal is shown next to the questions, a lost connection says nothing was lost.
 */
function useBusyAction(dispatch: Dispatch, setStatus: SetStatus) {
  const [isBusy, setBusy] = useState(false)
  const focusFirstInvalid = useFocusFirstInvalid()
  const refuseInvalid = (count: number, action: string) => {
    dispatch({ type: 'tried' })
    setStatus(`Chưa ${action}: có ${count} lỗi cần sửa, ghi ngay cạnh từng ô.`)
    focusFirstInvalid()
  }
  const showFailure = (error: unknown, action: string) => {
    if (error instanceof ApiError) {
      const named = error.issues.map((issue) => ({ ...issue, message: withScaleNames(issue.message) }))
      dispatch({ type: 'server-refused', issues: named })
      setStatus(named.length > 0 ? `${error.message} Xem thông báo cạnh từng câu hỏi.` : error.message)
      if (named.length > 0) focusFirstInvalid()
    } else {
      setStatus(`Không kết nối được máy chủ. Chưa ${action}; nội dung vẫn còn trên màn hình và được giữ lại trong trình duyệt này.`)
    }
  }
  /** Runs one action with the buttons disabled; a failure is shown, never thrown. */
  const busyWith = async (action: string, run: () => Promise<void>) => {
    setBusy(true)
    try {
      await run()
    } catch (error) {
      showFailure(error, action)
    } finally {
      setBusy(false)
    }
  }
  return { isBusy, refuseInvalid, busyWith }
}

type EditorContext = {
  detail: SurveyDetail | undefined
  setDetail: (detail: SurveyDetail) => void
  state: EditorState
  dispatch: Dispatch
  check: ReturnType<typeof checkOf>['check']
  isDirty: boolean
  nextVersion: number
  storage: ReturnType<typeof draftStorage>
  setStatus: SetStatus
  setPreviewOf: (of: 'draft' | number) => void
  showServerDraft: (detail: SurveyDetail) => SurveyDraft | null
  loadVersions: (detail: SurveyDetail) => Promise<void>
  onListChanged: () => void
}

/** Save, publish, a new draft from a published version, and dropping unsaved work. */
export function useEditorActions(ctx: EditorContext) {
  const { detail, setDetail, state, dispatch, check, isDirty, nextVersion, storage, setStatus, setPreviewOf } = ctx
  const { showServerDraft, loadVersions, onListChanged } = ctx
  const { isBusy, refuseInvalid, busyWith } = useBusyAction(dispatch, setStatus)
  const send = async (survey: SurveyDetail, model: SurveyDraft, definition: SurveyDefinition) => {
    setDetail(await surveyApi.saveDraft(survey.id, definition))
    dispatch({ type: 'saved', model })
  }

  const save = async () => {
    if (!detail || !state.draft || !check) return
    if (!check.success) return refuseInvalid(check.issues.length, 'lưu')
    const [draft, definition] = [state.draft, check.data]
    await busyWith('lưu', async () => {
      await send(detail, draft, definition)
      setStatus(`Đã lưu bản nháp lúc ${clockOf(new Date())}.`)
      onListChanged()
    })
  }

  const publish = async () => {
    if (!detail || !state.draft || !check) return
    if (!check.success) return refuseInvalid(check.issues.length, 'phát hành')
    if (!confirm(publishQuestion(check.data.title, nextVersion))) return
    const [draft, definition] = [state.draft, check.data]
    await busyWith('phát hành', async () => {
      if (isDirty || !detail.hasDraft) await send(detail, draft, definition)
      const version = await surveyApi.publish(detail.id)
      const next = await surveyApi.get(detail.id)
      await loadVersions(next)
      setDetail(next)
      showServerDraft(next)
      storage.write(undefined)
      setPreviewOf(version.id)
      setStatus(
        `Đã phát hành phiên bản ${version.version}. Phiên bản này không thể sửa; hãy gán nó cho các quầy ở mục “Gán phiếu cho quầy”.`,
      )
      onListChanged()
    })
  }

  const draftFrom = async (versionId: number, version: number) => {
    if (!detail) return
    const hasWork = detail.hasDraft || isDirty
    if (
      hasWork &&
      !confirm(`Thay bản nháp hiện tại bằng nội dung phiên bản ${version}? Những gì đang soạn trong bản nháp hiện tại sẽ mất.`)
    )
      return
    await busyWith('tạo bản nháp', async () => {
      const next = await surveyApi.draftFrom(detail.id, versionId)
      setDetail(next)
      showServerDraft(next)
      dispatch({ type: 'restore-dropped' })
      setPreviewOf('draft')
      setStatus(`Đã tạo bản nháp từ phiên bản ${version}. Sửa nội dung rồi bấm “Lưu bản nháp” hoặc “Phát hành”.`)
      onListChanged()
    })
  }

  const discardUnsaved = () => {
    if (!detail || !confirm('Bỏ nội dung đang soạn chưa được lưu và trở về bản nháp đã lưu?')) return
    showServerDraft(detail)
    storage.write(undefined)
    dispatch({ type: 'restore-dropped' })
    setStatus('Đã bỏ nội dung chưa lưu.')
  }

  return { isBusy, save, publish, draftFrom, discardUnsaved }
}
