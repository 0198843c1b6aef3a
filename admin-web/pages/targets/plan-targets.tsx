import { useEffect, useState } from 'hono/jsx/dom'
import type { Target, UnitOnDate } from '../../../shared/admin-contract'
import { formatDate } from '../../../shared/format'
import { ApiError, type FieldItem } from '../../api'
import { fieldErrorsOf } from '../../components/field-errors'
import { metricNames } from '../../../shared/metric-names'
import { targetApi, type Plan } from '../../survey-api'
import { TargetForm } from './target-form'
import {
  checkTarget,
  describeTarget,
  fieldNamesOf,
  formatTarget,
  initialTargetValues,
  periodText,
  yearsOfPlan,
  type TargetValues,
} from './target-model'

type Props = { plan: Plan; units: UnitOnDate[]; fields: FieldItem[]; unitName: (id: number | null) => string }

/** One plan's targets: the list, a row to add (value in percent, pooled fields, a year in one choice), deletion. */
export function PlanTargets({ plan, units, fields, unitName }: Props) {
  const [targets, setTargets] = useState<Target[] | undefined>(undefined)
  const [values, setValues] = useState<TargetValues>(initialTargetValues(plan.unitId))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [status, setStatus] = useState('')
  const [isBusy, setBusy] = useState(false)
  const reload = () =>
    targetApi.targets(plan.id).then(setTargets, (e: unknown) => setStatus(e instanceof ApiError ? e.message : 'Không tải được chỉ tiêu.'))
  useEffect(() => {
    void reload()
  }, [plan.id])
  const describe = (t: Target) => describeTarget(t, fields, unitName)

  const add = async (event: Event) => {
    event.preventDefault()
    const checked = checkTarget(plan.id, values)
    if ('errors' in checked) return setErrors(checked.errors)
    setBusy(true)
    try {
      const created = await targetApi.createTarget(checked.data)
      setErrors({})
      setValues((current) => ({ ...current, fieldIds: [], value: '' }))
      setStatus(`Đã thêm chỉ tiêu ${describe(created)}.`)
      await reload()
    } catch (e) {
      setErrors(fieldErrorsOf(e))
    } finally {
      setBusy(false)
    }
  }

  const remove = async (t: Target) => {
    if (!confirm(`Xóa chỉ tiêu ${describe(t)}?\n\nBáo cáo sẽ không còn so kết quả với chỉ tiêu này.`)) return
    try {
      await targetApi.removeTarget(t.id)
      setStatus(`Đã xóa chỉ tiêu ${describe(t)}.`)
      await reload()
    } catch (e) {
      setStatus(e instanceof ApiError ? e.message : 'Không kết nối được máy chủ. Chưa xóa.')
    }
  }

  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">{`Chỉ tiêu của kế hoạch ${plan.number}`}</h2>
      <p class="muted">{`${plan.title} — ${plan.issuer}, ngày ${formatDate(plan.issuedOn)}`}</p>
      <p role="status">{status}</p>
      {!targets ? (
        <p>Đang tải…</p>
      ) : (
        <TargetsTable plan={plan} targets={targets} fields={fields} unitName={unitName} remove={remove} describe={describe} />
      )}
      <TargetForm
        values={values}
        update={setValues}
        errors={errors}
        isBusy={isBusy}
        onSubmit={add}
        units={units}
        fields={fields}
        years={yearsOfPlan(plan.issuedOn)}
      />
    </section>
  )
}

function TargetsTable(
  props: Pick<Props, 'plan' | 'fields' | 'unitName'> & { targets: Target[]; remove: (t: Target) => void; describe: (t: Target) => string },
) {
  return (
    <table aria-label={`Chỉ tiêu của kế hoạch ${props.plan.number}`}>
      <thead>
        <tr>
          <th>Đơn vị</th>
          <th>Chỉ số</th>
          <th>Lĩnh vực (gộp)</th>
          <th>Kỳ</th>
          <th class="num">Chỉ tiêu</th>
          <th>Thao tác</th>
        </tr>
      </thead>
      <tbody>
        {props.targets.length === 0 && (
          <tr>
            <td colspan={6}>Kế hoạch chưa có chỉ tiêu nào.</td>
          </tr>
        )}
        {props.targets.map((t) => (
          <tr>
            <td>{props.unitName(t.unitId)}</td>
            <td>{metricNames[t.metric]}</td>
            <td>{fieldNamesOf(t.fieldIds, props.fields)}</td>
            <td>{periodText(t)}</td>
            <td class="num">{formatTarget(t.valuePercent)}</td>
            <td>
              <button type="button" class="secondary" onClick={() => props.remove(t)}>
                Xóa<span class="sr-only">{` chỉ tiêu ${props.describe(t)}`}</span>
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
