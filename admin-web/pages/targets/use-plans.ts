import { useEffect, useState } from 'hono/jsx/dom'
import type { UnitOnDate } from '../../../shared/admin-contract'
import { api, ApiError, type FieldItem } from '../../api'
import { targetApi, type Plan } from '../../survey-api'
import { todayInVietnam } from '../../vietnamese-labels'

/** What the targets screen reads: the plans, today's units and the fields (by Vietnamese name). */
export function usePlans() {
  const [plans, setPlans] = useState<Plan[] | undefined>(undefined)
  const [units, setUnits] = useState<UnitOnDate[]>([])
  const [fields, setFields] = useState<FieldItem[]>([])
  const [status, setStatus] = useState('')
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
  return { plans, units, fields, status, setStatus, reload, unitName }
}
