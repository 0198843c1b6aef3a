import { useState } from 'hono/jsx/dom'
import { SurveyMetric } from '../../../shared/admin-contract'
import type { CurrentUser } from '../../../shared/auth-contract'
import { Field, FormIssues, SubmitButton, useForm } from '../../components/form-state'
import { metricNames } from '../../../shared/metric-names'
import { surveyApi, type SurveyDetail } from '../../survey-api'

/** A new questionnaire (admins only): its code, title and the metric it measures; its questions come after. */
export function NewSurveyForm({
  user,
  isFirst,
  created,
}: {
  user: CurrentUser
  isFirst: boolean
  created: (survey: SurveyDetail) => Promise<void>
}) {
  const form = useForm(
    's',
    `${user.id}:survey-new`,
    { code: '', title: '', metric: 'tthc' },
    { code: 'Mã phiếu', title: 'Tên phiếu', metric: 'Chỉ số đo' },
  )
  const [isOpen, setOpen] = useState(isFirst)
  const submit = form.submit(async (v) => {
    await created(await surveyApi.create({ code: v.code, title: v.title, metric: SurveyMetric.parse(v.metric) }))
    setOpen(false)
  })
  return (
    <details
      class="card create"
      open={isOpen || Object.keys(form.errors).length > 0}
      onToggle={(event: Event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>Tạo phiếu khảo sát mới</summary>
      <form onSubmit={submit} aria-label="Tạo phiếu khảo sát">
        <FormIssues form={form} />
        <Field form={form} name="code" hint="Chữ, số, “_” hoặc “-”, ví dụ TIEP-NHAN-2025.">
          {(control) => <input {...control} required maxlength={40} autocomplete="off" />}
        </Field>
        <Field form={form} name="title">
          {(control) => <input {...control} required maxlength={200} />}
        </Field>
        <Field form={form} name="metric">
          {(control) => (
            <select {...control}>
              {SurveyMetric.options.map((metric) => (
                <option value={metric}>{metricNames[metric]}</option>
              ))}
            </select>
          )}
        </Field>
        <SubmitButton form={form} label="Tạo phiếu" busyLabel="Đang tạo…" />
      </form>
    </details>
  )
}
