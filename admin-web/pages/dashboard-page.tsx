import type { CurrentUser } from '../../shared/auth-contract'
import { navigate, type Route } from '../router'
import { changedParams, filtersOf, summaryOf, type Filters } from './dashboard/dashboard-model'
import { DashboardFilters } from './dashboard/dashboard-filters'
import { FeedbackPanel } from './dashboard/feedback-panel'
import { FlagsPanel } from './dashboard/flags-panel'
import { Heatmap } from './dashboard/heatmap'
import { HeadlineCard } from './dashboard/headline-card'
import { ItemBreakdown } from './dashboard/item-breakdown'
import { RankingTable } from './dashboard/ranking-table'
import { FieldBars, TrendChart } from './dashboard/trend-chart'
import { useDashboard, type Loaded } from './dashboard/use-dashboard'
import { PlanView } from './reports/plan-view'

export function DashboardPage({ route, user }: { route: Route; user: CurrentUser }) {
  const filters = filtersOf(route.params)
  const { data, error } = useDashboard(filters, route.params.toString())
  const change = (name: string, value: string) => navigate('/', changedParams(route.params, name, value), { replace: true })
  const year = data?.fellBackFrom !== undefined ? data.fellBackFrom - 1 : filters.year
  return (
    <section>
      <h1>Tổng quan mức độ hài lòng</h1>
      <DashboardFilters filters={filters} year={year} data={data} user={user} change={change} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!data && !error && <p aria-live="polite">Đang tải số liệu…</p>}
      {data && <Figures data={data} filters={filters} change={change} />}
    </section>
  )
}

/** Every figure for the filters: targets, trend, fields, rankings, the heatmap of one counter, items, flags. */
function Figures({ data, filters, change }: { data: Loaded; filters: Filters; change: (name: string, value: string) => void }) {
  return (
    <div aria-live="polite">
      <p class="muted">{summaryOf(data.overall, data.fellBackFrom)}</p>
      <h2>Mức độ hài lòng so với chỉ tiêu</h2>
      <div class="cards">
        <TargetCards title="Toàn bộ lĩnh vực" group={data.overall.overall} />
        {data.fieldCards.map((card) => (
          <TargetCards title={card.title} group={card.group} />
        ))}
      </div>
      <h2>Toàn bộ chỉ tiêu của kế hoạch</h2>
      <PlanView range={{ from: data.overall.from, to: data.overall.to }} />
      <div class="charts">
        <section class="card">
          <h2>Xu hướng theo tháng</h2>
          <TrendChart months={data.months} target={data.overall.overall.targets[0]?.value} />
        </section>
        <section class="card">
          <h2>Theo lĩnh vực</h2>
          <FieldBars fields={data.fields} />
        </section>
      </div>
      <h2>Xếp hạng đơn vị</h2>
      <RankingTable caption="Xếp hạng đơn vị" nameHeader="Đơn vị" groups={data.unitGroups} />
      <h2>Xếp hạng quầy</h2>
      <RankingTable caption="Xếp hạng quầy" nameHeader="Quầy" groups={data.counterGroups} />
      <h2>Đánh giá theo giờ và thứ trong tuần</h2>
      <div class="filters">
        <div>
          <label for="f-counter">Quầy</label>
          <select id="f-counter" onChange={(e: Event) => change('counterId', (e.target as HTMLSelectElement).value)}>
            <option value="">— Chọn quầy —</option>
            {data.counters.map((c) => (
              <option value={String(c.id)} selected={c.id === filters.counterId}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {filters.counterId ? <Heatmap groups={data.heat} /> : <p class="muted">Chọn một quầy để xem bản đồ nhiệt.</p>}
      <h2>Chi tiết theo câu hỏi</h2>
      <ItemBreakdown definition={data.definition} items={data.items} />
      <h2>Ý kiến người dân và xử lý phản ánh, kiến nghị</h2>
      <FeedbackPanel query={{ unitId: filters.unitId, from: data.overall.from, to: data.overall.to }} />
      <h2>Đánh giá bị gắn cờ</h2>
      <FlagsPanel query={{ surveyId: data.survey.id, unitId: filters.unitId, from: data.overall.from, to: data.overall.to }} />
    </div>
  )
}

/** One card per target the group is measured against, or one card without a target. */
function TargetCards({ title, group }: { title: string; group: Loaded['overall']['overall'] }) {
  if (group.targets.length === 0) return <HeadlineCard title={title} group={group} />
  return (
    <>
      {group.targets.map((t) => (
        <HeadlineCard title={title} group={group} target={t} />
      ))}
    </>
  )
}
