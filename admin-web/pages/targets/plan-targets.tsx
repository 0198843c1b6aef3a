import { useEffect, useState } from 'hono/jsx/dom'
import { NewTarget, SurveyMetric, type Target, type UnitOnDate } from '../../../shared/admin-contract'
import { formatDate } from '../../../shared/format'
import { vietnameseErrorMap } from '../../../shared/zod-vietnamese'
import { ApiError, type FieldItem } from '../../api'
import { fieldErrorsOf } from '../../components/field-errors'
import { issuesByField } from '../../components/schema-issues'
import { metricNames } from '../../metric-names'
import { targetApi, type Plan } from '../../survey-api'
import { dateFormatMessage, datePlaceholder, parseVietnameseDate } from '../../vietnamese-date'

const percentFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 })
/** As the plans write it: "≥ 96%", "≥ 87,5%". */
export const formatTarget = (valuePercent: number) => `≥ ${percentFormat.format(valuePercent)}%`

type Values = { unitId: string; metric: SurveyMetric; fieldIds: number[]; year: string; periodStart: string; periodEnd: string; value: string }

const yearOf = (start: string, end: string) => {
  const year = start.slice(-4)
  return start === `01/01/${year}` && end === `31/12/${year}` ? year : ''
}

/** One plan's targets: the list, a row to add (value in percent, pooled fields, a year in one choice), deletion. */
export function PlanTargets({
  plan,
  units,
  fields,
  unitName,
}: {
  plan: Plan
  units: UnitOnDate[]
  fields: FieldItem[]
  unitName: (id: number | null) => string
}) {
  const initial: Values = { unitId: plan.unitId ? String(plan.unitId) : '', metric: 'tthc', fieldIds: [], year: '', periodStart: '', periodEnd: '', value: '' }
  const [targets, setTargets] = useState<Target[] | undefined>(undefined)
  const [values, setValues] = useState<Values>(initial)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [status, setStatus] = useState('')
  const [isBusy, setBusy] = useState(false)
  const reload = () => targetApi.targets(plan.id).then(setTargets, (e: unknown) => setStatus(e instanceof ApiError ? e.message : 'Không tải được chỉ tiêu.'))
  useEffect(() => {
    void reload()
  }, [plan.id])

  const set = (change: Partial<Values>) => setValues((current) => ({ ...current, ...change }))
  const fieldNames = (ids: number[]) =>
    ids.length === 0 ? 'Mọi lĩnh vực' : ids.map((id) => fields.find((f) => f.id === id)?.name ?? `Lĩnh vực số ${id}`).join(' + ')
  const period = (t: Pick<Target, 'periodStart' | 'periodEnd'>) => `${formatDate(t.periodStart)} – ${formatDate(t.periodEnd)}`
  const describe = (t: Target) => `${formatTarget(t.valuePercent)} — ${metricNames[t.metric]} (${fieldNames(t.fieldIds)}), ${unitName(t.unitId)}, ${period(t)}`
  const issuedYear = Number(plan.issuedOn.slice(0, 4))
  const years = Array.from({ length: 12 }, (_, i) => String(issuedYear - 1 + i))

  const add = async (event: Event) => {
    event.preventDefault()
    const text = values.value.trim().replace(',', '.')
    const valuePercent = text === '' ? Number.NaN : Number(text)
    const periodStart = parseVietnameseDate(values.periodStart)
    const periodEnd = parseVietnameseDate(values.periodEnd)
    const parsed = NewTarget.safeParse(
      {
        planId: plan.id,
        unitId: Number(values.unitId) || undefined,
        metric: values.metric,
        fieldIds: values.fieldIds,
        periodStart,
        periodEnd,
        valuePercent: Number.isNaN(valuePercent) ? undefined : valuePercent,
      },
      { error: vietnameseErrorMap },
    )
    const isMistyped = (typed: string, parsedDate: string | undefined) => typed.trim() !== '' && parsedDate === undefined
    if (!parsed.success || isMistyped(values.periodStart, periodStart) || isMistyped(values.periodEnd, periodEnd)) {
      const found = parsed.success ? {} : issuesByField(parsed.error.issues)
      if (text !== '' && Number.isNaN(valuePercent)) found.valuePercent = 'Nhập số phần trăm, ví dụ 96 hoặc 87,5.'
      if (isMistyped(values.periodStart, periodStart)) found.periodStart = dateFormatMessage
      if (isMistyped(values.periodEnd, periodEnd)) found.periodEnd = dateFormatMessage
      return setErrors(found)
    }
    setBusy(true)
    try {
      const created = await targetApi.createTarget(parsed.data)
      setErrors({})
      set({ fieldIds: [], value: '' })
      setStatus(`Đã thêm chỉ tiêu ${describe(created)}.`)
      await reload()
    } catch (e) {
      setErrors(fieldErrorsOf(e))
    } finally {
      setBusy(false)
    }
  }

  const remove = async (t: Target) => {
    if (!confirm(`Xóa chỉ tiêu ${describe(t)}?\n\nBáo cáo sẽ không còn so kết quả với chỉ tiêu này.`)) return
    try {
      await targetApi.removeTarget(t.id)
      setStatus(`Đã xóa chỉ tiêu ${describe(t)}.`)
      await reload()
    } catch (e) {
      setStatus(e instanceof ApiError ? e.message : 'Không kết nối được máy chủ. Chưa xóa.')
    }
  }

  const error = (name: string) =>
    errors[name] && (
      <span class="error" id={`t-${name}-error`}>
        {errors[name]}
      </span>
    )
  const invalid = (name: string, hint?: string) => ({
    'aria-invalid': errors[name] ? ('true' as const) : undefined,
    'aria-describedby': [hint, errors[name] ? `t-${name}-error` : undefined].filter(Boolean).join(' ') || undefined,
  })

  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">{`Chỉ tiêu của kế hoạch ${plan.number}`}</h2>
      <p class="muted">{`${plan.title} — ${plan.issuer}, ngày ${formatDate(plan.issuedOn)}`}</p>
      <p role="status">{status}</p>
      {!targets ? (
        <p>Đang tải…</p>
      ) : (
        <table aria-label={`Chỉ tiêu của kế hoạch ${plan.number}`}>
          <thead>
            <tr>
              <th>Đơn vị</th>
              <th>Chỉ số</th>
              <th>Lĩnh vực (gộp)</th>
              <th>Kỳ</th>
              <th class="num">Chỉ tiêu</th>
              <th>Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {targets.length === 0 && (
              <tr>
                <td colspan={6}>Kế hoạch chưa có chỉ tiêu nào.</td>
              </tr>
            )}
            {targets.map((t) => (
              <tr>
                <td>{unitName(t.unitId)}</td>
                <td>{metricNames[t.metric]}</td>
                <td>{fieldNames(t.fieldIds)}</td>
                <td>{period(t)}</td>
                <td class="num">{formatTarget(t.valuePercent)}</td>
                <td>
                  <button type="button" class="secondary" onClick={() => remove(t)}>
                    Xóa<span class="sr-only">{` chỉ tiêu ${describe(t)}`}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <form class="card target-form" onSubmit={add} aria-label="Thêm chỉ tiêu" novalidate>
        <h3>Thêm chỉ tiêu</h3>
        {errors[''] && (
          <p class="error" role="alert">
            {errors['']}
          </p>
        )}
        {errors.planId && <p class="error">{errors.planId}</p>}
        <p class="field">
          <label for="t-unitId">Đơn vị</label>
          <select id="t-unitId" value={values.unitId} onChange={(e: Event) => set({ unitId: (e.currentTarget as HTMLSelectElement).value })} {...invalid('unitId')}>
            <option value="">Chọn đơn vị</option>
            {units.map((u) => (
              <option value={String(u.id)}>{u.name}</option>
            ))}
          </select>
          {error('unitId')}
        </p>
        <p class="field">
          <label for="t-metric">Chỉ số</label>
          <select
            id="t-metric"
            value={values.metric}
            onChange={(e: Event) => set({ metric: SurveyMetric.parse((e.currentTarget as HTMLSelectElement).value) })}
            {...invalid('metric')}
          >
            {SurveyMetric.options.map((metric) => (
              <option value={metric}>{metricNames[metric]}</option>
            ))}
          </select>
          {error('metric')}
        </p>
        <fieldset aria-describedby={errors.fieldIds ? 't-fields-hint t-fieldIds-error' : 't-fields-hint'}>
          <legend>Lĩnh vực (gộp)</legend>
          <p class="hint" id="t-fields-hint">
            Chọn các lĩnh vực mà chỉ tiêu tính gộp, ví dụ đất đai + xây dựng + đầu tư. Không chọn: chỉ tiêu chung cho mọi lĩnh vực.
          </p>
          {fields.map((f) => (
            <label class="check-label">
              <input
                type="checkbox"
                checked={values.fieldIds.includes(f.id)}
                onChange={(e: Event) => {
                  const isOn = (e.currentTarget as HTMLInputElement).checked
                  setValues((current) => ({ ...current, fieldIds: isOn ? [...current.fieldIds, f.id] : current.fieldIds.filter((id) => id !== f.id) }))
                }}
              />{' '}
              {f.name}
            </label>
          ))}
          {error('fieldIds')}
        </fieldset>
        <div class="row">
          <p class="field">
            <label for="t-year">Kỳ chỉ tiêu</label>
            <select
              id="t-year"
              value={values.year}
              onChange={(e: Event) => {
                const year = (e.currentTarget as HTMLSelectElement).value
                set(year ? { year, periodStart: `01/01/${year}`, periodEnd: `31/12/${year}` } : { year })
              }}
            >
              <option value="">Tự chọn ngày</option>
              {years.map((year) => (
                <option value={year}>{`Cả năm ${year}`}</option>
              ))}
            </select>
          </p>
          <p class="field">
            <label for="t-periodStart">Từ ngày</label>
            <input
              id="t-periodStart"
              placeholder={datePlaceholder}
              autocomplete="off"
              size={10}
              value={values.periodStart}
              onInput={(e: Event) => {
                const periodStart = (e.currentTarget as HTMLInputElement).value
                setValues((current) => ({ ...current, periodStart, year: yearOf(periodStart, current.periodEnd) }))
              }}
              {...invalid('periodStart')}
            />
            {error('periodStart')}
          </p>
          <p class="field">
            <label for="t-periodEnd">Đến ngày</label>
            <input
              id="t-periodEnd"
              placeholder={datePlaceholder}
              autocomplete="off"
              size={10}
              value={values.periodEnd}
              onInput={(e: Event) => {
                const periodEnd = (e.currentTarget as HTMLInputElement).value
                setValues((current) => ({ ...current, periodEnd, year: yearOf(current.periodStart, periodEnd) }))
              }}
              {...invalid('periodEnd')}
            />
            {error('periodEnd')}
          </p>
        </div>
        <p class="field">
          <label for="t-valuePercent">Chỉ tiêu tối thiểu (%)</label>
          <span class="percent">
            <span aria-hidden="true">≥</span>
            <input
              id="t-valuePercent"
              inputmode="decimal"
              autocomplete="off"
              size={6}
              value={values.value}
              onInput={(e: Event) => set({ value: (e.currentTarget as HTMLInputElement).value })}
              {...invalid('valuePercent', 't-valuePercent-hint')}
            />
            <span aria-hidden="true">%</span>
          </span>
          <span class="hint" id="t-valuePercent-hint">
            Như kế hoạch ghi: “≥ 96%” nhập 96; tối đa hai chữ số thập phân.
          </span>
          {error('valuePercent')}
        </p>
        <button type="submit" disabled={isBusy}>
          {isBusy ? 'Đang lưu…' : 'Thêm chỉ tiêu'}
        </button>
      </form>
    </section>
  )
}
