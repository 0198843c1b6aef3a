import { formatDate } from '../../../shared/format'
import { linkProps } from '../../router'
import type { Plan } from '../../survey-api'

/** Every plan the user may see; the title opens the plan's targets. */
export function PlansTable({
  plans,
  selectedId,
  screenPath,
  unitName,
}: {
  plans: Plan[]
  selectedId: number | undefined
  screenPath: string
  unitName: (id: number | null) => string
}) {
  return (
    <table aria-label="Kế hoạch cải cách hành chính">
      <thead>
        <tr>
          <th>Số, ký hiệu</th>
          <th>Tên kế hoạch</th>
          <th>Cơ quan ban hành</th>
          <th>Ngày ban hành</th>
          <th>Đơn vị</th>
        </tr>
      </thead>
      <tbody>
        {plans.length === 0 && (
          <tr>
            <td colspan={5}>Chưa có kế hoạch nào.</td>
          </tr>
        )}
        {plans.map((plan) => (
          <tr>
            <td>{plan.number}</td>
            <td>
              <a {...linkProps(`${screenPath}?plan=${plan.id}`)} aria-current={plan.id === selectedId ? 'true' : undefined}>
                {plan.title}
              </a>
            </td>
            <td>{plan.issuer}</td>
            <td>{formatDate(plan.issuedOn)}</td>
            <td>{unitName(plan.unitId)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
