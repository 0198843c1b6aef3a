import { useEffect, useState } from 'hono/jsx/dom'
import { formatCount, formatDate, formatInterval, formatPercent } from '../../../shared/format'
import { emptySections, type ReportAnswer, type ReportSections, sectionTitles } from '../../../shared/reporting-contract'
import { ApiError, type SurveyItem } from '../../api'
import { emptySectionTitles, submitState, targetText } from './report-model'
import { reportingApi, reportingLinks } from './reporting-api'

const messageOf = (error: unknown) =>
  error instanceof ApiError ? [error.message, ...error.issues.map((i) => i.message)].join(' ') : 'Không kết nối được máy chủ.'

/** A unit's report for one period: its text, today's figures, sending it, and the versions already sent. */
export function ReportDraft({ unitId, periodKey, surveys }: { unitId: number; periodKey: string; surveys: SurveyItem[] }) {
  const [report, setReport] = useState<ReportAnswer | null>(null)
  const [sections, setSections] = useState<ReportSections>(emptySections)
  const [surveyId, setSurveyId] = useState('')
  const [reason, setReason] = useState('')
  const [adHoc, setAdHoc] = useState({ title: '', dueBefore: '' })
  const isAdHoc = periodKey.startsWith('dot-xuat-')
  const [status, setStatus] = useState('')
  const [error, setError] = useState('')
  const load = async () => {
    try {
      const answer = await reportingApi.report(unitId, periodKey)
      setReport(answer)
      setSections(answer.draft?.sections ?? emptySections)
      setSurveyId(answer.draft ? String(answer.draft.surveyId) : '')
      setAdHoc({ title: answer.draft?.title ?? '', dueBefore: answer.draft?.dueBefore ?? '' })
      setError('')
    } catch (e) {
      setReport(null)
      setError(messageOf(e))
    }
  }
  useEffect(() => {
    setStatus('')
    void load()
  }, [unitId, periodKey])
  if (!report)
    return error ? (
      <p class="error" role="alert">
        {error}
      </p>
    ) : (
      <p class="loading">Đang tải…</p>
    )
  const send = submitState(report.versions)
  const save = async (event: Event) => {
    event.preventDefault()
    try {
      await reportingApi.saveDraft(unitId, periodKey, {
        sections,
        ...(surveyId ? { surveyId: Number(surveyId) } : {}),
        ...(isAdHoc ? { title: adHoc.title, dueBefore: adHoc.dueBefore } : {}),
      })
      await load()
      setStatus('Đã lưu bản nháp.')
    } catch (e) {
      setError(messageOf(e))
    }
  }
  const submit = async () => {
    const empty = emptySectionTitles(sections, sectionTitles)
    if (empty.length > 0 && !confirm(`Các mục còn trống: ${empty.join(', ')}. Vẫn gửi?`)) return
    try {
      const sent = await reportingApi.submit(unitId, periodKey, send.needsReason ? { reason } : {})
      setReason('')
      await load()
      setStatus(`Đã gửi báo cáo lần ${sent.version} tới ${sent.recipientLabel}.`)
    } catch (e) {
      setError(messageOf(e))
    }
  }
  const live = report.live
  return (
    <div>
      <p>{`${report.unitName} · ${report.due.label} · ${report.due.deadlineLabel} · Gửi tới: ${report.recipientLabel}`}</p>
      {live ? (
        <div class="card">
          <h2>Số liệu hiện tại (chưa chốt)</h2>
          <p>{`${live.survey.title}: ${formatCount(live.overall.responses)} phiếu, tỷ lệ hài lòng ${formatPercent(live.overall.rate)} (khoảng tin cậy 95%: ${formatInterval(live.overall.ci95)}).`}</p>
          <ul>
            {live.targets.map((t) => (
              <li>{targetText(t)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p class="muted">Đơn vị chưa có phiếu nào trong kỳ; hãy chọn phiếu khảo sát cho báo cáo.</p>
      )}
      {report.canEdit && (
        <form class="card" aria-label="Soạn báo cáo" onSubmit={save}>
          {isAdHoc && (
            <div class="field">
              <label for="rd-title">Nội dung báo cáo đột xuất (trích yếu)</label>
              <input
                id="rd-title"
                value={adHoc.title}
                onInput={(e: Event) => setAdHoc({ ...adHoc, title: (e.target as HTMLInputElement).value })}
              />
            </div>
          )}
          {isAdHoc && (
            <div class="field">
              <label for="rd-due">Hạn gửi theo văn bản yêu cầu (gửi trước ngày)</label>
              <input
                id="rd-due"
                type="date"
                value={adHoc.dueBefore}
                onChange={(e: Event) => setAdHoc({ ...adHoc, dueBefore: (e.target as HTMLInputElement).value })}
              />
            </div>
          )}
          <div class="field">
            <label for="rd-survey">Phiếu khảo sát</label>
            <select id="rd-survey" onChange={(e: Event) => setSurveyId((e.target as HTMLSelectElement).value)}>
              <option value="">Phiếu có nhiều đánh giá nhất</option>
              {surveys.map((s) => (
                <option value={String(s.id)} selected={String(s.id) === surveyId}>
                  {s.title}
                </option>
              ))}
            </select>
          </div>
          {(Object.keys(sectionTitles) as (keyof ReportSections)[]).map((key) => (
            <div class="field">
              <label for={`rd-${key}`}>{sectionTitles[key]}</label>
              <textarea
                id={`rd-${key}`}
                rows={4}
                value={sections[key]}
                onInput={(e: Event) => setSections({ ...sections, [key]: (e.target as HTMLTextAreaElement).value })}
              />
            </div>
          ))}
          <button type="submit">Lưu bản nháp</button>
        </form>
      )}
      {report.canEdit && report.draft && (
        <div class="card">
          {send.needsReason && (
            <div class="field">
              <label for="rd-reason">Lý do gửi lại</label>
              <input id="rd-reason" value={reason} onInput={(e: Event) => setReason((e.target as HTMLInputElement).value)} />
            </div>
          )}
          <button type="button" onClick={submit}>
            {send.label}
          </button>
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p role="status">{status}</p>
      <h2>Các lần đã gửi</h2>
      {report.versions.length === 0 ? (
        <p class="muted">Chưa gửi lần nào.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Lần</th>
              <th scope="col">Ngày gửi</th>
              <th scope="col">Người gửi</th>
              <th scope="col">Lý do gửi lại</th>
              <th scope="col">Bản đã chốt</th>
            </tr>
          </thead>
          <tbody>
            {report.versions.map((v) => (
              <tr>
                <td class="num">{v.version}</td>
                <td>{formatDate(v.submittedOn)}</td>
                <td>{v.submittedBy}</td>
                <td>{v.reason ?? ''}</td>
                <td>
                  <a href={reportingLinks.print(unitId, periodKey, v.version)} target="_blank" rel="noopener">
                    {`Xem bản in lần ${v.version}`}
                  </a>
                  {' · '}
                  <a href={reportingLinks.docx(unitId, periodKey, v.version)}>{`Tải Word lần ${v.version}`}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
