import { useEffect, useState } from 'hono/jsx/dom'
import { formatCount } from '../../../shared/format'
import { api, ApiError, type FlagsAnswer } from '../../api'

const reasonNames: Record<string, string> = {
  honeypot: 'Điền vào ô ẩn (máy tự động)',
  no_form: 'Không gửi từ phiếu đã mở tại quầy',
  busy_day: 'Vượt số hồ sơ của quầy trong ngày',
  too_fast: 'Gửi quá nhanh sau khi mở phiếu',
  repeat_device: 'Một thiết bị đánh giá lặp lại tại cùng quầy',
  burst: 'Dồn dập bất thường tại quầy',
  outside_hours: 'Ngoài giờ làm việc',
}

/**
 * Flagged ratings: counted apart, never deleted; a supervising level excludes or restores each one, giving a
 * reason that the audit log keeps.
 */
export function FlagsPanel({ query }: { query: Record<string, string | number | undefined> }) {
  const [flags, setFlags] = useState<FlagsAnswer | undefined>(undefined)
  const [message, setMessage] = useState('')
  const [reason, setReason] = useState('')
  const reload = () => api.flags(query).then(setFlags, (e: unknown) => setMessage(e instanceof ApiError ? e.message : 'Không tải được.'))
  useEffect(() => {
    void reload()
  }, [JSON.stringify(query)])
  if (!flags) return <p aria-live="polite">{message || 'Đang tải…'}</p>
  const toggle = async (id: string, isExcluded: boolean) => {
    if (reason.trim().length < 3) {
      setMessage('Vui lòng nhập lý do (ít nhất 3 ký tự) trước khi loại hoặc khôi phục phiếu.')
      return
    }
    try {
      await api.setExcluded(id, isExcluded, reason.trim())
      setMessage(isExcluded ? 'Đã loại phiếu khỏi số liệu.' : 'Đã khôi phục phiếu vào số liệu.')
      await reload()
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : 'Không thực hiện được.')
    }
  }
  return (
    <div>
      <p>
        {formatCount(flags.total)} phiếu bị gắn cờ, {formatCount(flags.excluded)} đang bị loại khỏi số liệu.
      </p>
      <ul>
        {Object.entries(flags.counts).map(([reason, n]) => (
          <li>
            {reasonNames[reason] ?? reason}: {formatCount(n)}
          </li>
        ))}
      </ul>
      <p role="status">{message}</p>
      {flags.items.length > 0 && (
        <label>
          Lý do loại hoặc khôi phục (ghi vào nhật ký)
          <input type="text" value={reason} maxLength={500} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </label>
      )}
      {flags.items.length > 0 && (
        <table>
          <caption class="sr-only">Phiếu bị gắn cờ</caption>
          <thead>
            <tr>
              <th>Thời điểm</th>
              <th>Quầy</th>
              <th>Lý do</th>
              <th>Trạng thái</th>
              <th>Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {flags.items.map((item) => (
              <tr>
                <td>{new Date(item.submittedAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}</td>
                <td>{item.counter.name}</td>
                <td>{item.reasons.map((r) => reasonNames[r] ?? r).join('; ')}</td>
                <td>{item.excluded ? 'Đang loại' : 'Được tính'}</td>
                <td>
                  <button type="button" class="secondary" onClick={() => toggle(item.id, !item.excluded)}>
                    {item.excluded ? 'Khôi phục' : 'Loại'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
