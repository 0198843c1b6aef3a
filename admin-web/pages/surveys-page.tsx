import { useEffect, useState } from 'hono/jsx/dom'
import type { CurrentUser } from '../../shared/auth-contract'
import { ApiError } from '../api'
import { navigate, type Route } from '../router'
import { surveyApi, type SurveyDetail, type SurveySummary } from '../survey-api'
import { NewSurveyForm } from './surveys/new-survey-form'
import { SurveyEditor } from './surveys/survey-editor'
import { SurveysTable } from './surveys/surveys-table'

const screenPath = '/phieu'

/** Questionnaires: the list with their versions, a new one (admins), and the chosen one's editor. */
export function SurveysPage({ route, user }: { route: Route; user: CurrentUser }) {
  const [surveys, setSurveys] = useState<SurveySummary[] | undefined>(undefined)
  const [status, setStatus] = useState('')
  const selectedId = Number(route.params.get('id')) || undefined
  const reload = () =>
    surveyApi.list().then(setSurveys, (e: unknown) => setStatus(e instanceof ApiError ? e.message : 'Không tải được danh sách phiếu.'))
  useEffect(() => {
    void reload()
  }, [])
  const created = async (survey: SurveyDetail) => {
    setStatus(`Đã tạo phiếu “${survey.title}”. Soạn câu hỏi trong bản nháp bên dưới.`)
    await reload()
    navigate(screenPath, new URLSearchParams({ id: String(survey.id) }))
  }

  if (!surveys) return <p aria-live="polite">{status || 'Đang tải…'}</p>
  return (
    <section>
      <h1>Phiếu khảo sát</h1>
      <p role="status">{status}</p>
      <SurveysTable surveys={surveys} selectedId={selectedId} screenPath={screenPath} />
      {user.role === 'admin' && <NewSurveyForm user={user} isFirst={surveys.length === 0} created={created} />}
      {selectedId !== undefined && (
        <SurveyEditor key={selectedId} surveyId={selectedId} user={user} surveys={surveys} onListChanged={reload} />
      )}
    </section>
  )
}
