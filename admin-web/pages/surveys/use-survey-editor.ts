import { useEffect, useReducer, useState } from 'hono/jsx/dom'
import type { CurrentUser } from '../../../shared/auth-contract'
import type { SurveyDefinition } from '../../../shared/survey-definition'
import { ApiError } from '../../api'
import { surveyApi, type SurveyDetail, type SurveyVersion } from '../../survey-api'
import { fingerprintOf, type SurveyDraft } from './builder-model'
import { draftStorage, useFocusFirstInvalid, useLeaveWarning } from './editor-support'
import { publishedShapesOf } from './question-model'
import {
  checkOf,
  clockOf,
  draftOf,
  editorReducer,
  initialEditorState,
  isDirtyOf,
  publishQuestion,
  withScaleNames,
} from './survey-editor-model'

/** One questionnaire's editor: its versions, the draft's state, and the save, publish and draft-from actions. */
export function useSurveyEditor(surveyId: number, user: CurrentUser, onListChanged: () => void) {
  const canEdit = user.role === 'admin'
  const storage = draftStorage(`sipas:survey-draft:${user.id}:${surveyId}`)
  const [detail, setDetail] = useState<SurveyDetail | undefined>(undefined)
  const [versions, setVersions] = useState<SurveyVersion[]>([])
  const [state, dispatch] = useReducer(editorReducer, initialEditorState)
  const [status, setStatus] = useState('')
  const [isBusy, setBusy] = useState(false)
  const [previewOf, setPreviewOf] = useState<'draft' | number>('draft')
  const focusFirstInvalid = useFocusFirstInvalid()

  const showServerDraft = (next: SurveyDetail) => {
    const model = canEdit ? draftOf(next) : null
    dispatch({ type: 'server-draft', model })
    return model
  }
  const loadVersions = async (next: SurveyDetail) =>
    setVersions(await Promise.all(next.versions.map((v) => surveyApi.version(next.id, v.id))))

  useEffect(() => {
    setDetail(undefined)
    setStatus('')
    void (async () => {
      try {
        const next = await surveyApi.get(surveyId)
        await loadVersions(next)
        setDetail(next)
        const model = showServerDraft(next)
        const stored = canEdit ? storage.read() : undefined
        if (stored && fingerprintOf(stored) !== (model ? fingerprintOf(model) : '')) {
          dispatch({ type: 'restored', draft: stored })
          setStatus('Đã khôi phục nội dung đang soạn dở chưa được lưu.')
        }
        setPreviewOf(model || stored ? 'draft' : (next.versions.at(-1)?.id ?? 'draft'))
      } catch (error) {
        setStatus(error instanceof ApiError ? error.message : 'Không tải được phiếu khảo sát.')
      }
    })()
  }, [surveyId])

  const isDirty = isDirtyOf(state)
  useEffect(() => {
    if (!canEdit || state.draft === null) return
    storage.write(isDirty ? state.draft : undefined)
  }, [state.draft, state.saved])
  useLeaveWarning(isDirty)

  const { check, issues } = checkOf(state)
  const nextVersion = (detail?.versions.at(-1)?.version ?? 0) + 1

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

  const update = (change: (d: SurveyDraft) => SurveyDraft) => dispatch({ type: 'edited', change })

  return {
    canEdit,
    detail,
    versions,
    draft: state.draft,
    isRestored: state.isRestored,
    isDirty,
    issues,
    published: publishedShapesOf(versions),
    nextVersion,
    status,
    isBusy,
    previewOf,
    setPreviewOf,
    announce: setStatus,
    update,
    save,
    publish,
    draftFrom,
    discardUnsaved,
  }
}

export type SurveyEditorState = ReturnType<typeof useSurveyEditor>
