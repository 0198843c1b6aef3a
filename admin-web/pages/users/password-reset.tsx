import { useEffect } from 'hono/jsx/dom'
import type { UserSummary } from '../../../shared/admin-contract'
import type { CurrentUser } from '../../../shared/auth-contract'
import { adminApi } from '../../admin-api'
import { Field, FormIssues, SubmitButton, useForm } from '../../components/form-state'
import { checkRepeated } from './users-model'

type Props = { user: CurrentUser; target: UserSummary; onDone: (message: string) => void; onCancel: () => void }

/** A new password for another account; every session of that account ends. */
export function PasswordReset({ user, target, onDone, onCancel }: Props) {
  const form = useForm(
    'pw',
    `${user.id}:password-reset`,
    { password: '', passwordAgain: '' },
    { password: 'Mật khẩu mới', passwordAgain: 'Nhập lại mật khẩu mới' },
  )
  const submit = form.submit(async (v) => {
    if (!confirm(`Đặt lại mật khẩu của "${target.username}"? Mọi phiên đăng nhập của tài khoản này sẽ kết thúc.`)) return false
    await adminApi.resetPassword(target.id, v.password)
    onDone(`Đã đặt lại mật khẩu của "${target.username}"; các phiên đăng nhập của tài khoản đã kết thúc.`)
  }, checkRepeated)
  useEffect(() => document.getElementById('pw-password')?.focus(), [target.id])
  return (
    <form class="card" aria-labelledby="pw-title" onSubmit={submit} novalidate>
      <h2 id="pw-title">Đặt lại mật khẩu cho {target.username}</h2>
      <FormIssues form={form} />
      <Field form={form} name="password" hint="Ít nhất 10 ký tự.">
        {(control) => <input {...control} type="password" autocomplete="new-password" required minlength={10} />}
      </Field>
      <Field form={form} name="passwordAgain">
        {(control) => <input {...control} type="password" autocomplete="new-password" required />}
      </Field>
      <SubmitButton form={form} label="Đặt lại mật khẩu" busyLabel="Đang lưu…" />{' '}
      <button type="button" class="secondary" onClick={onCancel}>
        Hủy
      </button>
    </form>
  )
}
