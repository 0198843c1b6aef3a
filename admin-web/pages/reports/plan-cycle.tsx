import { useEffect, useState } from 'hono/jsx/dom'
import { type ReportKind, reportKinds } from '../../../shared/reporting-calendar'
import type { PlanCycleAnswer, PlanCycleBody } from '../../../shared/reporting-contract'
import { ApiError } from '../../api'
import { reportingApi } from './reporting-api'

const kindNames: Record<ReportKind, string> = {
  quy: 'Quý',
  '6-thang': '6 tháng',
  '9-thang': '9 tháng',
  nam: 'Năm',
  'giai-doan': 'Giai đoạn (sơ kết)',
}

const messageOf = (error: unknown) =>
  error instanceof ApiError ? [error.message, ...error.issues.map((i) => i.message)].join(' ') : 'Không kết nối được máy chủ.'

/** A plan's reporting calendar: the reports it asks for, how periods are cut, the deadline day and its phase. */
export function PlanCycleForm({ planId }: { planId: number }) {
  const [answer, setAnswer] = useState<PlanCycleAnswer | null>(null)
  const [cycle, setCycle] = useState<PlanCycleBody | null>(null)
  const [status, setStatus] = useState('')
  const [error, setError] = useState('')
  useEffect(() => {
    setStatus('')
    reportingApi.planCycle(planId).then(
      (a) => {
        setAnswer(a)
        setCycle(a.cycle)
        setError('')
      },
      (e: unknown) => setError(messageOf(e)),
    )
  }, [planId])
  if (!answer || !cycle) return error ? <p class="error">{error}</p> : null
  const toggle = (kind: ReportKind, on: boolean) =>
    setCycle({
      ...cycle,
      reportKinds: on
        ? reportKinds.filter((k) => k === kind || cycle.reportKinds.includes(k))
        : cycle.reportKinds.filter((k) => k !== kind),
    })
  const year = (key: 'fromYear' | 'toYear', value: string) => {
    const phase = { fromYear: cycle.phase?.fromYear ?? 2021, toYear: cycle.phase?.toYear ?? 2025, [key]: Number(value) }
    setCycle({ ...cycle, phase: value === '' ? null : phase })
  }
  const save = async (event: Event) => {
    event.preventDefault()
    try {
      const saved = await reportingApi.setPlanCycle(planId, cycle)
      setAnswer(saved)
      setCycle(saved.cycle)
      setError('')
      setStatus('Đã lưu lịch báo cáo của kế hoạch.')
    } catch (e) {
      setError(messageOf(e))
    }
  }
  const disabled = !answer.canEdit
  return (
    <form class="card" aria-label="Lịch báo cáo của kế hoạch" onSubmit={save}>
      <h2>Lịch báo cáo của kế hoạch</h2>
      <fieldset disabled={disabled}>
        <legend>Loại báo cáo phải gửi</legend>
        {reportKinds.map((kind) => (
          <label>
            <input
              type="checkbox"
              checked={cycle.reportKinds.includes(kind)}
              onChange={(e: Event) => toggle(kind, (e.target as HTMLInputElement).checked)}
            />
            {` ${kindNames[kind]}`}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="pc-mode">Cách chốt số liệu</label>
        <select
          id="pc-mode"
          disabled={disabled}
          onChange={(e: Event) => setCycle({ ...cycle, periodMode: (e.target as HTMLSelectElement).value as PlanCycleBody['periodMode'] })}
        >
          <option value="cutoff" selected={cycle.periodMode === 'cutoff'}>
            Từ ngày 15 tháng trước kỳ đến ngày 14 tháng cuối kỳ
          </option>
          <option value="calendar" selected={cycle.periodMode === 'calendar'}>
            Theo tháng dương lịch
          </option>
        </select>
      </div>
      <div class="field">
        <label for="pc-day">Hạn gửi: trước ngày (để trống: ngày 20, cấp tỉnh ngày 25)</label>
        <input
          id="pc-day"
          type="number"
          min={1}
          max={28}
          disabled={disabled}
          value={cycle.deadlineDay === null ? '' : String(cycle.deadlineDay)}
          onInput={(e: Event) => {
            const value = (e.target as HTMLInputElement).value
            setCycle({ ...cycle, deadlineDay: value === '' ? null : Number(value) })
          }}
        />
      </div>
      <div class="field">
        <label for="pc-from">Giai đoạn từ năm</label>
        <input
          id="pc-from"
          type="number"
          disabled={disabled}
          value={cycle.phase ? String(cycle.phase.fromYear) : ''}
          onInput={(e: Event) => year('fromYear', (e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for="pc-to">đến năm</label>
        <input
          id="pc-to"
          type="number"
          disabled={disabled}
          value={cycle.phase ? String(cycle.phase.toYear) : ''}
          onInput={(e: Event) => year('toYear', (e.target as HTMLInputElement).value)}
        />
      </div>
      {answer.canEdit ? (
        <button type="submit">Lưu lịch báo cáo</button>
      ) : (
        <p class="muted">Chỉ quản trị viên hoặc cán bộ quản lý của đơn vị ban hành kế hoạch được sửa.</p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p role="status">{status}</p>
    </form>
  )
}
