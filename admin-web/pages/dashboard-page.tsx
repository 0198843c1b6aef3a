import type { CurrentUser } from '../../shared/auth-contract'
import type { Route } from '../router'

export function DashboardPage({ route, user }: { route: Route; user: CurrentUser }) {
  return (
    <section>
      <h1>Tổng quan mức độ hài lòng</h1>
      <p class="muted">
        {user.displayName} · {route.params.toString()}
      </p>
    </section>
  )
}
