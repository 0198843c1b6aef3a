import { useEffect, useState } from 'hono/jsx/dom'
import type { ServicePointWithCounters, UnitOnDate } from '../../../shared/admin-contract'
import { api, ApiError, type FieldItem, type SurveyItem } from '../../api'
import { kioskApi } from '../../kiosk-api'
import { todayInVietnam } from '../../vietnamese-labels'
import { confirmations, renamed } from './counters-model'

/** Service points with their counters, the choices the forms offer, and every change with its status line. */
export function useCounters() {
  const [points, setPoints] = useState<ServicePointWithCounters[] | undefined>(undefined)
  const [fields, setFields] = useState<FieldItem[]>([])
  const [surveys, setSurveys] = useState<SurveyItem[]>([])
  const [units, setUnits] = useState<UnitOnDate[]>([])
  const [status, setStatus] = useState('')
  const reload = () => api.servicePoints().then(setPoints, (e: unknown) => setStatus(e instanceof ApiError ? e.message : 'Không tải được.'))
  useEffect(() => {
    void reload()
    void api.fields().then(setFields, () => setFields([]))
    void api.surveys().then(setSurveys, () => setSurveys([]))
    void api.units(todayInVietnam()).then(setUnits, () => setUnits([]))
  }, [])

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work()
      setStatus(done)
      await reload()
    } catch (e) {
      setStatus(e instanceof ApiError ? e.message : 'Không thực hiện được.')
    }
  }
  const actions = {
    pairKiosk: async (id: number, name: string) => {
      try {
        const kiosk = await kioskApi.createKiosk({ counterId: id, name: `Máy đánh giá ${name}`.slice(0, 100) })
        setStatus(
          `Mã ghép nối máy đánh giá cho ${name}: ${kiosk.pairingCode}. Mở ${location.origin}/kiosk trên máy tính bảng và nhập mã trong 15 phút; mã chỉ dùng một lần.`,
        )
      } catch (e) {
        setStatus(e instanceof ApiError ? e.message : 'Không thực hiện được.')
      }
    },
    rotate: (id: number, name: string) => {
      if (confirm(confirmations.rotate(name))) void act(() => api.rotateCode(id), `Đã đổi mã QR của ${name}. Hãy in và dán áp phích mới.`)
    },
    deactivate: (id: number, name: string) => {
      if (confirm(confirmations.deactivate(name))) void act(() => api.changeCounter(id, { isActive: false }), `Đã ngừng hoạt động ${name}.`)
    },
    rename: (id: number, current: string) => {
      const name = renamed(prompt('Tên mới của quầy', current), current)
      if (name) void act(() => api.changeCounter(id, { name }), `Đã đổi tên quầy thành "${name}".`)
    },
    renamePoint: (id: number, current: string) => {
      const name = renamed(prompt('Tên mới của bộ phận', current), current)
      if (name) void act(() => api.changeServicePoint(id, { name }), `Đã đổi tên thành "${name}".`)
    },
    deactivatePoint: (id: number, name: string) => {
      if (confirm(confirmations.deactivatePoint(name)))
        void act(() => api.changeServicePoint(id, { isActive: false }), `Đã ngừng hoạt động ${name}.`)
    },
  }
  /** After a form's creation: its status line and the list as it now is. */
  const created = async (message: string) => {
    setStatus(message)
    await reload()
  }
  return { points, fields, surveys, units, status, actions, created }
}

export type CounterActions = ReturnType<typeof useCounters>['actions']
