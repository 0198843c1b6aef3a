import { useEffect, useState } from 'hono/jsx/dom'
import type { BoardAnswer } from '../../../shared/reporting-contract'
import { ApiError } from '../../api'
import { boardView } from './report-model'
import { reportingApi, reportingLinks } from './reporting-api'

/** Every unit reporting to this one × every report of the year begun so far, with where it stands. */
export function DeadlineBoard({ unitId, year }: { unitId: number; year: number }) {
  const [board, setBoard] = useState<BoardAnswer | null>(null)
  const [error, setError] = useState('')
  useEffect(() => {
    reportingApi.board(unitId, year).then(
      (answer) => {
        setBoard(answer)
        setError('')
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : 'Không kết nối được máy chủ.'),
    )
  }, [unitId, year])
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    )
  if (!board) return <p class="loading">Đang tải…</p>
  const view = boardView(board)
  return (
    <div>
      <p>
        {view.summary || 'Không có đơn vị nào báo cáo lên đơn vị này trong năm.'} ·{' '}
        <a href={reportingLinks.boardCsv(unitId, year)}>Tải bảng theo dõi (CSV)</a>
      </p>
      {view.groups.map((group) => (
        <table aria-label={group.periodLabel}>
          <caption>{`${group.periodLabel} · ${group.deadline}`}</caption>
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              <th scope="col">Tình trạng</th>
              <th scope="col">Thời hạn</th>
              <th scope="col">Lần gửi</th>
            </tr>
          </thead>
          <tbody>
            {group.rows.map((row) => (
              <tr>
                <td>{row.unitName}</td>
                <td class={row.tone === 'good' ? 'met' : row.tone === 'bad' ? 'unmet' : row.tone === 'warn' ? 'warn' : undefined}>
                  {row.status}
                </td>
                <td>{row.days}</td>
                <td>{row.version}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  )
}
