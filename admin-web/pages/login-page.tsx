import { useState } from 'hono/jsx/dom'
import type { CurrentUser } from '../../shared/auth-contract'
import { api, ApiError } from '../api'

export function LoginPage({ onLoggedIn }: { onLoggedIn: (user: CurrentUser) => void }) {
  const [error, setError] = useState('')
  const [isBusy, setBusy] = useState(false)
  const submit = async (event: Event) => {
    event.preventDefault()
    const form = new FormData(event.target as HTMLFormElement)
    setBusy(true)
    setError('')
    try {
      onLoggedIn(await api.login(String(form.get('username')), String(form.get('password'))))
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Không kết nối được máy chủ.')
      setBusy(false)
    }
  }
  return (
    <main class="login">
      <h1>SIPAS — Đo lường sự hài lòng</h1>
      <form onSubmit={submit} class="card">
        <h2>Đăng nhập</h2>
        <label for="username">Tên đăng nhập</label>
        <input id="username" name="username" autocomplete="username" required />
        <label for="password">Mật khẩu</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={isBusy}>
          {isBusy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
    </main>
  )
}
