import { useEffect, useState } from 'hono/jsx/dom'
import { formatCount } from '../../shared/format'
import { adminApi, type AuditItem } from '../admin-api'
import { ApiError } from '../api'
import { formatDateTime, todayInVietnam } from '../vietnamese-labels'
import { actionNames, detailOf, entityNames, namesFrom, subjectOf, type Names } from './audit/audit-model'

/** The log a page at a time (newest first), and today's unit and user names to show for ids. */
function useAuditLog() {
  const [items, setItems] = useState<AuditItem[] | undefined>(undefined)
  const [nextBefore, setNextBefore] = useState<number | null>(null)
  const [isLoading, setLoading] = useState(false)
  const [loadError, setLoadError] = useState('')
  const [unitNames, setUnitNames] = useState<Map<number, string>>(new Map())
  const [usernames, setUsernames] = useState<Map<number, string>>(new Map())

  const loadPage = async (before?: number) => {
    setLoading(true)
    try {
      const page = await adminApi.audit(before)
      setItems((shown) => [...(before === undefined ? [] : (shown ?? [])), ...page.items])
      setNextBefore(page.nextBefore)
      setLoadError('')
    } catch (error) {
      setLoadError(error instanceof ApiError ? error.message : 'Không tải được nhật ký.')
    } finally {
      setLoading(false)
    }
  }
  useEffect(() => {
    void loadPage()
    void adminApi.units(todayInVietnam()).then(
      (units) => setUnitNames(new Map(units.map((u) => [u.id, u.name]))),
      () => undefined,
    )
    void adminApi.users().then(
      (users) => setUsernames(new Map(users.map((u) => [u.id, u.username]))),
      () => undefined,
    )
  }, [])
  return { items, nextBefore, isLoading, loadError, loadPage, names: namesFrom(unitNames, usernames) }
}

/** Who changed what and when, newest first, a page at a time. */
export function AuditPage() {
  const { items, nextBefore, isLoading, loadError, loadPage, names } = useAuditLog()
  return (
    <section>
      <h1>Nhật ký thay đổi</h1>
      {loadError && (
        <p class="error" role="alert">
          {loadError}
        </p>
      )}
      {items === undefined ? (
        <p>Đang tải…</p>
      ) : items.length === 0 ? (
        <p>Chưa có thay đổi nào.</p>
      ) : (
        <>
          <p class="muted" role="status">
            {`${formatCount(items.length)} thay đổi gần nhất, mới nhất ở trên. Giờ Việt Nam.`}
          </p>
          <AuditTable items={items} names={names} />
        </>
      )}
      {nextBefore !== null && (
        <p>
          <button type="button" class="secondary" disabled={isLoading} onClick={() => void loadPage(nextBefore)}>
            {isLoading ? 'Đang tải…' : 'Xem thêm'}
          </button>
        </p>
      )}
    </section>
  )
}

function AuditTable({ items, names }: { items: AuditItem[]; names: Names }) {
  return (
    <table aria-label="Nhật ký thay đổi">
      <thead>
        <tr>
          <th>Thời điểm</th>
          <th>Người thực hiện</th>
          <th>Thao tác</th>
          <th>Đối tượng</th>
          <th>Chi tiết</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr>
            <td>
              <time datetime={item.at}>{formatDateTime(item.at)}</time>
            </td>
            <td>{item.username ?? 'Hệ thống'}</td>
            <td>{actionNames[item.action] ?? item.action}</td>
            <td>
              {entityNames[item.entity] ?? item.entity} {subjectOf(item, names)}
            </td>
            <td>{detailOf(item, names)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
