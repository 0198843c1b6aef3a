import type { CurrentUser } from '../../shared/auth-contract'
import { navigate, type Route } from '../router'
import type { Plan } from '../survey-api'
import { NewPlanForm } from './targets/new-plan-form'
import { PlanTargets } from './targets/plan-targets'
import { PlansTable } from './targets/plans-table'
import { usePlans } from './targets/use-plans'

const screenPath = '/chi-tieu'

/** Plans (kế hoạch CCHC) and the targets each sets, entered row by row as the plan's table reads. */
export function TargetsPage({ route, user }: { route: Route; user: CurrentUser }) {
  const { plans, units, fields, status, setStatus, reload, unitName } = usePlans()
  const selectedId = Number(route.params.get('plan')) || undefined
  const created = async (plan: Plan) => {
    setStatus(`Đã thêm kế hoạch ${plan.number}. Nhập các chỉ tiêu của kế hoạch bên dưới.`)
    await reload()
    navigate(screenPath, new URLSearchParams({ plan: String(plan.id) }))
  }
  if (!plans) return <p aria-live="polite">{status || 'Đang tải…'}</p>
  const selected = plans.find((p) => p.id === selectedId)
  return (
    <section>
      <h1>Chỉ tiêu</h1>
      <p role="status">{status}</p>
      <PlansTable plans={plans} selectedId={selectedId} screenPath={screenPath} unitName={unitName} />
      <NewPlanForm user={user} units={units} isFirst={plans.length === 0} created={created} />
      {selected && <PlanTargets key={selected.id} plan={selected} units={units} fields={fields} unitName={unitName} />}
    </section>
  )
}
