import { useState } from 'hono/jsx/dom'
import type { Official } from '../../../shared/officials-contract'
import { ApiError } from '../../api'
import { officialsApi } from '../../officials-api'
import { officialNameOf } from './counters-model'

/**
 * The officials serving a counter, loaded when the cell is opened: citizens may name the one who served them on
 * the survey page. Managers add (a name as shown to citizens) and remove them; each change is audited.
 */
export function OfficialsCell({ counterId, canWrite }: { counterId: number; canWrite: boolean }) {
  const [officials, setOfficials] = useState<Official[] | undefined>(undefined)
  const [status, setStatus] = useState('')
  const load = () =>
    officialsApi.officials(counterId).then(setOfficials, (e: unknown) => setStatus(e instanceof ApiError ? e.message : 'Không tải được.'))
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work()
      setStatus(done)
      await load()
    } catch (e) {
      setStatus(e instanceof ApiError ? e.message : 'Không thực hiện được.')
    }
  }
  const add = (event: Event) => {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const displayName = officialNameOf(new FormData(form))
    if (!displayName) return setStatus('Nhập họ tên và chức danh như người dân nhìn thấy.')
    void act(() => officialsApi.addOfficial({ counterId, displayName }), `Đã thêm ${displayName}.`).then(() => form.reset())
  }
  return (
    <details onToggle={(e: Event) => (e.target as HTMLDetailsElement).open && officials === undefined && void load()}>
      <summary>Công chức phục vụ</summary>
      {officials === undefined ? (
        <p class="loading">{status || 'Đang tải…'}</p>
      ) : (
        <ul>
          {officials.length === 0 && <li class="muted">Chưa có; phiếu không hỏi công chức tiếp nhận.</li>}
          {officials.map((o) => (
            <li>
              {o.displayName}{' '}
              {canWrite && (
                <button
                  type="button"
                  class="secondary"
                  onClick={() =>
                    confirm(`Bỏ ${o.displayName} khỏi quầy?`) &&
                    void act(() => officialsApi.removeOfficial(o.id), `Đã bỏ ${o.displayName}.`)
                  }
                >
                  Bỏ
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <form onSubmit={add}>
          <label>
            Công chức <input name="displayName" maxlength={120} placeholder="Nguyễn Văn A – công chức Tư pháp" />
          </label>{' '}
          <button type="submit">Thêm</button>
        </form>
      )}
      <p aria-live="polite">{status}</p>
    </details>
  )
}
