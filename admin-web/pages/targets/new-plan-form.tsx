import { useState } from 'hono/jsx/dom'
import type { UnitOnDate } from '../../../shared/admin-contract'
import type { CurrentUser } from '../../../shared/auth-contract'
import { Field, FormIssues, SubmitButton, useForm } from '../../components/form-state'
import { targetApi, type Plan } from '../../survey-api'
import { datePlaceholder } from '../../vietnamese-date'
import { emptyPlan, newPlanOf, planLabels } from './plan-model'

/** The form that adds a plan; open at first use, or while a refused plan is being corrected. */
export function NewPlanForm({
  user,
  units,
  isFirst,
  created,
}: {
  user: CurrentUser
  units: UnitOnDate[]
  isFirst: boolean
  created: (plan: Plan) => Promise<void>
}) {
  const form = useForm('p', `${user.id}:plan-new`, emptyPlan, planLabels)
  const [isOpen, setOpen] = useState(isFirst)
  const submit = form.submit(
    async (v) => {
      const { plan } = newPlanOf(v)
      if (!plan) return
      await created(await targetApi.createPlan(plan))
      setOpen(false)
    },
    (v) => newPlanOf(v).errors ?? {},
  )
  return (
    <details
      class="card create"
      open={isOpen || Object.keys(form.errors).length > 0}
      onToggle={(event: Event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>Thêm kế hoạch mới</summary>
      <form onSubmit={submit} aria-label="Thêm kế hoạch" novalidate>
        <FormIssues form={form} />
        <Field form={form} name="number" hint="Ví dụ 125/KH-UBND; kế hoạch không ghi số: (không số)/KH-UBND.">
          {(control) => <input {...control} maxlength={100} autocomplete="off" />}
        </Field>
        <Field form={form} name="title">
          {(control) => <input {...control} maxlength={500} />}
        </Field>
        <Field form={form} name="issuer">
          {(control) => <input {...control} maxlength={200} />}
        </Field>
        <Field form={form} name="issuedOn">
          {(control) => <input {...control} placeholder={datePlaceholder} autocomplete="off" size={10} />}
        </Field>
        <Field form={form} name="unitId">
          {(control) => (
            <select {...control}>
              <option value="">Chọn đơn vị</option>
              {units.map((u) => (
                <option value={String(u.id)}>{u.name}</option>
              ))}
            </select>
          )}
        </Field>
        <SubmitButton form={form} label="Thêm kế hoạch" busyLabel="Đang thêm…" />
      </form>
    </details>
  )
}
