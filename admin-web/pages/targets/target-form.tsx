import { TargetMetric, type UnitOnDate } from '../../../shared/admin-contract'
import type { FieldItem } from '../../api'
import { metricNames } from '../../../shared/metric-names'
import { datePlaceholder } from '../../vietnamese-date'
import { withField, withPeriod, withYear, type TargetValues } from './target-model'

export type TargetFormProps = {
  values: TargetValues
  update: (change: (values: TargetValues) => TargetValues) => void
  errors: Record<string, string>
  isBusy: boolean
  onSubmit: (event: Event) => void
  units: UnitOnDate[]
  fields: FieldItem[]
  years: string[]
}
type Part = Pick<TargetFormProps, 'values' | 'update' | 'errors'>

const valueOf = (e: Event) => (e.currentTarget as HTMLInputElement).value

function ErrorOf({ errors, name }: { errors: Record<string, string>; name: string }) {
  return errors[name] ? (
    <span class="error" id={`t-${name}-error`}>
      {errors[name]}
    </span>
  ) : null
}
const invalid = (errors: Record<string, string>, name: string, hint?: string) => ({
  'aria-invalid': errors[name] ? ('true' as const) : undefined,
  'aria-describedby': [hint, errors[name] ? `t-${name}-error` : undefined].filter(Boolean).join(' ') || undefined,
})

/** A row to add: unit, metric, pooled fields, a period (a whole year in one choice) and the value in percent. */
export function TargetForm(props: TargetFormProps) {
  const { values, update, errors, units } = props
  return (
    <form class="card target-form" onSubmit={props.onSubmit} aria-label="Thêm chỉ tiêu" novalidate>
      <h3>Thêm chỉ tiêu</h3>
      {errors[''] && (
        <p class="error" role="alert">
          {errors['']}
        </p>
      )}
      {errors.planId && <p class="error">{errors.planId}</p>}
      <p class="field">
        <label for="t-unitId">Đơn vị</label>
        <select
          id="t-unitId"
          value={values.unitId}
          onChange={(e: Event) => update((v) => ({ ...v, unitId: valueOf(e) }))}
          {...invalid(errors, 'unitId')}
        >
          <option value="">Chọn đơn vị</option>
          {units.map((u) => (
            <option value={String(u.id)}>{u.name}</option>
          ))}
        </select>
        <ErrorOf errors={errors} name="unitId" />
      </p>
      <p class="field">
        <label for="t-metric">Chỉ số</label>
        <select
          id="t-metric"
          value={values.metric}
          onChange={(e: Event) => {
            const metric = TargetMetric.parse(valueOf(e))
            update((v) => ({ ...v, metric }))
          }}
          {...invalid(errors, 'metric')}
        >
          {TargetMetric.options.map((metric) => (
            <option value={metric}>{metricNames[metric]}</option>
          ))}
        </select>
        <ErrorOf errors={errors} name="metric" />
      </p>
      <FieldChoice {...props} />
      <PeriodFields {...props} />
      <ValueField {...props} />
      <button type="submit" disabled={props.isBusy}>
        {props.isBusy ? 'Đang lưu…' : 'Thêm chỉ tiêu'}
      </button>
    </form>
  )
}

function FieldChoice({ values, update, errors, fields }: Part & { fields: FieldItem[] }) {
  return (
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
              update((v) => withField(v, f.id, isOn))
            }}
          />{' '}
          {f.name}
        </label>
      ))}
      <ErrorOf errors={errors} name="fieldIds" />
    </fieldset>
  )
}

function PeriodFields({ values, update, errors, years }: Part & { years: string[] }) {
  const dateInput = (name: 'periodStart' | 'periodEnd') => ({
    id: `t-${name}`,
    placeholder: datePlaceholder,
    autocomplete: 'off',
    size: 10,
    value: values[name],
    onInput: (e: Event) => {
      const typed = valueOf(e)
      update((v) => withPeriod(v, name === 'periodStart' ? { periodStart: typed } : { periodEnd: typed }))
    },
    ...invalid(errors, name),
  })
  return (
    <div class="row">
      <p class="field">
        <label for="t-year">Kỳ chỉ tiêu</label>
        <select
          id="t-year"
          value={values.year}
          onChange={(e: Event) => {
            const year = valueOf(e)
            update((v) => withYear(v, year))
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
        <input {...dateInput('periodStart')} />
        <ErrorOf errors={errors} name="periodStart" />
      </p>
      <p class="field">
        <label for="t-periodEnd">Đến ngày</label>
        <input {...dateInput('periodEnd')} />
        <ErrorOf errors={errors} name="periodEnd" />
      </p>
    </div>
  )
}

function ValueField({ values, update, errors }: Part) {
  return (
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
          onInput={(e: Event) => {
            const value = valueOf(e)
            update((v) => ({ ...v, value }))
          }}
          {...invalid(errors, 'valuePercent', 't-valuePercent-hint')}
        />
        <span aria-hidden="true">%</span>
      </span>
      <span class="hint" id="t-valuePercent-hint">
        Như kế hoạch ghi: “≥ 96%” nhập 96; tối đa hai chữ số thập phân.
      </span>
      <ErrorOf errors={errors} name="valuePercent" />
    </p>
  )
}
