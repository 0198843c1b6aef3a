import { useEffect, useState } from 'hono/jsx/dom'
import type { ConsolidatedAnswer } from '../../../shared/reporting-contract'
import { ApiError } from '../../api'
import { consolidatedView } from './report-model'
import { reportingApi } from './reporting-api'

/** The subordinates' sent figures side by side, ranked, next to the unit's own pooled figures. */
export function ConsolidatedReport({ unitId, periodKey }: { unitId: number; periodKey: string }) {
  const [answer, setAnswer] = useState<ConsolidatedAnswer | null>(null)
  const [error, setError] = useState('')
  useEffect(() => {
    reportingApi.consolidated(unitId, periodKey).then(
      (a) => {
        setAnswer(a)
        setError('')
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : 'Không kết nối được máy chủ.'),
    )
  }, [unitId, periodKey])
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    )
  if (!answer) return <p class="loading">Đang tải…</p>
  const view = consolidatedView(answer)
  return (
    <div>
      <h2>{view.title}</h2>
      <p>{view.totals}</p>
      <table aria-label="Các đơn vị trực thuộc">
        <thead>
          <tr>
            <th scope="col">Hạng</th>
            <th scope="col">Đơn vị</th>
            <th scope="col">Bản đã gửi</th>
            <th scope="col" class="num">
              Số phiếu
            </th>
            <th scope="col" class="num">
              Tỷ lệ hài lòng
            </th>
            <th scope="col">Khoảng tin cậy 95%</th>
            <th scope="col">Chỉ tiêu</th>
          </tr>
        </thead>
        <tbody>
          {view.rows.map((row) => (
            <tr>
              <td class="num">{row.rank}</td>
              <td>{row.unitName}</td>
              <td>{row.sent}</td>
              <td class="num">{row.responses}</td>
              <td class="num">{row.rate}</td>
              <td>{row.interval}</td>
              <td>
                {row.targets.map((t) => (
                  <div>{t}</div>
                ))}
                {row.warning && <div class="warn">{row.warning}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Số liệu chung của đơn vị (gộp toàn bộ phiếu)</h2>
      <p>{`${view.own.responses} phiếu · tỷ lệ hài lòng ${view.own.rate} · khoảng tin cậy 95% ${view.own.interval}`}</p>
      <ul>
        {view.own.targets.map((t) => (
          <li>{t}</li>
        ))}
      </ul>
    </div>
  )
}
