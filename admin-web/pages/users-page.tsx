import { useEffect, useState } from 'hono/jsx/dom'
import type { UnitOnDate, UserSummary } from '../../shared/admin-contract'
import { Role, type CurrentUser } from '../../shared/auth-contract'
import { adminApi } from '../admin-api'
import { ApiError } from '../api'
import { Field, FormIssues, SubmitButton, useForm } from '../components/form-state'
import { roleNames, todayInVietnam } from '../vietnamese-labels'

const mismatch = 'Hai lần nhập mật khẩu không khớp.'
const checkRepeated = (v: { password: string; passwordAgain: string }): Record<string, string> =>
  v.password === v.passwordAgain ? {} : { passwordAgain: mismatch }

function PasswordReset({ user, target, onDone, onCancel }: { user: CurrentUser; target: UserSummary; onDone: (message: string) => void; onCancel: () => void }) {
  const form = useForm(
    'pw',
    `${user.id}:password-reset`,
    { password: '', passwordAgain: '' },
    { password: 'Mật khẩu mới', passwordAgain: 'Nhập lại mật khẩu mới' },
  )
  const submit = form.submit(
    async (v) => {
      if (!confirm(`Đặt lại mật khẩu của "${target.username}"? Mọi phiên đăng nhập của tài khoản này sẽ kết thúc.`)) return false
      await adminApi.resetPassword(target.id, v.password)
      onDone(`Đã đặt lại mật khẩu của "${target.username}"; các phiên đăng nhập của tài khoản đã kết thúc.`)
    },
    checkRepeated,
  )
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

/** Accounts: admins manage all, managers the managers and analysts of their own subtree. */
export function UsersPage({ user }: { user: CurrentUser }) {
  const [users, setUsers] = useState<UserSummary[] | undefined>(undefined)
  const [units, setUnits] = useState<UnitOnDate[]>([])
  const [status, setStatus] = useState('')
  const [loadError, setLoadError] = useState('')
  const [resetting, setResetting] = useState<UserSummary | undefined>(undefined)
  const isAdmin = user.role === 'admin'
  // A manager may create managers and analysts only: the admin role is not offered at all.
  const roles = Role.options.filter((role) => isAdmin || role !== 'admin')

  const load = () =>
    adminApi.users().then(setUsers, (error: unknown) => setLoadError(error instanceof ApiError ? error.message : 'Không tải được danh sách.'))
  useEffect(() => {
    void load()
    void adminApi.units(todayInVietnam()).then(setUnits, () => setUnits([]))
  }, [])
  const unitName = (unitId: number | null) =>
    unitId === null ? 'Toàn hệ thống' : (units.find((u) => u.id === unitId)?.name ?? `Đơn vị mã số ${unitId}`)

  const created = useForm(
    'nuser',
    `${user.id}:user-new`,
    { username: '', displayName: '', role: 'analyst', unitId: user.unitId === null ? '' : String(user.unitId), password: '', passwordAgain: '' },
    {
      username: 'Tên đăng nhập',
      displayName: 'Họ và tên',
      role: 'Vai trò',
      unitId: 'Đơn vị',
      password: 'Mật khẩu',
      passwordAgain: 'Nhập lại mật khẩu',
    },
  )
  const createUser = created.submit(
    async (v) => {
      const account = await adminApi.createUser({
        username: v.username,
        displayName: v.displayName,
        role: Role.parse(v.role),
        unitId: v.unitId ? Number(v.unitId) : null,
        password: v.password,
      })
      setStatus(`Đã tạo tài khoản "${account.username}" (${roleNames[account.role]}).`)
      await load()
    },
    checkRepeated,
  )

  const setDisabled = async (target: UserSummary, isDisabled: boolean) => {
    const question = isDisabled
      ? `Khóa tài khoản "${target.username}"? Người dùng bị đăng xuất ngay và không đăng nhập được cho đến khi được mở khóa.`
      : `Mở khóa tài khoản "${target.username}"? Người dùng sẽ đăng nhập lại được bằng mật khẩu hiện có.`
    if (!confirm(question)) return
    try {
      await adminApi.setUserDisabled(target.id, isDisabled)
      setStatus(isDisabled ? `Đã khóa tài khoản "${target.username}".` : `Đã mở khóa tài khoản "${target.username}".`)
      await load()
    } catch (error) {
      setStatus(error instanceof ApiError ? error.message : 'Không thực hiện được.')
    }
  }

  return (
    <section>
      <h1>Người dùng</h1>
      {loadError && (
        <p class="error" role="alert">
          {loadError}
        </p>
      )}
      <p role="status">{status}</p>
      {users === undefined ? (
        <p>Đang tải…</p>
      ) : (
        <table aria-label="Danh sách tài khoản">
          <thead>
            <tr>
              <th>Tên đăng nhập</th>
              <th>Họ và tên</th>
              <th>Vai trò</th>
              <th>Đơn vị</th>
              <th>Trạng thái</th>
              <th>Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {users.map((account) => (
              <tr>
                <td>{account.username}</td>
                <td>{account.displayName}</td>
                <td>{roleNames[account.role]}</td>
                <td>{unitName(account.unitId)}</td>
                <td>{account.isDisabled ? 'Đã khóa' : 'Đang hoạt động'}</td>
                <td>
                  <button type="button" class="secondary" onClick={() => setResetting(account)} aria-label={`Đặt lại mật khẩu của ${account.username}`}>
                    Đặt lại mật khẩu
                  </button>{' '}
                  {account.id !== user.id &&
                    (account.isDisabled ? (
                      <button type="button" class="secondary" onClick={() => void setDisabled(account, false)} aria-label={`Mở khóa ${account.username}`}>
                        Mở khóa
                      </button>
                    ) : (
                      <button type="button" class="secondary" onClick={() => void setDisabled(account, true)} aria-label={`Khóa ${account.username}`}>
                        Khóa
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div class="forms">
        {resetting && (
          <PasswordReset
            key={resetting.id}
            user={user}
            target={resetting}
            onDone={(message) => {
              setResetting(undefined)
              setStatus(message)
            }}
            onCancel={() => setResetting(undefined)}
          />
        )}
        <form class="card" aria-labelledby="nuser-title" onSubmit={createUser} novalidate>
          <h2 id="nuser-title">Tạo tài khoản</h2>
          <FormIssues form={created} />
          <Field form={created} name="username" hint='3–40 chữ thường không dấu, số, ".", "_" hoặc "-", ví dụ "nguyen.van.a".'>
            {(control) => <input {...control} required maxlength={40} autocomplete="off" />}
          </Field>
          <Field form={created} name="displayName">
            {(control) => <input {...control} maxlength={200} autocomplete="off" />}
          </Field>
          <Field form={created} name="role">
            {(control) => (
              <select {...control}>
                {roles.map((role) => (
                  <option value={role}>{roleNames[role]}</option>
                ))}
              </select>
            )}
          </Field>
          <Field form={created} name="unitId" hint={isAdmin ? 'Tài khoản quản lý và phân tích phải thuộc một đơn vị.' : undefined}>
            {(control) => (
              <select {...control}>
                {isAdmin && <option value="">Không thuộc đơn vị (chỉ cho quản trị hệ thống)</option>}
                {units.map((u) => (
                  <option value={String(u.id)}>{u.name}</option>
                ))}
              </select>
            )}
          </Field>
          <Field form={created} name="password" hint="Ít nhất 10 ký tự.">
            {(control) => <input {...control} type="password" autocomplete="new-password" required minlength={10} />}
          </Field>
          <Field form={created} name="passwordAgain">
            {(control) => <input {...control} type="password" autocomplete="new-password" required />}
          </Field>
          <SubmitButton form={created} label="Tạo tài khoản" busyLabel="Đang tạo…" />
        </form>
      </div>
    </section>
  )
}
