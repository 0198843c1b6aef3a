import { formatCount, formatPercent } from '../../../shared/format'
import type { StatsGroup } from '../../../shared/stats-contract'

const weekdays = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật']

/** Rate by weekday (rows) and hour (columns); the number is always written, the colour only repeats it. */
export function Heatmap({ groups }: { groups: StatsGroup[] }) {
  const byKey = new Map(groups.map((g) => [g.key, g]))
  const hours = [...new Set(groups.map((g) => Number(g.key.split('-')[1])))].sort((a, b) => a - b)
  if (hours.length === 0) return <p class="muted">Quầy này chưa có đánh giá trong kỳ.</p>
  const shade = (rate: number | null) => (rate === null ? '#fff' : `hsl(${Math.round(Math.max(0, (rate - 0.7) / 0.3) * 120)} 70% 85%)`)
  return (
    <div style="overflow-x:auto">
      <table class="heat">
        <caption class="sr-only">Tỷ lệ hài lòng theo giờ và thứ trong tuần</caption>
        <thead>
          <tr>
            <th scope="col">Thứ</th>
            {hours.map((h) => (
              <th scope="col">{`${String(h).padStart(2, '0')}:00`}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weekdays.map((name, i) => (
            <tr>
              <th scope="row">{name}</th>
              {hours.map((h) => {
                const g = byKey.get(`${i + 1}-${String(h).padStart(2, '0')}`)
                return (
                  <td style={`background:${shade(g?.rate ?? null)}`} title={g ? `${formatCount(g.responses)} phiếu` : undefined}>
                    {g ? formatPercent(g.rate) : ''}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
