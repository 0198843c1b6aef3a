import { useEffect, useState } from 'hono/jsx/dom'
import type { UnitOnDate } from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import type { StatsAnswer, StatsGroup } from '../../shared/stats-contract'
import type { SurveyDefinition } from '../../shared/survey-definition'
import { api, ApiError, type CounterItem, type SurveyItem } from '../api'
import { navigate, type Route } from '../router'
import { FlagsPanel } from './dashboard/flags-panel'
import { Heatmap } from './dashboard/heatmap'
import { HeadlineCard } from './dashboard/headline-card'
import { ItemBreakdown } from './dashboard/item-breakdown'
import { RankingTable } from './dashboard/ranking-table'
import { FieldBars, TrendChart } from './dashboard/trend-chart'

type Filters = {
  surveyId?: number
  period: string
  year: number
  index: number
  mode: string
  unitId?: number
  counterId?: number
  verified: string
}

type FieldCard = { title: string; group: StatsGroup }

type Loaded = {
  survey: SurveyItem
  definition: SurveyDefinition | undefined
  surveys: SurveyItem[]
  units: UnitOnDate[]
  counters: CounterItem[]
  overall: StatsAnswer
  months: StatsGroup[]
  fields: StatsGroup[]
  unitGroups: StatsGroup[]
  counterGroups: StatsGroup[]
  fieldCards: FieldCard[]
  items: StatsGroup[]
  heat: StatsGroup[]
  fellBackFrom?: number
}

const periodNames: Record<string, string> = { quy: 'Quý', '6-thang': '6 tháng', '9-thang': '9 tháng', nam: 'Năm' }

function filtersOf(params: URLSearchParams): Filters {
  const number = (key: string) => (params.get(key) ? Number(params.get(key)) : undefined)
  return {
    surveyId: number('surveyId'),
    period: params.get('period') ?? 'nam',
    year: number('year') ?? new Date().getFullYear(),
    index: number('index') ?? 1,
    // Calendar by default on the dashboard; the 15th-to-14th cut-off of official reports is one choice away.
    mode: params.get('mode') ?? 'calendar',
    unitId: number('unitId'),
    counterId: number('counterId'),
    verified: params.get('verified') ?? 'all',
  }
}

const rangeParams = (f: Filters, year = f.year) => ({
  period: f.period,
  year,
  index: f.period === 'quy' ? f.index : undefined,
  mode: f.mode,
})

async function load(f: Filters): Promise<Loaded> {
  const surveys = await api.surveys()
  const survey = surveys.find((s) => s.id === f.surveyId) ?? surveys.find((s) => s.metric === 'tthc') ?? surveys[0]
  if (!survey) throw new ApiError(404, 'not_found', 'Chưa có phiếu khảo sát nào được phát hành.')
  const scope = { surveyId: survey.id, unitId: f.unitId, verified: f.verified }
  let year = f.year
  let overall = await api.stats({ ...scope, ...rangeParams(f, year) })
  // A new year has no ratings yet: show the last year that has some, and say so.
  const isEmpty = overall.overall.responses === 0 && !(Number(overall.overall.excluded) > 0)
  const fellBackFrom = isEmpty && !new URLSearchParams(location.search).has('year') ? year : undefined
  if (fellBackFrom !== undefined) {
    year -= 1
    overall = await api.stats({ ...scope, ...rangeParams(f, year) })
  }
  const base = { ...scope, ...rangeParams(f, year) }
  const [months, fields, unitGroups, counterGroups, units, counters, targets, allFields] = await Promise.all([
    api.stats({ ...base, groupBy: 'month' }),
    api.stats({ ...base, groupBy: 'field' }),
    api.stats({ ...base, groupBy: 'unit' }),
    api.stats({ ...base, groupBy: 'counter' }),
    api.units(overall.to),
    api.counters(f.unitId),
    api.targets(),
    api.fields(),
  ])
  const pooledSets = new Map<string, number[]>()
  for (const t of targets) {
    if (t.metric === survey.metric && t.fieldIds.length > 0 && t.periodStart <= overall.to && t.periodEnd >= overall.from) {
      pooledSets.set([...t.fieldIds].sort().join(','), t.fieldIds)
    }
  }
  const fieldCards = await Promise.all(
    [...pooledSets.values()].map(async (ids) => {
      const chosen = allFields.filter((field) => ids.includes(field.id))
      const answer = await api.stats({ ...base, fields: chosen.map((field) => field.code).join(',') })
      return { title: `Lĩnh vực ${chosen.map((field) => field.name.toLocaleLowerCase('vi')).join(', ')}`, group: answer.overall }
    }),
  )
  const latest = survey.versions.at(-1)
  const [items, heat, definition] = await Promise.all([
    api.stats({ ...base, groupBy: 'question' }).then((a) => a.groups),
    f.counterId ? api.stats({ ...base, counterId: f.counterId, groupBy: 'hour-weekday' }).then((a) => a.groups) : Promise.resolve([]),
    latest ? api.surveyVersion(survey.id, latest.id) : Promise.resolve(undefined),
  ])
  return {
    survey,
    definition,
    surveys,
    units,
    counters,
    overall,
    months: months.groups,
    fields: fields.groups,
    unitGroups: unitGroups.groups,
    counterGroups: counterGroups.groups,
    fieldCards,
    items,
    heat,
    fellBackFrom,
  }
}

