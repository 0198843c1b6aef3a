import type { CreatedApiKey, UnitOnDate } from '../../../shared/admin-contract'
import type { CurrentUser } from '../../../shared/auth-contract'
import { api } from '../../api'
import { Field, FormIssues, SubmitButton, useForm } from '../../components/form-state'

/** A new key for one unit's one-stop system; the key itself is shown once, by the caller. */
export function NewKeyForm({
  user,
  units,
  created,
}: {
  user: CurrentUser
  units: UnitOnDate[]
  created: (key: CreatedApiKey) => Promise<void>
}) {
  const form = useForm(
    'k',
    `${user.id}:api-key-new`,
    { name: '', unitId: '' },
    { name: 'Tên hệ thống', unitId: 'Đơn vị (khóa dùng cho đơn vị và các đơn vị trực thuộc)' },
  )
  const submit = form.submit(
    async (v) => created(await api.createApiKey({ name: v.name, unitId: Number(v.unitId) })),
    (v): Record<string, string> => (v.unitId ? {} : { unitId: 'Chọn đơn vị dùng khóa.' }),
  )
  return (
    <form class="card" onSubmit={submit} aria-label="Tạo khóa API">
      <h2>Tạo khóa API</h2>
      <FormIssues form={form} />
      <Field form={form} name="name">
        {(control) => <input {...control} required maxlength={200} />}
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
      <SubmitButton form={form} label="Tạo khóa" busyLabel="Đang tạo…" />
    </form>
  )
}
