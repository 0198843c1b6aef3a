import { useEffect, useState } from 'hono/jsx/dom'
import { NewPlan, type UnitOnDate } from '../../shared/admin-contract'
import { formatDate } from '../../shared/format'
import { vietnameseErrorMap } from '../../shared/zod-vietnamese'
import { api, ApiError, type FieldItem } from '../api'
import { fieldErrorsOf } from '../components/field-errors'
import { issuesByField } from '../components/schema-issues'
import { linkProps, navigate, type Route } from '../router'
import { targetApi, type Plan } from '../survey-api'
import { dateFormatMessage, datePlaceholder, parseVietnameseDate } from '../vietnamese-date'
import { PlanTargets } from './targets/plan-targets'
import { todayInVietnam } from '../vietnamese-labels'

const screenPath = '/chi-tieu'

/** Plans (kế hoạch CCHC) and the targets each sets, entered row by row as the plan's table reads. */
export function TargetsPage({ route }: { route: Route }) {
  const [plans, setPlans] = useState<Plan[] | undefined>(undefined)
  const [units, setUnits] = useState<UnitOnDate[]>([])
  const [fields, setFields] = useState<FieldItem[]>([])
  const [status, setStatus] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const selectedId = Number(route.params.get('plan')) || undefined
  const reload = () =>
    targetApi.plans().then(setPlans, (e: unknown) => setStatus(e instanceof ApiError ? e.message : 'Không tải được danh sách kế hoạch.'))
  useEffect(() => {
    void reload()
    void api.units(todayInVietnam()).then(setUnits, () => setUnits([]))
    const byName = new Intl.Collator('vi').compare
    void api.fields().then(
      (list) => setFields([...list].sort((a, b) => byName(a.name, b.name))),
      () => setFields([]),
    )
  }, [])
  const unitName = (id: number | null) => units.find((u) => u.id === id)?.name ?? (id === null ? '—' : `Đơn vị số ${id}`)

  const createPlan = async (event: Event) => {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const issuedOn = parseVietnameseDate(text('issuedOn'))
    const parsed = NewPlan.safeParse(
      { number: text('number'), title: text('title'), issuer: text('issuer'), issuedOn, unitId: Number(text('unitId')) || undefined },
      { error: vietnameseErrorMap },
    )
    if (!parsed.success || (text('issuedOn') && !issuedOn)) {
      const found = parsed.success ? {} : issuesByField(parsed.error.issues)
      if (text('issuedOn') && !issuedOn) found.issuedOn = dateFormatMessage
      return setErrors(found)
    }
    try {
      const plan = await targetApi.createPlan(parsed.data)
      setErrors({})
      form.reset()
      form.closest('details')?.removeAttribute('open')
      setStatus(`Đã thêm kế hoạch ${plan.number}. Nhập các chỉ tiêu của kế hoạch bên dưới.`)
      await reload()
      navigate(screenPath, new URLSearchParams({ plan: String(plan.id) }))
    } catch (e) {
      setErrors(fieldErrorsOf(e))
    }
  }

  if (!plans) return <p aria-live="polite">{status || 'Đang tải…'}</p>
  const selected = plans.find((p) => p.id === selectedId)
  const error = (name: string) =>
    errors[name] && (
      <span class="error" id={`p-${name}-error`}>
        {errors[name]}
      </span>
    )
  const invalid = (name: string) => ({
    'aria-invalid': errors[name] ? ('true' as const) : undefined,
    'aria-describedby': errors[name] ? `p-${name}-error` : undefined,
  })
  return (
    <section>
      <h1>Chỉ tiêu</h1>
      <p role="status">{status}</p>
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

      <details class="card create" open={plans.length === 0 || Object.keys(errors).length > 0}>
        <summary>Thêm kế hoạch mới</summary>
        <form onSubmit={createPlan} aria-label="Thêm kế hoạch" novalidate>
          {errors[''] && (
            <p class="error" role="alert">
              {errors['']}
            </p>
          )}
          <p class="field">
            <label for="p-number">Số, ký hiệu</label>
            <input id="p-number" name="number" maxlength={100} autocomplete="off" {...invalid('number')} />
            <span class="hint">Ví dụ 125/KH-UBND; kế hoạch không ghi số: (không số)/KH-UBND.</span>
            {error('number')}
          </p>
          <p class="field wide">
            <label for="p-title">Tên kế hoạch</label>
            <input id="p-title" name="title" maxlength={500} {...invalid('title')} />
            {error('title')}
          </p>
          <p class="field">
            <label for="p-issuer">Cơ quan ban hành</label>
            <input id="p-issuer" name="issuer" maxlength={200} {...invalid('issuer')} />
            {error('issuer')}
          </p>
          <p class="field">
            <label for="p-issuedOn">Ngày ban hành</label>
            <input id="p-issuedOn" name="issuedOn" placeholder={datePlaceholder} autocomplete="off" size={10} {...invalid('issuedOn')} />
            {error('issuedOn')}
          </p>
          <p class="field">
            <label for="p-unitId">Đơn vị áp dụng</label>
            <select id="p-unitId" name="unitId" {...invalid('unitId')}>
              <option value="">Chọn đơn vị</option>
              {units.map((u) => (
                <option value={String(u.id)}>{u.name}</option>
              ))}
            </select>
            {error('unitId')}
          </p>
          <button type="submit">Thêm kế hoạch</button>
        </form>
      </details>

      {selected && <PlanTargets key={selected.id} plan={selected} units={units} fields={fields} unitName={unitName} />}
    </section>
  )
}