export function DashboardPage({ route, user }: { route: Route; user: CurrentUser }) {
  const filters = filtersOf(route.params)
  const [data, setData] = useState<Loaded | undefined>(undefined)
  const [error, setError] = useState('')
  const key = route.params.toString()
  useEffect(() => {
    setError('')
    // Two quick filter changes start two loads; only the one for the filters now shown may land, or a slower
    // earlier answer would overwrite the newer one.
    let isCurrent = true
    load(filters).then(
      (loaded) => isCurrent && setData(loaded),
      (failure: unknown) => isCurrent && setError(failure instanceof ApiError ? failure.message : 'Không tải được số liệu.'),
    )
    return () => {
      isCurrent = false
    }
  }, [key])

  const change = (name: string, value: string) => {
    const params = new URLSearchParams(route.params)
    if (value === '') params.delete(name)
    else params.set(name, value)
    if (name === 'year' || name === 'period') params.delete('counterId')
    navigate('/', params, { replace: true })
  }
  const year = data?.fellBackFrom !== undefined ? data.fellBackFrom - 1 : filters.year
  const strictest = data?.overall.overall.targets[0]

  return (
    <section>
      <h1>Tổng quan mức độ hài lòng</h1>
      <form class="filters" aria-label="Bộ lọc" onSubmit={(e: Event) => e.preventDefault()}>
        <div>
          <label for="f-survey">Phiếu khảo sát</label>
          <select id="f-survey" onChange={(e: Event) => change('surveyId', (e.target as HTMLSelectElement).value)}>
            {(data?.surveys ?? []).map((s) => (
              <option value={String(s.id)} selected={s.id === data?.survey.id}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-period">Kỳ báo cáo</label>
          <select id="f-period" onChange={(e: Event) => change('period', (e.target as HTMLSelectElement).value)}>
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
            <select id="f-index" onChange={(e: Event) => change('index', (e.target as HTMLSelectElement).value)}>
              {[1, 2, 3, 4].map((i) => (
                <option value={String(i)} selected={i === filters.index}>
                  {['I', 'II', 'III', 'IV'][i - 1]}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label for="f-year">Năm</label>
          <input id="f-year" type="number" min="2000" max="2100" value={String(year)} onChange={(e: Event) => change('year', (e.target as HTMLInputElement).value)} />
        </div>
        <div>
          <label for="f-mode">Cách tính kỳ</label>
          <select id="f-mode" onChange={(e: Event) => change('mode', (e.target as HTMLSelectElement).value)}>
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
          <select id="f-unit" onChange={(e: Event) => change('unitId', (e.target as HTMLSelectElement).value)}>
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
          <select id="f-verified" onChange={(e: Event) => change('verified', (e.target as HTMLSelectElement).value)}>
            <option value="all" selected={filters.verified === 'all'}>
              Tất cả (quét mã QR và theo hồ sơ)
            </option>
            <option value="only" selected={filters.verified === 'only'}>
              Chỉ đánh giá xác thực theo hồ sơ
            </option>
          </select>
        </div>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!data && !error && <p aria-live="polite">Đang tải số liệu…</p>}
      {data && (
        <div aria-live="polite">
          <p class="muted">
            {String(data.overall.label ?? `${data.overall.from} – ${data.overall.to}`)}
            {data.fellBackFrom !== undefined && ` · Năm ${data.fellBackFrom} chưa có đánh giá, đang hiển thị năm ${data.fellBackFrom - 1}.`}
            {Number(data.overall.overall.excluded) > 0 && ` · ${data.overall.overall.excluded} phiếu bị gắn cờ không được tính.`}
          </p>
          <h2>Mức độ hài lòng so với chỉ tiêu</h2>
          <div class="cards">
            {data.overall.overall.targets.length === 0 ? (
              <HeadlineCard title="Toàn bộ lĩnh vực" group={data.overall.overall} />
            ) : (
              data.overall.overall.targets.map((t) => <HeadlineCard title="Toàn bộ lĩnh vực" group={data.overall.overall} target={t} />)
            )}
            {data.fieldCards.map((card) =>
              card.group.targets.length === 0 ? (
                <HeadlineCard title={card.title} group={card.group} />
              ) : (
                card.group.targets.map((t) => <HeadlineCard title={card.title} group={card.group} target={t} />)
              ),
            )}
          </div>
          <div class="charts">
            <section class="card">
              <h2>Xu hướng theo tháng</h2>
              <TrendChart months={data.months} target={strictest?.value} />
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
          <h2>Đánh giá bị gắn cờ</h2>
          <FlagsPanel query={{ surveyId: data.survey.id, unitId: filters.unitId, from: data.overall.from, to: data.overall.to }} />
        </div>
      )}
    </section>
  )
}
