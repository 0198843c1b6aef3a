import { useEffect, useState } from 'hono/jsx/dom'
import type { PlanViewAnswer } from '../../../shared/reporting-contract'
import { ApiError } from '../../api'
import { type Plan, targetApi } from '../../survey-api'
import { PlanCycleForm } from './plan-cycle'
import { planViewRows } from './report-model'
import { reportingApi } from './reporting-api'

/**
 * Every target of a plan for the period, from every questionnaire of its metric, beside earlier periods. On the
 * reports screen it follows the report's period (or an ad-hoc range typed here); on the dashboard, the
 * dashboard's own days (`range`).
 */
export function PlanView({ periodKey = '', range: fixed }: { periodKey?: string; range?: { from: string; to: string } }) {
  const [plans, setPlans] = useState<Plan[] | null>(null)
  const [planId, setPlanId] = useState(0)
  const [answer, setAnswer] = useState<PlanViewAnswer | null>(null)
  const [error, setError] = useState('')
  const [range, setRange] = useState({ from: '', to: '' })
  const adHoc = fixed ?? (range.from !== '' && range.to !== '' ? range : undefined)
  useEffect(() => {
    targetApi.plans().then(
      (list) => {
        setPlans(list)
        if (list[0]) setPlanId(list[0].id)
      },
      () => setPlans([]),
    )
  }, [])
  useEffect(() => {
    if (planId === 0) return
    reportingApi.planView(planId, periodKey, adHoc).then(
      (a) => {
        setAnswer(a)
        setError('')
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : 'Không kết nối được máy chủ.'),
    )
  }, [planId, periodKey, adHoc?.from, adHoc?.to])
  if (plans !== null && plans.length === 0) return <p class="muted">Chưa có kế hoạch nào trong phạm vi của bạn.</p>
  return (
    <div>
      <div class="field">
        <label for="pv-plan">Kế hoạch</label>
        <select id="pv-plan" onChange={(e: Event) => setPlanId(Number((e.target as HTMLSelectElement).value))}>
          {(plans ?? []).map((p) => (
            <option value={String(p.id)} selected={p.id === planId}>
              {`${p.number}: ${p.title}`}
            </option>
          ))}
        </select>
      </div>
      {!fixed && (
        <div class="field">
          <label for="pv-from">Từ ngày (khoảng tùy chọn, thay cho kỳ báo cáo)</label>
          <input
            id="pv-from"
            type="date"
            value={range.from}
            onChange={(e: Event) => setRange({ ...range, from: (e.target as HTMLInputElement).value })}
          />
        </div>
      )}
      {!fixed && (
        <div class="field">
          <label for="pv-to">Đến ngày (tối đa một giai đoạn kế hoạch, 10 năm)</label>
          <input
            id="pv-to"
            type="date"
            value={range.to}
            onChange={(e: Event) => setRange({ ...range, to: (e.target as HTMLInputElement).value })}
          />
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!fixed && planId !== 0 && <PlanCycleForm planId={planId} />}
      {answer && (
        <table aria-label="Các chỉ tiêu của kế hoạch">
          <caption>{`${answer.periodLabel} · so với ${answer.previousLabel} và ${answer.lastYearLabel}`}</caption>
          <thead>
            <tr>
              <th scope="col">Chỉ tiêu</th>
              <th scope="col">Phạm vi</th>
              <th scope="col">Phiếu khảo sát</th>
              <th scope="col">Mức</th>
              <th scope="col">Kết quả kỳ này</th>
              <th scope="col">Đánh giá</th>
              <th scope="col">Kỳ trước</th>
              <th scope="col">Cùng kỳ năm trước</th>
              <th scope="col">Mục tiêu cuối kỳ kế hoạch</th>
              <th scope="col">Chỉ số quá trình (theo hồ sơ)</th>
            </tr>
          </thead>
          <tbody>
            {planViewRows(answer).map((row) => (
              <tr>
                <td>{row.metric}</td>
                <td>{row.scope}</td>
                <td>{row.survey}</td>
                <td>{row.target}</td>
                <td>{row.current}</td>
                <td>{row.verdict}</td>
                <td>{row.previous}</td>
                <td>{row.lastYear}</td>
                <td>{row.final}</td>
                <td>{row.process}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
