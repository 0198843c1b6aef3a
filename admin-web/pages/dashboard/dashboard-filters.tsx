import type { CurrentUser } from '../../../shared/auth-contract'
import type { SurveyMetric } from '../../../shared/admin-contract'
import { metricNames } from '../../../shared/metric-names'
import { periodNames, quarterNames, type Filters } from './dashboard-model'
import type { Loaded } from './use-dashboard'

type Props = { filters: Filters; year: number; data: Loaded | undefined; user: CurrentUser; change: (name: string, value: string) => void }

const valueOf = (event: Event) => (event.target as HTMLSelectElement).value

/** The dashboard's filters; each change goes to the URL, which the figures follow. */
export function DashboardFilters({ filters, year, data, user, change }: Props) {
  const on = (name: string) => (event: Event) => change(name, valueOf(event))
  return (
    <form class="filters" aria-label="Bộ lọc" onSubmit={(e: Event) => e.preventDefault()}>
      <div>
        <label for="f-survey">Phiếu khảo sát</label>
        <select id="f-survey" onChange={on('surveyId')}>
          {(data?.surveys ?? []).map((s) => (
            <option value={String(s.id)} selected={s.id === data?.survey.id}>
              {s.title} · {metricNames[s.metric as SurveyMetric] ?? s.metric}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-period">Kỳ báo cáo</label>
        <select id="f-period" onChange={on('period')}>
          {Object.entries(periodNames).map(([value, name]) => (
            <option value={value} selected={value === filters.period}>
              {name}
            </option>
          ))}
        </select>
      </div>
      {filters.period === 'quy' && (
        <div>
          <label for="f-index">Quý</label>
          <select id="f-index" onChange={on('index')}>
            {[1, 2, 3, 4].map((i) => (
              <option value={String(i)} selected={i === filters.index}>
                {quarterNames[i - 1]}
              </option>
            ))}
          </select>
        </div>
      )}
      <div>
        <label for="f-year">Năm</label>
        <input id="f-year" type="number" min="2000" max="2100" value={String(year)} onChange={on('year')} />
      </div>
      <div>
        <label for="f-mode">Cách tính kỳ</label>
        <select id="f-mode" onChange={on('mode')}>
          <option value="cutoff" selected={filters.mode === 'cutoff'}>
            Từ ngày 15 tháng trước đến ngày 14
          </option>
          <option value="calendar" selected={filters.mode === 'calendar'}>
            Theo lịch
          </option>
        </select>
      </div>
      <div>
        <label for="f-unit">Đơn vị</label>
        <select id="f-unit" onChange={on('unitId')}>
          <option value="">{user.unitId === null ? 'Tất cả đơn vị' : 'Toàn bộ phạm vi'}</option>
          {(data?.units ?? []).map((u) => (
            <option value={String(u.id)} selected={u.id === filters.unitId}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-verified">Đánh giá được tính</label>
        <select id="f-verified" onChange={on('verified')}>
          <option value="all" selected={filters.verified === 'all'}>
            Tất cả (quét mã QR và theo hồ sơ)
          </option>
          <option value="only" selected={filters.verified === 'only'}>
            Chỉ đánh giá xác thực theo hồ sơ
          </option>
        </select>
      </div>
    </form>
  )
}
