import { useState } from 'hono/jsx/dom'
import type { CurrentUser } from '../../shared/auth-contract'
import { formatDate } from '../../shared/format'
import { navigate, type Route } from '../router'
import { todayInVietnam } from '../vietnamese-labels'
import { CloseUnitForm, NewUnitForm, PredecessorForm, UnitVersionForm, type UnitFormProps } from './units/unit-forms'
import { UnitTree, useUnitsOn } from './units/unit-tree'
import { isIsoDate } from './units/units-model'

/**
 * The effective-dated unit tree: everyone reads it on any date; admins change it from a date on, so reports
 * for earlier periods keep the tree they had.
 */
export function UnitsPage({ route, user }: { route: Route; user: CurrentUser }) {
  const requested = route.params.get('on') ?? ''
  const on = isIsoDate(requested) ? requested : todayInVietnam()
  const { units, loadError, load, nameOf } = useUnitsOn(on)
  const [status, setStatus] = useState('')

  const pickDate = (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement).value
    if (isIsoDate(value)) navigate('/don-vi', new URLSearchParams({ on: value }), { replace: true })
  }
  const forms: UnitFormProps = {
    units: units ?? [],
    draftKey: (name) => `${user.id}:${name}`,
    done: async (message) => {
      setStatus(message)
      await load()
    },
  }

  return (
    <section>
      <h1>Đơn vị hành chính</h1>
      <div class="filters">
        <div>
          <label for="units-on">Xem cây đơn vị vào ngày</label>
          <input id="units-on" type="date" value={on} onChange={pickDate} />
        </div>
      </div>
      {loadError && (
        <p class="error" role="alert">
          {loadError}
        </p>
      )}
      <p role="status">{status}</p>
      <UnitTree units={units} on={on} nameOf={nameOf} />

      {user.role === 'admin' && (
        <>
          <p class="muted">
            Mọi thay đổi có hiệu lực từ một ngày: báo cáo cho các kỳ trước ngày đó vẫn dùng cây đơn vị cũ. Danh sách chọn đơn vị lấy theo
            cây ngày {formatDate(on)}.
          </p>
          <div class="forms">
            <NewUnitForm {...forms} />
            <UnitVersionForm {...forms} />
            <CloseUnitForm {...forms} />
            <PredecessorForm {...forms} on={on} />
          </div>
        </>
      )}
    </section>
  )
}
