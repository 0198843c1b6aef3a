import { useEffect, useState } from 'hono/jsx/dom'
import { formatCount, formatDate, formatInterval, formatPercent } from '../../../shared/format'
import { comparisonRanges } from '../../../shared/reporting-calendar'
import type { StatsGroup } from '../../../shared/stats-contract'
import { api } from '../../api'
import { changeText } from './report-model'

type Range = { from: string; to: string }

/**
 * The reports screen's year over year: the unit's figures for the chosen days beside the same days a year
 * earlier, both from GET /api/v1/stats with the dashboard's query.
 */
export function YearOverYear({ unitId, surveyId, range }: { unitId: string; surveyId: string; range: Range }) {
  const lastYear = comparisonRanges(range).lastYear
  const [groups, setGroups] = useState<[StatsGroup, StatsGroup] | null>(null)
  const [error, setError] = useState('')
  useEffect(() => {
    const statsOf = (r: Range, survey?: number) => api.stats({ unitId, from: r.from, to: r.to, ...(survey ? { surveyId: survey } : {}) })
    statsOf(range, surveyId ? Number(surveyId) : undefined)
      .then(async (now) => [now.overall, (await statsOf(lastYear, now.survey.id)).overall] as [StatsGroup, StatsGroup])
      .then(
        (g) => {
          setGroups(g)
          setError('')
        },
        () => {
          setGroups(null)
          setError('Chưa có số liệu để so sánh cùng kỳ.')
        },
      )
  }, [unitId, surveyId, range.from, range.to])
  if (error) return <p class="muted">{error}</p>
  if (!groups) return <p class="loading">Đang tải…</p>
  const [now, before] = groups
  const label = (r: Range) => `${formatDate(r.from)} – ${formatDate(r.to)}`
  return (
    <table aria-label="So sánh cùng kỳ năm trước">
      <thead>
        <tr>
          <th scope="col">Khoảng thời gian</th>
          <th scope="col" class="num">
            Số phiếu
          </th>
          <th scope="col" class="num">
            Tỷ lệ hài lòng
          </th>
          <th scope="col">Khoảng tin cậy 95%</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>{`Kỳ này: ${label(range)}`}</td>
          <td class="num">{formatCount(now.responses)}</td>
          <td class="num">{formatPercent(now.rate)}</td>
          <td>{formatInterval(now.ci95)}</td>
        </tr>
        <tr>
          <td>{`Cùng kỳ năm trước: ${label(lastYear)}`}</td>
          <td class="num">{formatCount(before.responses)}</td>
          <td class="num">{formatPercent(before.rate)}</td>
          <td>{formatInterval(before.ci95)}</td>
        </tr>
        <tr>
          <td>Chênh lệch</td>
          <td class="num">{formatCount(now.responses - before.responses)}</td>
          <td class="num">{changeText(now.rate, before.rate)}</td>
          <td />
        </tr>
      </tbody>
    </table>
  )
}
