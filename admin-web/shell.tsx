import type { Child } from 'hono/jsx'
import type { CurrentUser, Role } from '../shared/auth-contract'
import { api } from './api'
import { ApiKeysPage } from './pages/api-keys-page'
import { AuditPage } from './pages/audit-page'
import { CataloguePage } from './pages/catalogue-page'
import { CountersPage } from './pages/counters-page'
import { DashboardPage } from './pages/dashboard-page'
import { EmulationPage } from './pages/emulation/emulation-page'
import { PaperEntryPage } from './pages/paper-entry-page'
import { FeedbackPage } from './pages/feedback-page'
import { ReportsPage } from './pages/reports-page'
import { ReportingPage } from './pages/reports/reporting-page'
import { SurveysPage } from './pages/surveys-page'
import { TargetsPage } from './pages/targets-page'
import { UnitsPage } from './pages/units-page'
import { UsersPage } from './pages/users-page'
import { linkProps, useRoute, type Route } from './router'
import { roleNames } from './vietnamese-labels'

type Screen = { path: string; title: string; roles: Role[]; render: (route: Route, user: CurrentUser) => Child }

const screens: Screen[] = [
  {
    path: '/',
    title: 'Tổng quan',
    roles: ['admin', 'manager', 'analyst'],
    render: (route, user) => <DashboardPage route={route} user={user} />,
  },
  {
    path: '/y-kien',
    title: 'Ý kiến người dân',
    roles: ['admin', 'manager', 'analyst'],
    render: (route, user) => <FeedbackPage route={route} user={user} />,
  },
  { path: '/bao-cao', title: 'Báo cáo', roles: ['admin', 'manager', 'analyst'], render: (_, user) => <ReportsPage user={user} /> },
  {
    path: '/bao-cao-dinh-ky',
    title: 'Báo cáo định kỳ',
    roles: ['admin', 'manager', 'analyst'],
    render: (route, user) => <ReportingPage route={route} user={user} />,
  },
  { path: '/thi-dua', title: 'Thi đua', roles: ['admin', 'manager', 'analyst'], render: (_, user) => <EmulationPage user={user} /> },
  { path: '/quay', title: 'Quầy và mã QR', roles: ['admin', 'manager', 'analyst'], render: (_, user) => <CountersPage user={user} /> },
  {
    path: '/don-vi',
    title: 'Đơn vị hành chính',
    roles: ['admin', 'manager', 'analyst'],
    render: (route, user) => <UnitsPage route={route} user={user} />,
  },
  {
    path: '/danh-muc',
    title: 'Lĩnh vực và thủ tục',
    roles: ['admin', 'manager', 'analyst'],
    render: (route, user) => <CataloguePage route={route} user={user} />,
  },
  { path: '/phieu-giay', title: 'Nhập phiếu giấy', roles: ['admin', 'manager', 'analyst'], render: () => <PaperEntryPage /> },
  { path: '/nguoi-dung', title: 'Người dùng', roles: ['admin', 'manager'], render: (_, user) => <UsersPage user={user} /> },
  { path: '/ket-noi', title: 'Kết nối một cửa', roles: ['admin'], render: (_, user) => <ApiKeysPage user={user} /> },
  { path: '/nhat-ky', title: 'Nhật ký thay đổi', roles: ['admin', 'manager'], render: () => <AuditPage /> },
  {
    path: '/phieu',
    title: 'Phiếu khảo sát',
    roles: ['admin', 'manager'],
    render: (route, user) => <SurveysPage route={route} user={user} />,
  },
  { path: '/chi-tieu', title: 'Chỉ tiêu', roles: ['admin', 'manager'], render: (route, user) => <TargetsPage route={route} user={user} /> },
]

export function Shell({ user, onLoggedOut }: { user: CurrentUser; onLoggedOut: () => void }) {
  const route = useRoute()
  const allowed = screens.filter((s) => s.roles.includes(user.role))
  const screen = allowed.find((s) => s.path === route.path)
  const logOut = async () => {
    await api.logout()
    onLoggedOut()
  }
  return (
    <div class="shell">
      <header class="top">
        <span class="brand">SIPAS</span>
        <nav aria-label="Chức năng">
          <ul>
            {allowed.map((s) => (
              <li>
                <a {...linkProps(s.path)} aria-current={s === screen ? 'page' : undefined}>
                  {s.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">
          {user.displayName} · {roleNames[user.role]}
        </span>
        <button type="button" class="link" onClick={logOut}>
          Đăng xuất
        </button>
      </header>
      <main id="content">
        {screen ? (
          screen.render(route, user)
        ) : (
          <section>
            <h1>Không tìm thấy trang</h1>
            <p>
              Trang này không tồn tại hoặc tài khoản không có quyền xem. <a {...linkProps('/')}>Về trang tổng quan</a>
            </p>
          </section>
        )}
      </main>
    </div>
  )
}
