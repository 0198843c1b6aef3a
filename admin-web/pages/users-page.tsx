import { useEffect, useState } from 'hono/jsx/dom'
import type { UnitOnDate, UserSummary } from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import { adminApi } from '../admin-api'
import { ApiError } from '../api'
import { roleNames, todayInVietnam } from '../vietnamese-labels'
import { NewUserForm } from './users/new-user-form'
import { PasswordReset } from './users/password-reset'
import { lockDone, lockQuestion, unitNameIn } from './users/users-model'

/** The accounts the user may see, today's units, and the status line of the last change. */
function useUsers() {
  const [users, setUsers] = useState<UserSummary[] | undefined>(undefined)
  const [units, setUnits] = useState<UnitOnDate[]>([])
  const [status, setStatus] = useState('')
  const [loadError, setLoadError] = useState('')
  const load = () =>
    adminApi
      .users()
      .then(setUsers, (error: unknown) => setLoadError(error instanceof ApiError ? error.message : 'Không tải được danh sách.'))
  useEffect(() => {
    void load()
    void adminApi.units(todayInVietnam()).then(setUnits, () => setUnits([]))
  }, [])
  const setDisabled = async (target: UserSummary, isDisabled: boolean) => {
    if (!confirm(lockQuestion(target.username, isDisabled))) return
    try {
      await adminApi.setUserDisabled(target.id, isDisabled)
      setStatus(lockDone(target.username, isDisabled))
      await load()
    } catch (error) {
      setStatus(error instanceof ApiError ? error.message : 'Không thực hiện được.')
    }
  }
  const created = async (message: string) => {
    setStatus(message)
    await load()
  }
  return { users, units, status, setStatus, loadError, setDisabled, created }
}

/** Accounts: admins manage all, managers the managers and analysts of their own subtree. */
export function UsersPage({ user }: { user: CurrentUser }) {
  const { users, units, status, setStatus, loadError, setDisabled, created } = useUsers()
  const [resetting, setResetting] = useState<UserSummary | undefined>(undefined)
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
        <UsersTable users={users} units={units} user={user} onReset={setResetting} setDisabled={setDisabled} />
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
        <NewUserForm user={user} units={units} created={created} />
      </div>
    </section>
  )
}

type TableProps = {
  users: UserSummary[]
  units: UnitOnDate[]
  user: CurrentUser
  onReset: (account: UserSummary) => void
  setDisabled: (account: UserSummary, isDisabled: boolean) => Promise<void>
}

/** Every account with its role, unit and state; no one locks their own. */
function UsersTable({ users, units, user, onReset, setDisabled }: TableProps) {
  return (
    <table class="records" aria-label="Danh sách tài khoản">
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
            <td data-label="Họ và tên">{account.displayName}</td>
            <td data-label="Vai trò">{roleNames[account.role]}</td>
            <td data-label="Đơn vị">{unitNameIn(units, account.unitId)}</td>
            <td data-label="Trạng thái">{account.isDisabled ? 'Đã khóa' : 'Đang hoạt động'}</td>
            <td>
              <button
                type="button"
                class="secondary"
                onClick={() => onReset(account)}
                aria-label={`Đặt lại mật khẩu của ${account.username}`}
              >
                Đặt lại mật khẩu
              </button>{' '}
              {account.id !== user.id &&
                (account.isDisabled ? (
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => void setDisabled(account, false)}
                    aria-label={`Mở khóa ${account.username}`}
                  >
                    Mở khóa
                  </button>
                ) : (
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => void setDisabled(account, true)}
                    aria-label={`Khóa ${account.username}`}
                  >
                    Khóa
                  </button>
                ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
