import { useEffect, useState } from 'hono/jsx/dom'
import type { ApiKeySummary, UnitOnDate } from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import { api, ApiError } from '../api'
import { todayInVietnam } from '../vietnamese-labels'
import { KeysTable } from './api-keys/keys-table'
import { NewKeyForm } from './api-keys/new-key-form'

/** Keys with which a unit's one-stop system mints dossier invitations (POST /api/v1/invitations). */
export function ApiKeysPage({ user }: { user: CurrentUser }) {
  const [keys, setKeys] = useState<ApiKeySummary[] | undefined>(undefined)
  const [units, setUnits] = useState<UnitOnDate[]>([])
  const [fresh, setFresh] = useState('')
  const [status, setStatus] = useState('')
  const reload = () => api.apiKeys().then(setKeys, (e: unknown) => setStatus(e instanceof ApiError ? e.message : 'Không tải được.'))
  useEffect(() => {
    void reload()
    void api.units(todayInVietnam()).then(setUnits, () => setUnits([]))
  }, [])
  const unitName = (id: number) => units.find((u) => u.id === id)?.name ?? `Đơn vị số ${id}`
  const revoke = async (key: ApiKeySummary) => {
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
      {keys && <KeysTable keys={keys} unitName={unitName} revoke={revoke} />}
      <NewKeyForm
        user={user}
        units={units}
        created={async (key) => {
          setFresh(key.key)
          await reload()
        }}
      />
    </section>
  )
}
