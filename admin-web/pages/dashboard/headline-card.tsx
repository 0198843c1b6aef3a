import { formatCount, formatInterval, formatPercent, formatPoints } from '../../../shared/format'
import type { StatsGroup, StatsTarget } from '../../../shared/stats-contract'

/** One target at a glance: rate, interval, target, met or not, gap in points, n, response rate. */
export function HeadlineCard({ title, group, target }: { title: string; group: StatsGroup; target?: StatsTarget }) {
  const gap = target && group.rate !== null ? (group.rate - target.value) * 100 : null
  const responseRate = typeof group.responseRate === 'number' ? group.responseRate : null
  const realtime = group.realtimeIndex as { rate: number | null; label: string } | undefined
  return (
    <article class="card headline" aria-label={title}>
      <h3>{title}</h3>
      <p class="rate">{formatPercent(group.rate)}</p>
      <p class="muted">Khoảng tin cậy 95%: {formatInterval(group.ci95)}</p>
      {target && (
        <p>
          Chỉ tiêu ≥ {formatPercent(target.value)}:{' '}
          {target.met === null ? (
            <span class="muted">chưa đánh giá được</span>
          ) : target.met ? (
            <span class="met">Đạt</span>
          ) : (
            <span class="unmet">Chưa đạt</span>
          )}
          {gap !== null && <span class="muted"> ({formatPoints(Math.round(gap * 10) / 10)})</span>}
        </p>
      )}
      {target && <p class="muted">Nguồn: {target.source}</p>}
      <p>
        {formatCount(group.responses)} phiếu
        {!group.sufficient && <strong> · không đủ mẫu (dưới 30 phiếu)</strong>}
      </p>
      {responseRate !== null && <p class="muted">Tỷ lệ phản hồi: {formatPercent(responseRate)} số hồ sơ đã trả kết quả</p>}
      {realtime && realtime.rate !== null && (
        <p class="muted" title={realtime.label}>
          Chỉ số thời gian thực (QĐ 766, ước tính — chỉ số khác, không so sánh với tỷ lệ khảo sát): {formatPercent(realtime.rate)}
        </p>
      )}
    </article>
  )
}
