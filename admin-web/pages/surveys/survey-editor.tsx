import { useEffect, useState } from 'hono/jsx/dom'
import type { CurrentUser } from '../../../shared/auth-contract'
import { formatDate } from '../../../shared/format'
import { localTimeOf } from '../../../shared/local-time'
import { scaleIds } from '../../../shared/scales'
import { SurveyDefinition } from '../../../shared/survey-definition'
import { checkSurveyDefinition, type DefinitionIssue } from '../../../shared/survey-definition-vi'
import { ApiError } from '../../api'
import { metricNames } from '../../metric-names'
import { surveyApi, type SurveyDetail, type SurveySummary, type SurveyVersion } from '../../survey-api'
import { AssignmentForm } from './assignment-form'
import { adoptStoredDraft, emptyDraft, fingerprintOf, fromDefinition, issuesByInput, scaleNames, toDefinition, type SurveyDraft } from './builder-model'
import { publishedShapesOf } from './question-model'
import { SurveyBuilder } from './survey-builder'
import { SurveyPreview } from './survey-preview'

const timeZone = 'Asia/Ho_Chi_Minh'
const clockOf = (instant: Date) => {
  const local = localTimeOf(instant, timeZone)
  return `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`
}
/** The day an instant fell on in Vietnam, dd/mm/yyyy. */
export const dateOf = (instant: string) => formatDate(localTimeOf(new Date(instant), timeZone).date)

// The API names scales by their ids ("satisfaction-3"); officials read the builder's names for them.
const withScaleNames = (message: string) =>
  scaleIds.reduce((text, id) => text.replaceAll(id, `“${scaleNames[id]}”`), message)

function draftOf(detail: SurveyDetail): SurveyDraft | null {
  if (detail.draft !== null && detail.draft !== undefined) {
    const parsed = SurveyDefinition.safeParse(detail.draft)
    if (parsed.success) return fromDefinition(parsed.data)
  }
  return detail.versions.length === 0 ? emptyDraft(detail.title) : null
}

function readStored(key: string): SurveyDraft | undefined {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(key) ?? 'null')
    const isDraft = (x: unknown): x is SurveyDraft =>
      typeof x === 'object' && x !== null && 'questions' in x && Array.isArray(x.questions) && 'aspects' in x && Array.isArray(x.aspects)
    return isDraft(stored) ? adoptStoredDraft(stored) : undefined
  } catch {
    return undefined
  }
}

function writeStored(key: string, draft: SurveyDraft | undefined) {
  try {
    if (draft) localStorage.setItem(key, JSON.stringify(draft))
    else localStorage.removeItem(key)
  } catch {
    // A full or blocked storage loses the copy kept across reloads, never what is on screen.
  }
}

