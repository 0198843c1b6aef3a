import { useEffect, useReducer, useState } from 'hono/jsx/dom'
import type { CurrentUser } from '../../../shared/auth-contract'
import { ApiError } from '../../api'
import { surveyApi, type SurveyDetail, type SurveyVersion } from '../../survey-api'
import { fingerprintOf, type SurveyDraft } from './builder-model'
import { useEditorActions } from './editor-actions'
import { draftStorage, useLeaveWarning } from './editor-support'
import { publishedShapesOf } from './question-model'
import { checkOf, draftOf, editorReducer, initialEditorState, isDirtyOf } from './survey-editor-model'

/** One questionnaire's editor: its versions, the draft's state, and the save, publish and draft-from actions. */
export function useSurveyEditor(surveyId: number, user: CurrentUser, onListChanged: () => void) {
  const canEdit = user.role === 'admin'
  const storage = draftStorage(`sipas:survey-draft:${user.id}:${surveyId}`)
  const [detail, setDetail] = useState<SurveyDetail | undefined>(undefined)
  const [versions, setVersions] = useState<SurveyVersion[]>([])
  const [state, dispatch] = useReducer(editorReducer, initialEditorState)
  const [status, setStatus] = useState('')
  const [previewOf, setPreviewOf] = useState<'draft' | number>('draft')

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

  const { isBusy, save, publish, draftFrom, discardUnsaved } = useEditorActions({
    detail,
    setDetail,
    state,
    dispatch,
    check,
    isDirty,
    nextVersion,
    storage,
    setStatus,
    setPreviewOf,
    showServerDraft,
    loadVersions,
    onListChanged,
  })

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
