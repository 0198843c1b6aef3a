import { useEffect, useState } from 'hono/jsx/dom'
import type { CurrentUser } from '../../../shared/auth-contract'
import type { EmulationAnswer } from '../../../shared/officials-contract'
import { ApiError } from '../../api'
import { emulationCsvHref, officialsApi } from '../../officials-api'
import { emulationRows } from './emulation-model'

/** The yearly thi đua table of the user's subtree: units, and officials above the minimum n, against targets. */
export function EmulationPage({ user }: { user: CurrentUser }) {
  const [year, setYear] = useState(new Date().getFullYear())
  const [answer, setAnswer] = useState<EmulationAnswer | null>(null)
  const [error, setError] = useState('')
  const unitId = user.unitId ?? undefined
  useEffect(() => {
    setAnswer(null)
    officialsApi.emulation(year, unitId).then(
      (a) => {
        setAnswer(a)
        setError('')
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : 'Không kết nối được máy chủ.'),
    )
  }, [year, unitId])
  return (
    <section>
      <h1>Thi đua: xếp loại theo chỉ tiêu</h1>
      <div class="field">
        <label for="emulation-year">Năm</label>
        <input
          id="emulation-year"
          type="number"
          min={2000}
          max={2100}
          value={year}
          onChange={(e: Event) => setYear(Number((e.target as HTMLInputElement).value))}
        />
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!answer && !error && <p class="loading">Đang tải…</p>}
      {answer && (
        <>
          <p class="notice">{answer.rule}</p>
          <p>
            Công chức chỉ được xếp loại khi có từ {answer.minResponses} phiếu trở lên, và chỉ cấp trên của đơn vị xem được. ·{' '}
            <a href={emulationCsvHref(year, unitId)}>Tải bảng (CSV)</a>
          </p>
          <table aria-label={`Thi đua năm ${answer.year}`}>
            <thead>
              <tr>
                <th scope="col">Loại</th>
                <th scope="col">Đơn vị / công chức</th>
                <th scope="col">Phiếu khảo sát</th>
                <th scope="col">Số phiếu</th>
                <th scope="col">Tỷ lệ hài lòng</th>
                <th scope="col">Khoảng tin cậy 95%</th>
                <th scope="col">Chỉ tiêu</th>
                <th scope="col">Xếp loại</th>
              </tr>
            </thead>
            <tbody>
              {emulationRows(answer).map((row) => (
                <tr>
                  <td>{row.kind}</td>
                  <td>{row.label}</td>
                  <td>{row.survey}</td>
                  <td>{row.responses}</td>
                  <td>{row.rate}</td>
                  <td>{row.interval}</td>
                  <td>{row.target}</td>
                  <td class={row.tone === 'good' ? 'met' : row.tone === 'bad' ? 'unmet' : row.tone === 'warn' ? 'warn' : undefined}>
                    {row.level}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {answer.rows.length === 0 && <p>Chưa có phiếu nào trong năm.</p>}
        </>
      )}
    </section>
  )
}
