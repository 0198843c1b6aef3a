import { useState } from 'hono/jsx/dom'
import { formatCount, formatInterval, formatPercent } from '../../../shared/format'
import type { StatsGroup } from '../../../shared/stats-contract'

type SortKey = 'label' | 'responses' | 'rate'

/** A sortable ranking (units or counters) with intervals; groups with too few ratings are greyed. */
export function RankingTable({ caption, groups, nameHeader }: { caption: string; groups: StatsGroup[]; nameHeader: string }) {
  const [sort, setSort] = useState<{ key: SortKey; isAscending: boolean }>({ key: 'rate', isAscending: true })
  const value = (g: StatsGroup) => (sort.key === 'label' ? g.label : sort.key === 'responses' ? g.responses : (g.rate ?? -1))
  const sorted = [...groups].sort((a, b) => {
    const [x, y] = [value(a), value(b)]
    const order = typeof x === 'string' ? x.localeCompare(String(y), 'vi') : x - (y as number)
    return sort.isAscending ? order : -order
  })
  const hasDossiers = groups.some((g) => typeof g.responseRate === 'number')
  const header = (key: SortKey, text: string, isNumber = false) => (
    <th class={isNumber ? 'num' : undefined} aria-sort={sort.key === key ? (sort.isAscending ? 'ascending' : 'descending') : 'none'}>
      <button type="button" class="sort" onClick={() => setSort({ key, isAscending: sort.key === key ? !sort.isAscending : true })}>
        {text}
      </button>
    </th>
  )
  return (
    <table>
      <caption class="sr-only">{caption}</caption>
      <thead>
        <tr>
          {header('label', nameHeader)}
          {header('responses', 'Số phiếu', true)}
          {header('rate', 'Tỷ lệ hài lòng', true)}
          <th>Khoảng tin cậy 95%</th>
          <th>Chỉ tiêu</th>
          {hasDossiers && <th class="num">Tỷ lệ phản hồi</th>}
        </tr>
      </thead>
      <tbody>
        {sorted.map((g) => (
          <tr class={g.sufficient ? undefined : 'insufficient'}>
            <td>
              {g.label}
              {!g.sufficient && <span class="muted"> (không đủ mẫu)</span>}
            </td>
            <td class="num">{formatCount(g.responses)}</td>
            <td class="num">{formatPercent(g.rate)}</td>
            <td>{formatInterval(g.ci95)}</td>
            <td>
              {g.targets[0]
                ? `≥ ${formatPercent(g.targets[0].value)} · ${g.targets[0].met === null ? '—' : g.targets[0].met ? 'Đạt' : 'Chưa đạt'}`
                : '—'}
            </td>
            {hasDossiers && <td class="num">{typeof g.responseRate === 'number' ? formatPercent(g.responseRate) : '—'}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
