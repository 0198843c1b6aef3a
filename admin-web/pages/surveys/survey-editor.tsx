import type { CurrentUser } from '../../../shared/auth-contract'
import { metricNames } from '../../../shared/metric-names'
import type { SurveySummary } from '../../survey-api'
import { AssignmentForm } from './assignment-form'
import { SurveyBuilder } from './survey-builder'
import { dateOf, previewSurveyOf } from './survey-editor-model'
import { SurveyPreview } from './survey-preview'
import { useSurveyEditor, type SurveyEditorState } from './use-survey-editor'

type Props = { surveyId: number; user: CurrentUser; surveys: SurveySummary[]; onListChanged: () => void }

/** One questionnaire: its versions, the draft's builder and preview (admins), and its assignment to counters. */
export function SurveyEditor({ surveyId, user, surveys, onListChanged }: Props) {
  const editor = useSurveyEditor(surveyId, user, onListChanged)
  const { detail } = editor
  if (!detail) return <p aria-live="polite">{editor.status || 'Đang tải phiếu…'}</p>
  return (
    <section class="editor" aria-labelledby="editor-title">
      <h2 id="editor-title">{`${detail.title} (${detail.code})`}</h2>
      <p class="muted">{`Chỉ số: ${metricNames[detail.metric]}`}</p>
      <VersionsTable editor={editor} />
      <div class="editor-columns">
        <div>
          {editor.canEdit && <DraftSection editor={editor} />}
          {!editor.canEdit && <p role="status">{editor.status}</p>}
        </div>
        <PreviewSection editor={editor} surveyId={surveyId} />
      </div>
      <section aria-labelledby="assign-title">
        <h3 id="assign-title">Gán phiếu cho quầy</h3>
        <AssignmentForm survey={detail} surveys={surveys} />
      </section>
    </section>
  )
}

/** The published versions, newest first, each with its preview and (admins) a new draft from it. */
function VersionsTable({ editor }: { editor: SurveyEditorState }) {
  const published = editor.detail?.versions ?? []
  return (
    <>
      <h3>Các phiên bản</h3>
      {published.length === 0 ? (
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
            {[...published].reverse().map((v) => (
              <tr>
                <td>{`Phiên bản ${v.version}`}</td>
                <td>{dateOf(v.publishedAt)}</td>
                <td class="num">{editor.versions.find((x) => x.id === v.id)?.definition.questions.length ?? '—'}</td>
                <td>
                  <button type="button" class="secondary" onClick={() => editor.setPreviewOf(v.id)}>
                    Xem trước<span class="sr-only">{` phiên bản ${v.version}`}</span>
                  </button>{' '}
                  {editor.canEdit && (
                    <button type="button" class="secondary" disabled={editor.isBusy} onClick={() => editor.draftFrom(v.id, v.version)}>
                      {`Tạo bản nháp từ phiên bản ${v.version}`}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

/** The builder with its save bar, or how to start a draft when there is none. */
function DraftSection({ editor }: { editor: SurveyEditorState }) {
  const status = (
    <p role="status" class="save-status">
      {editor.status}
    </p>
  )
  return (
    <section aria-labelledby="builder-title">
      <h3 id="builder-title">Soạn bản nháp</h3>
      {editor.isRestored && (
        <p>
          <button type="button" class="secondary" onClick={editor.discardUnsaved}>
            Bỏ nội dung chưa lưu
          </button>
        </p>
      )}
      {editor.draft ? (
        <>
          <SurveyBuilder
            draft={editor.draft}
            update={editor.update}
            issues={editor.issues}
            published={editor.published}
            announce={editor.announce}
          />
          <div class="save-bar">
            <button type="button" disabled={editor.isBusy} onClick={editor.save}>
              Lưu bản nháp
            </button>{' '}
            <button type="button" class="publish" disabled={editor.isBusy} onClick={editor.publish}>
              {`Phát hành phiên bản ${editor.nextVersion}`}
            </button>{' '}
            <span class="muted">{editor.isDirty ? 'Có thay đổi chưa lưu.' : editor.detail?.hasDraft ? 'Bản nháp đã lưu.' : ''}</span>
            {status}
          </div>
        </>
      ) : (
        <>
          <p>Chưa có bản nháp. Phiên bản đã phát hành không sửa được; để sửa, bấm “Tạo bản nháp từ phiên bản …” trong bảng trên.</p>
          {status}
        </>
      )}
    </section>
  )
}

/** The questionnaire as a citizen sees it: the draft on screen or any published version. */
function PreviewSection({ editor, surveyId }: { editor: SurveyEditorState; surveyId: number }) {
  const { previewed, survey } = previewSurveyOf(editor.previewOf, editor.versions, editor.draft)
  if (!survey) return null
  return (
    <section class="preview" aria-labelledby="preview-title">
      <h3 id="preview-title">Xem trước</h3>
      <p class="field">
        <label for="pv-source">Nội dung xem trước</label>
        <select
          id="pv-source"
          value={previewed ? String(previewed.id) : 'draft'}
          onChange={(event: Event) => {
            const value = (event.currentTarget as HTMLSelectElement).value
            editor.setPreviewOf(value === 'draft' ? 'draft' : Number(value))
          }}
        >
          {editor.draft && <option value="draft">Bản nháp đang soạn</option>}
          {[...editor.versions].reverse().map((v) => (
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
      <SurveyPreview key={String(editor.previewOf)} survey={survey} idPrefix="pv" />
    </section>
  )
}
