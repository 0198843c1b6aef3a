import { render, useEffect, useState } from 'hono/jsx/dom'
import type { CurrentUser } from '../shared/auth-contract'
import { api, ApiError } from './api'
import { Shell } from './shell'
import { LoginPage } from './pages/login-page'

function App() {
  const [user, setUser] = useState<CurrentUser | null | undefined>(undefined)
  useEffect(() => {
    api.me().then(setUser, (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) setUser(null)
      else throw error
    })
  }, [])
  if (user === undefined) return <p class="loading">Đang tải…</p>
  if (user === null) return <LoginPage onLoggedIn={setUser} />
  return <Shell user={user} onLoggedOut={() => setUser(null)} />
}

render(<App />, document.getElementById('app')!)
