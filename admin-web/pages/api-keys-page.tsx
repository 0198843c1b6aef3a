import { useEffect, useState } from 'hono/jsx/dom'
import type { UnitOnDate } from '../../shared/admin-contract'
import { formatDate } from '../../shared/format'
import { api, ApiError } from '../api'
import { fieldErrorsOf } from '../components/field-errors'
import { todayInVietnam } from '../vietnamese-labels'

type KeyItem = Awaited<ReturnType<typeof api.apiKeys>>[number]

/** Keys with which a unit's one-stop system mints dossier invitations (POST /api/v1/invitations). */
export function ApiKeysPage() {
  const [keys, setKeys] = useState<KeyItem[] | undefined>(undefined)
  const [units, setUnits] = useState<UnitOnDate[]>([])
  const [fresh, setFresh] = useState('')
  const [status, setStatus] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const reload = () => api.apiKeys().then(setKeys, (e: unknown) => setStatus(e instanceof ApiError ? e.message : 'Không tải được.'))
  useEffect(() => {
    void reload()
    void api.units(todayInVietnam()).then(setUnits, () => setUnits([]))
  }, [])
  const unitName = (id: number) => units.find((u) => u.id === id)?.name ?? `Đơn vị số ${id}`

  const create = async (event: Event) => {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    try {
      const created = await api.createApiKey({ name: String(data.get('name') ?? ''), unitId: Number(data.get('unitId')) })
      setErrors({})
      setFresh(created.key)
      form.reset()
      await reload()
    } catch (e) {
      setErrors(fieldErrorsOf(e))
    }
  }
  const revoke = async (key: KeyItem) => {
    if (!confirm(`Thu hồi khóa "${key.name}"? Hệ thống đang dùng khóa này sẽ không tạo được lời mời đánh giá nữa.`)) return
    try {
      await api.revokeApiKey(key.id)
      setStatus(`Đã thu hồi khóa "${key.name}".`)
      await reload()
    } catch (e) {
      setStatus(e instanceof ApiError ? e.message : 'Không thực hiện được.')
    }
  }

  return (
    <section>
      <h1>Kết nối hệ thống một cửa</h1>
      <p>Hệ thống một cửa điện tử dùng khóa API để tạo lời mời đánh giá theo từng hồ sơ (đánh giá xác thực).</p>
      <p role="status">{status}</p>
      {fresh && (
        <div class="card" role="alert">
          <p>
            <strong>Khóa mới (chỉ hiện một lần, hãy sao chép ngay):</strong>
          </p>
          <p>
            <code>{fresh}</code>
          </p>
        </div>
      )}
      {keys && (
        <table>
          <caption class="sr-only">Khóa API</caption>
          <thead>
            <tr>
              <th>Tên</th>
              <th>Đơn vị</th>
              <th>Ngày tạo</th>
              <th>Trạng thái</th>
              <th>Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr>
                <td>{key.name}</td>
                <td>{unitName(key.unitId)}</td>
                <td>{formatDate(key.createdAt)}</td>
                <td>{key.revokedAt ? `Đã thu hồi ${formatDate(key.revokedAt)}` : 'Đang dùng'}</td>
                <td>
                  {!key.revokedAt && (
                    <button type="button" class="secondary" onClick={() => revoke(key)}>
                      Thu hồi
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="card" onSubmit={create} aria-label="Tạo khóa API">
        <h2>Tạo khóa API</h2>
        {errors[''] && (
          <p class="error" role="alert">
            {errors['']}
          </p>
        )}
        <p>
          <label for="k-name">Tên hệ thống</label>
          <br />
          <input id="k-name" name="name" required maxlength={200} aria-describedby={errors.name ? 'k-name-error' : undefined} />
          {errors.name && (
            <span class="error" id="k-name-error">
              {' '}
              {errors.name}
            </span>
          )}
        </p>
        <p>
          <label for="k-unit">Đơn vị (khóa dùng cho đơn vị và các đơn vị trực thuộc)</label>
          <br />
          <select id="k-unit" name="unitId" aria-describedby={errors.unitId ? 'k-unit-error' : undefined}>
            {units.map((u) => (
              <option value={String(u.id)}>{u.name}</option>
            ))}
          </select>
          {errors.unitId && (
            <span class="error" id="k-unit-error">
              {' '}
              {errors.unitId}
            </span>
          )}
        </p>
        {/* Until the units arrive there is nothing to choose: a click would send no unit. */}
        <button type="submit" disabled={units.length === 0}>
          Tạo khóa
        </button>
      </form>
    </section>
  )
}
