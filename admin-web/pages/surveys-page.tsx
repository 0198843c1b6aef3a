import { useEffect, useState } from 'hono/jsx/dom'
import { SurveyMetric } from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import { ApiError } from '../api'
import { fieldErrorsOf } from '../components/field-errors'
import { metricNames } from '../metric-names'
import { linkProps, navigate, type Route } from '../router'
import { surveyApi, type SurveySummary } from '../survey-api'
import { SurveyEditor } from './surveys/survey-editor'
import { dateOf } from './surveys/survey-editor-model'

const screenPath = '/phieu'

/** Questionnaires: the list with their versions, a new one (admins), and the chosen one's editor. */
export function SurveysPage({ route, user }: { route: Route; user: CurrentUser }) {
  const [surveys, setSurveys] = useState<SurveySummary[] | undefined>(undefined)
  const [status, setStatus] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const canEdit = user.role === 'admin'
  const selectedId = Number(route.params.get('id')) || undefined
  const reload = () =>
    surveyApi.list().then(setSurveys, (e: unknown) => setStatus(e instanceof ApiError ? e.message : 'Không tải được danh sách phiếu.'))
  useEffect(() => {
    void reload()
  }, [])

  const create = async (event: Event) => {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    try {
      const created = await surveyApi.create({
        code: String(data.get('code') ?? ''),
        title: String(data.get('title') ?? ''),
        metric: SurveyMetric.parse(data.get('metric')),
      })
      setErrors({})
      form.reset()
      form.closest('details')?.removeAttribute('open')
      setStatus(`Đã tạo phiếu “${created.title}”. Soạn câu hỏi trong bản nháp bên dưới.`)
      await reload()
      navigate(screenPath, new URLSearchParams({ id: String(created.id) }))
    } catch (e) {
      setErrors(fieldErrorsOf(e))
    }
  }

  if (!surveys) return <p aria-live="polite">{status || 'Đang tải…'}</p>
  return (
    <section>
      <h1>Phiếu khảo sát</h1>
      <p role="status">{status}</p>
      <table aria-label="Danh sách phiếu khảo sát">
        <thead>
          <tr>
            <th>Mã phiếu</th>
            <th>Tên phiếu</th>
            <th>Chỉ số</th>
            <th>Phiên bản đã phát hành</th>
            <th>Bản nháp</th>
          </tr>
        </thead>
        <tbody>
          {surveys.map((s) => (
            <tr>
              <td>{s.code}</td>
              <td>
                <a {...linkProps(`${screenPath}?id=${s.id}`)} aria-current={s.id === selectedId ? 'true' : undefined}>
                  {s.title}
                </a>
              </td>
              <td>{metricNames[s.metric]}</td>
              <td>
                {s.versions.length === 0 ? 'Chưa phát hành' : s.versions.map((v) => `${v.version} (${dateOf(v.publishedAt)})`).join(', ')}
              </td>
              <td>{s.hasDraft ? 'Đang có bản nháp' : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {canEdit && (
        <details class="card create" open={surveys.length === 0 || Object.keys(errors).length > 0}>
          <summary>Tạo phiếu khảo sát mới</summary>
          <form onSubmit={create} aria-label="Tạo phiếu khảo sát">
            {errors[''] && (
              <p class="error" role="alert">
                {errors['']}
              </p>
            )}
            <p class="field">
              <label for="s-code">Mã phiếu</label>
              <input
                id="s-code"
                name="code"
                required
                maxlength={40}
                autocomplete="off"
                aria-describedby={errors.code ? 's-code-hint s-code-error' : 's-code-hint'}
                aria-invalid={errors.code ? 'true' : undefined}
              />
              <span class="hint" id="s-code-hint">
                Chữ, số, “_” hoặc “-”, ví dụ TIEP-NHAN-2025.
              </span>
              {errors.code && (
                <span class="error" id="s-code-error">
                  {errors.code}
                </span>
              )}
            </p>
            <p class="field">
              <label for="s-title">Tên phiếu</label>
              <input
                id="s-title"
                name="title"
                required
                maxlength={200}
                aria-describedby={errors.title ? 's-title-error' : undefined}
                aria-invalid={errors.title ? 'true' : undefined}
              />
              {errors.title && (
                <span class="error" id="s-title-error">
                  {errors.title}
                </span>
              )}
            </p>
            <p class="field">
              <label for="s-metric">Chỉ số đo</label>
              <select id="s-metric" name="metric">
                {SurveyMetric.options.map((metric) => (
                  <option value={metric}>{metricNames[metric]}</option>
                ))}
              </select>
            </p>
            <button type="submit">Tạo phiếu</button>
          </form>
        </details>
      )}

      {selectedId !== undefined && (
        <SurveyEditor key={selectedId} surveyId={selectedId} user={user} surveys={surveys} onListChanged={reload} />
      )}
    </section>
  )
}
