import { useEffect, useState } from 'hono/jsx/dom'
import { type AlertsAnswer, type FiguresAnswer, handlingVerdict, type ThemesAnswer } from '../../../shared/feedback-contract'
import { formatCount, formatPercent } from '../../../shared/format'
import { ApiError } from '../../api'
import { feedbackApi } from '../feedback/feedback-api'

const verdictWords: Record<string, string> = { true: 'đạt', false: 'chưa đạt', null: 'chưa có phản ánh, kiến nghị để đánh giá' }

type Query = { unitId?: number | undefined; from: string; to: string }

/**
 * Citizens' voice on the dashboard: how feedback was handled against the targets of kind "xử lý phản ánh,
 * kiến nghị", the dissatisfied reasons counted, and the phrases most used in comments with the comments behind.
 */
export function FeedbackPanel({ query }: { query: Query }) {
  const [figures, setFigures] = useState<FiguresAnswer | undefined>(undefined)
  const [themes, setThemes] = useState<ThemesAnswer | undefined>(undefined)
  const [alerts, setAlerts] = useState<AlertsAnswer | undefined>(undefined)
  const [message, setMessage] = useState('')
  useEffect(() => {
    const failed = (e: unknown) => setMessage(e instanceof ApiError ? e.message : 'Không tải được ý kiến người dân.')
    void feedbackApi.figures(query).then(setFigures, failed)
    void feedbackApi.themes(query).then(setThemes, failed)
    void feedbackApi.alerts(query.unitId).then(setAlerts, failed)
  }, [JSON.stringify(query)])
  if (!figures || !themes) return <p aria-live="polite">{message || 'Đang tải…'}</p>
  const o = figures.overall
  const days = o.medianDaysToAnswer === null ? '—' : `${o.medianDaysToAnswer.toLocaleString('vi-VN')} ngày`
  return (
    <div>
      {alerts && (alerts.belowTarget.length > 0 || alerts.overdueCases.length > 0) && (
        <div role="alert">
          <h3>Cảnh báo</h3>
          <ul>
            {alerts.belowTarget.map((a) => (
              <li>
                {`${a.kind === 'unit' ? 'Đơn vị' : 'Quầy'} ${a.label}: ${formatPercent(a.rate)} trong 30 ngày gần nhất (${formatCount(a.responses)} lượt), dưới chỉ tiêu ${formatPercent(a.target)}`}
              </li>
            ))}
            {alerts.overdueCases.map((c) => (
              <li>{`Phản ánh, kiến nghị số ${c.id} của ${c.unit.name} quá hạn trả lời (hạn ${c.dueOn.split('-').reverse().join('/')}), đơn vị xử lý: ${c.assigneeUnit.name}`}</li>
            ))}
          </ul>
        </div>
      )}
      <table aria-label="Xử lý phản ánh, kiến nghị">
        <thead>
          <tr>
            <th>Đơn vị</th>
            <th class="num">Góp ý</th>
            <th class="num">Đã tiếp nhận</th>
            <th class="num">Đã xử lý</th>
            <th class="num">Đúng hạn</th>
            <th class="num">Quá hạn</th>
            <th class="num">Trung vị ngày trả lời</th>
          </tr>
        </thead>
        <tbody>
          {figures.units.map((u) => (
            <tr>
              <td>{u.unit.name}</td>
              <td class="num">{formatCount(u.comments)}</td>
              <td class="num">{`${formatCount(u.commentsTaken)} (${formatPercent(u.receivedRate)})`}</td>
              <td class="num">{`${formatCount(u.handled)}/${formatCount(u.cases)} (${formatPercent(u.handledRate)})`}</td>
              <td class="num">{formatPercent(u.onTimeRate)}</td>
              <td class="num">{formatCount(u.overdue)}</td>
              <td class="num">{u.medianDaysToAnswer === null ? '—' : u.medianDaysToAnswer.toLocaleString('vi-VN')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {`Toàn phạm vi: ${formatPercent(o.handledRate)} phản ánh, kiến nghị đã được xử lý; ${formatPercent(o.onTimeRate)} đúng hạn; trung vị ${days} để trả lời.`}
      </p>
      {figures.targets.length > 0 && (
        <ul>
          {figures.targets.map((t) => (
            <li>
              {`Chỉ tiêu ${formatPercent(t.value)} (${t.source}): `}
              <strong class={handlingVerdict(o, t.value) === false ? 'unmet' : 'met'}>
                {verdictWords[String(handlingVerdict(o, t.value))]}
              </strong>
            </li>
          ))}
        </ul>
      )}
      <h3>Lý do chưa hài lòng</h3>
      {themes.reasons.total.length === 0 ? (
        <p class="muted">Chưa có lý do nào trong kỳ (hoặc đang tạm ẩn vì quầy có dưới {themes.minRatings} lượt đánh giá trong tháng).</p>
      ) : (
        <table aria-label="Lý do chưa hài lòng theo tháng">
          <thead>
            <tr>
              <th>Lý do</th>
              <th class="num">Cả kỳ</th>
              {themes.reasons.byMonth.map((m) => (
                <th class="num">{m.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {themes.reasons.total.map((r) => (
              <tr>
                <td>{r.reason}</td>
                <td class="num">{formatCount(r.n)}</td>
                {themes.reasons.byMonth.map((m) => (
                  <td class="num">{formatCount(m.counts[r.reason] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Cụm từ được nhắc nhiều trong góp ý</h3>
      {themes.phrases.length === 0 ? (
        <p class="muted">Chưa có cụm từ nào được nhắc từ hai góp ý trở lên.</p>
      ) : (
        <ul>
          {themes.phrases.map((p) => (
            <li>
              <details>
                <summary>{`“${p.phrase}” — ${formatCount(p.comments)} góp ý`}</summary>
                <ul>
                  {p.examples.map((text) => (
                    <li>{text}</li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
