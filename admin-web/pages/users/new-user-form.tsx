import type { UnitOnDate } from '../../../shared/admin-contract'
import type { CurrentUser } from '../../../shared/auth-contract'
import { adminApi } from '../../admin-api'
import { Field, FormIssues, SubmitButton, useForm } from '../../components/form-state'
import { roleNames } from '../../vietnamese-labels'
import { checkRepeated, newUserOf, rolesFor } from './users-model'

/** A new account: a manager's stays in their own subtree, with no admin role to give. */
export function NewUserForm({
  user,
  units,
  created,
}: {
  user: CurrentUser
  units: UnitOnDate[]
  created: (message: string) => Promise<void>
}) {
  const isAdmin = user.role === 'admin'
  const form = useForm(
    'nuser',
    `${user.id}:user-new`,
    {
      username: '',
      displayName: '',
      role: 'analyst',
      unitId: user.unitId === null ? '' : String(user.unitId),
      password: '',
      passwordAgain: '',
    },
    {
      username: 'Tên đăng nhập',
      displayName: 'Họ và tên',
      role: 'Vai trò',
      unitId: 'Đơn vị',
      password: 'Mật khẩu',
      passwordAgain: 'Nhập lại mật khẩu',
    },
  )
  const submit = form.submit(async (v) => {
    const account = await adminApi.createUser(newUserOf(v))
    await created(`Đã tạo tài khoản "${account.username}" (${roleNames[account.role]}).`)
  }, checkRepeated)
  return (
    <form class="card" aria-labelledby="nuser-title" onSubmit={submit} novalidate>
      <h2 id="nuser-title">Tạo tài khoản</h2>
      <FormIssues form={form} />
      <Field form={form} name="username" hint='3–40 chữ thường không dấu, số, ".", "_" hoặc "-", ví dụ "nguyen.van.a".'>
        {(control) => <input {...control} required maxlength={40} autocomplete="off" />}
      </Field>
      <Field form={form} name="displayName">
        {(control) => <input {...control} maxlength={200} autocomplete="off" />}
      </Field>
      <Field form={form} name="role">
        {(control) => (
          <select {...control}>
            {rolesFor(user.role).map((role) => (
              <option value={role}>{roleNames[role]}</option>
            ))}
          </select>
        )}
      </Field>
      <Field form={form} name="unitId" hint={isAdmin ? 'Tài khoản quản lý và phân tích phải thuộc một đơn vị.' : undefined}>
        {(control) => (
          <select {...control}>
            {isAdmin && <option value="">Không thuộc đơn vị (chỉ cho quản trị hệ thống)</option>}
            {units.map((u) => (
              <option value={String(u.id)}>{u.name}</option>
            ))}
          </select>
        )}
      </Field>
      <Field form={form} name="password" hint="Ít nhất 10 ký tự.">
        {(control) => <input {...control} type="password" autocomplete="new-password" required minlength={10} />}
      </Field>
      <Field form={form} name="passwordAgain">
        {(control) => <input {...control} type="password" autocomplete="new-password" required />}
      </Field>
      <SubmitButton form={form} label="Tạo tài khoản" busyLabel="Đang tạo…" />
    </form>
  )
}
