import type { ApiKeySummary } from '../../../shared/admin-contract'
import { formatDate } from '../../../shared/format'

/** The keys of the user's scope, live or revoked; a live one can be revoked from its row. */
export function KeysTable({
  keys,
  unitName,
  revoke,
}: {
  keys: ApiKeySummary[]
  unitName: (id: number) => string
  revoke: (key: ApiKeySummary) => void
}) {
  return (
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
  )
}