/** One questionnaire: its versions, the draft's builder and preview (admins), and its assignment to counters. */
export function SurveyEditor({ surveyId, user, surveys, onListChanged }: { surveyId: number; user: CurrentUser; surveys: SurveySummary[]; onListChanged: () => void }) {
  const canEdit = user.role === 'admin'
  const storageKey = `sipas:survey-draft:${user.id}:${surveyId}`
  const [detail, setDetail] = useState<SurveyDetail | undefined>(undefined)
  const [versions, setVersions] = useState<SurveyVersion[]>([])
  const [draft, setDraft] = useState<SurveyDraft | null>(null)
  const [saved, setSaved] = useState('')
  const [hasTried, setTried] = useState(false)
  const [serverIssues, setServerIssues] = useState<DefinitionIssue[]>([])
  const [status, setStatus] = useState('')
  const [isRestored, setRestored] = useState(false)
  const [isBusy, setBusy] = useState(false)
  const [previewOf, setPreviewOf] = useState<'draft' | number>('draft')
  const [focusRequest, setFocusRequest] = useState(0)

  const showServerDraft = (next: SurveyDetail) => {
    const model = canEdit ? draftOf(next) : null
    setDraft(model)
    setSaved(model ? fingerprintOf(model) : '')
    setTried(false)
    setServerIssues([])
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
        const stored = canEdit ? readStored(storageKey) : undefined
        if (stored && fingerprintOf(stored) !== (model ? fingerprintOf(model) : '')) {
          setDraft(stored)
          setRestored(true)
          setStatus('Đã khôi phục nội dung đang soạn dở chưa được lưu.')
        }
        setPreviewOf(model || stored ? 'draft' : (next.versions.at(-1)?.id ?? 'draft'))
      } catch (error) {
        setStatus(error instanceof ApiError ? error.message : 'Không tải được phiếu khảo sát.')
      }
    })()
  }, [surveyId])

  const isDirty = draft !== null && fingerprintOf(draft) !== saved
  useEffect(() => {
    if (!canEdit || draft === null) return
    writeStored(storageKey, isDirty ? draft : undefined)
  }, [draft, saved])
  useEffect(() => {
    if (!isDirty) return
    const warn = (event: BeforeUnloadEvent) => event.preventDefault()
    addEventListener('beforeunload', warn)
    return () => removeEventListener('beforeunload', warn)
  }, [isDirty])
  useEffect(() => {
    if (focusRequest > 0) document.querySelector<HTMLElement>('.builder [aria-invalid="true"]')?.focus()
  }, [focusRequest])

  if (!detail) return <p aria-live="polite">{status || 'Đang tải phiếu…'}</p>

  const update = (change: (d: SurveyDraft) => SurveyDraft) => {
    setDraft((current) => (current ? change(current) : current))
    setServerIssues([])
  }
  const check = draft ? checkSurveyDefinition(toDefinition(draft)) : undefined
  const clientIssues = hasTried && check && !check.success ? check.issues : []
  const issues = issuesByInput([...clientIssues, ...serverIssues])
  const nextVersion = (detail.versions.at(-1)?.version ?? 0) + 1
  const published = publishedShapesOf(versions)

  const refuseInvalid = (count: number, action: string) => {
    setTried(true)
    setStatus(`Chưa ${action}: có ${count} lỗi cần sửa, ghi ngay cạnh từng ô.`)
    setFocusRequest((n) => n + 1)
  }
  const showFailure = (error: unknown, action: string) => {
    if (error instanceof ApiError) {
      const named = error.issues.map((issue) => ({ ...issue, message: withScaleNames(issue.message) }))
      setServerIssues(named)
      setStatus(named.length > 0 ? `${error.message} Xem thông báo cạnh từng câu hỏi.` : error.message)
      if (named.length > 0) setFocusRequest((n) => n + 1)
    } else {
      setStatus(`Không kết nối được máy chủ. Chưa ${action}; nội dung vẫn còn trên màn hình và được giữ lại trong trình duyệt này.`)
    }
  }
  const send = async (model: SurveyDraft, definition: SurveyDefinition) => {
    const next = await surveyApi.saveDraft(detail.id, definition)
    setDetail(next)
    setSaved(fingerprintOf(model))
    setRestored(false)
    return next
  }

  const saveDraft = async () => {
    if (!draft || !check) return
    if (!check.success) return refuseInvalid(check.issues.length, 'lưu')
    setBusy(true)
    try {
      await send(draft, check.data)
      setStatus(`Đã lưu bản nháp lúc ${clockOf(new Date())}.`)
      onListChanged()
    } catch (error) {
      showFailure(error, 'lưu')
    } finally {
      setBusy(false)
    }
  }

  const publish = async () => {
    if (!draft || !check) return
    if (!check.success) return refuseInvalid(check.issues.length, 'phát hành')
    const question =
      `Phát hành “${check.data.title}” thành phiên bản ${nextVersion}?\n\n` +
      `Một phiên bản đã phát hành không bao giờ thay đổi được nữa: muốn sửa, phải tạo bản nháp mới và phát hành phiên bản ${nextVersion + 1}. ` +
      `Các quầy đang dùng phiên bản khác vẫn giữ phiếu cũ cho đến khi được gán phiên bản ${nextVersion}.`
    if (!confirm(question)) return
    setBusy(true)
    try {
      if (isDirty || !detail.hasDraft) await send(draft, check.data)
      const version = await surveyApi.publish(detail.id)
      const next = await surveyApi.get(detail.id)
      await loadVersions(next)
      setDetail(next)
      showServerDraft(next)
      writeStored(storageKey, undefined)
      setPreviewOf(version.id)
      setStatus(`Đã phát hành phiên bản ${version.version}. Phiên bản này không thể sửa; hãy gán nó cho các quầy ở mục “Gán phiếu cho quầy”.`)
      onListChanged()
    } catch (error) {
      showFailure(error, 'phát hành')
    } finally {
      setBusy(false)
    }
  }

  const draftFrom = async (versionId: number, version: number) => {
    const hasWork = detail.hasDraft || isDirty
    if (hasWork && !confirm(`Thay bản nháp hiện tại bằng nội dung phiên bản ${version}? Những gì đang soạn trong bản nháp hiện tại sẽ mất.`)) return
    setBusy(true)
    try {
      const next = await surveyApi.draftFrom(detail.id, versionId)
      setDetail(next)
      showServerDraft(next)
      setRestored(false)
      setPreviewOf('draft')
      setStatus(`Đã tạo bản nháp từ phiên bản ${version}. Sửa nội dung rồi bấm “Lưu bản nháp” hoặc “Phát hành”.`)
      onListChanged()
    } catch (error) {
      showFailure(error, 'tạo bản nháp')
    } finally {
      setBusy(false)
    }
  }

  const discardUnsaved = () => {
    if (!confirm('Bỏ nội dung đang soạn chưa được lưu và trở về bản nháp đã lưu?')) return
    showServerDraft(detail)
    writeStored(storageKey, undefined)
    setRestored(false)
    setStatus('Đã bỏ nội dung chưa lưu.')
  }

  const previewed = previewOf === 'draft' ? undefined : versions.find((v) => v.id === previewOf)
  const previewSurvey = previewed ? previewed.definition : draft ? toDefinition(draft) : versions.at(-1)?.definition

  return (
    <section class="editor" aria-labelledby="editor-title">
      <h2 id="editor-title">{`${detail.title} (${detail.code})`}</h2>
      <p class="muted">{`Chỉ số: ${metricNames[detail.metric]}`}</p>

      <h3>Các phiên bản</h3>
      {detail.versions.length === 0 ? (
        <p class="muted">Chưa phát hành phiên bản nào.</p>
      ) : (
        <table aria-label="Các phiên bản đã phát hành">
          <thead>
            <tr>
              <th>Phiên bản</th>
              <th>Ngày phát hành</th>
              <th class="num">Số câu hỏi</th>
              <th>Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {[...detail.versions].reverse().map((v) => (
              <tr>
                <td>{`Phiên bản ${v.version}`}</td>
                <td>{dateOf(v.publishedAt)}</td>
                <td class="num">{versions.find((x) => x.id === v.id)?.definition.questions.length ?? '—'}</td>
                <td>
                  <button type="button" class="secondary" onClick={() => setPreviewOf(v.id)}>
                    Xem trước<span class="sr-only">{` phiên bản ${v.version}`}</span>
                  </button>{' '}
                  {canEdit && (
                    <button type="button" class="secondary" disabled={isBusy} onClick={() => draftFrom(v.id, v.version)}>
                      {`Tạo bản nháp từ phiên bản ${v.version}`}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div class="editor-columns">
        <div>
          {canEdit && (
            <section aria-labelledby="builder-title">
              <h3 id="builder-title">Soạn bản nháp</h3>
              {isRestored && (
                <p>
                  <button type="button" class="secondary" onClick={discardUnsaved}>
                    Bỏ nội dung chưa lưu
                  </button>
                </p>
              )}
              {draft ? (
                <>
                  <SurveyBuilder draft={draft} update={update} issues={issues} published={published} announce={setStatus} />
                  <div class="save-bar">
                    <button type="button" disabled={isBusy} onClick={saveDraft}>
                      Lưu bản nháp
                    </button>{' '}
                    <button type="button" class="publish" disabled={isBusy} onClick={publish}>
                      {`Phát hành phiên bản ${nextVersion}`}
                    </button>{' '}
                    <span class="muted">{isDirty ? 'Có thay đổi chưa lưu.' : detail.hasDraft ? 'Bản nháp đã lưu.' : ''}</span>
                    <p role="status" class="save-status">
                      {status}
                    </p>
                  </div>
                </>
              ) : (
                <>
                  <p>
                    Chưa có bản nháp. Phiên bản đã phát hành không sửa được; để sửa, bấm “Tạo bản nháp từ phiên bản …” trong bảng trên.
                  </p>
                  <p role="status" class="save-status">
                    {status}
                  </p>
                </>
              )}
            </section>
          )}
          {!canEdit && <p role="status">{status}</p>}
        </div>
        {previewSurvey && (
          <section class="preview" aria-labelledby="preview-title">
            <h3 id="preview-title">Xem trước</h3>
            <p class="field">
              <label for="pv-source">Nội dung xem trước</label>
              <select
                id="pv-source"
                value={previewed ? String(previewed.id) : 'draft'}
                onChange={(event: Event) => {
                  const value = (event.currentTarget as HTMLSelectElement).value
                  setPreviewOf(value === 'draft' ? 'draft' : Number(value))
                }}
              >
                {draft && <option value="draft">Bản nháp đang soạn</option>}
                {[...versions].reverse().map((v) => (
                  <option value={String(v.id)}>{`Phiên bản ${v.version}`}</option>
                ))}
              </select>
            </p>
            <p class="hint">
              Như người dân thấy trên điện thoại. Câu hỏi phụ chỉ hiện khi chọn câu trả lời tương ứng; câu hỏi lĩnh vực và thủ tục tùy theo quầy.
            </p>
            <p>
              <a href={`/admin/surveys/${surveyId}/preview?version=${previewed ? previewed.id : 'draft'}`} target="_blank" rel="noopener">
                Mở đúng trang người dân sẽ thấy (bản đã lưu)
              </a>
            </p>
            <SurveyPreview key={String(previewOf)} survey={previewSurvey} idPrefix="pv" />
          </section>
        )}
      </div>

      <section aria-labelledby="assign-title">
        <h3 id="assign-title">Gán phiếu cho quầy</h3>
        <AssignmentForm survey={detail} surveys={surveys} />
      </section>
    </section>
  )
}
