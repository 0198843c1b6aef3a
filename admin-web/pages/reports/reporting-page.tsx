import { useEffect, useState } from 'hono/jsx/dom'
import type { UnitOnDate } from '../../../shared/admin-contract'
import type { CurrentUser } from '../../../shared/auth-contract'
import { formatDate } from '../../../shared/format'
import { api, type SurveyItem } from '../../api'
import { navigate, type Route } from '../../router'
import { todayInVietnam } from '../../vietnamese-labels'
import { ConsolidatedReport } from './consolidated-report'
import { DeadlineBoard } from './deadline-board'
import { PlanView } from './plan-view'
import { ReportDraft } from './report-draft'
import { adHocKeyOf, adHocRangeOf, currentPeriodKey, periodOptions, yearOfKey } from './report-model'

const tabs = [
  { key: 'soan', label: 'Soạn và gửi' },
  { key: 'theo-doi', label: 'Theo dõi hạn gửi' },
  { key: 'tong-hop', label: 'Báo cáo tổng hợp' },
  { key: 'ke-hoach', label: 'Toàn bộ kế hoạch' },
] as const

/** Reports sent up the chain: a unit drafts and sends; the level above tracks deadlines and consolidates. */
export function ReportingPage({ route, user }: { route: Route; user: CurrentUser }) {
  const [units, setUnits] = useState<UnitOnDate[]>([])
  const [surveys, setSurveys] = useState<SurveyItem[]>([])
  useEffect(() => {
    void api.units(todayInVietnam()).then(setUnits, () => setUnits([]))
    void api.surveys().then(setSurveys, () => setSurveys([]))
  }, [])
  const tab = route.params.get('tab') ?? 'soan'
  const periodKey = route.params.get('ky') ?? currentPeriodKey(todayInVietnam())
  const unitId = Number(route.params.get('donVi') ?? user.unitId ?? units[0]?.id ?? 0)
  const year = yearOfKey(periodKey)
  const go = (change: Record<string, string>) => {
    const params = new URLSearchParams({ tab, ky: periodKey, ...(unitId ? { donVi: String(unitId) } : {}), ...change })
    navigate('/bao-cao-dinh-ky', params, { replace: true })
  }
  const years = [year - 1, year, year + 1].filter((y) => y >= 2000)
  const adHoc = adHocRangeOf(periodKey)
  return (
    <section>
      <h1>Báo cáo định kỳ</h1>
      <nav aria-label="Báo cáo định kỳ">
        {tabs.map((t) => (
          <button
            type="button"
            class={t.key === tab ? undefined : 'secondary'}
            aria-pressed={t.key === tab}
            onClick={() => go({ tab: t.key })}
          >
            {t.label}
          </button>
        ))}
      </nav>
      <form class="filters" aria-label="Đơn vị và kỳ báo cáo" onSubmit={(e: Event) => e.preventDefault()}>
        <div>
          <label for="rp-unit">Đơn vị</label>
          <select id="rp-unit" onChange={(e: Event) => go({ donVi: (e.target as HTMLSelectElement).value })}>
            {units.map((u) => (
              <option value={String(u.id)} selected={u.id === unitId}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="rp-period">Kỳ báo cáo</label>
          <select id="rp-period" onChange={(e: Event) => go({ ky: (e.target as HTMLSelectElement).value })}>
            {adHoc && (
              <option value={periodKey} selected>
                {`Báo cáo đột xuất (${formatDate(adHoc.from)} – ${formatDate(adHoc.to)})`}
              </option>
            )}
            {years.flatMap((y) =>
              periodOptions(y).map((p) => (
                <option value={p.key} selected={p.key === periodKey}>
                  {p.label}
                </option>
              )),
            )}
          </select>
        </div>
        <AdHocPicker onPick={(range) => go({ ky: adHocKeyOf(range) })} />
      </form>
      {unitId === 0 ? (
        <p class="muted">Chọn đơn vị.</p>
      ) : tab === 'theo-doi' ? (
        <DeadlineBoard unitId={unitId} year={year} />
      ) : tab === 'ke-hoach' ? (
        <PlanView periodKey={periodKey} />
      ) : tab === 'tong-hop' ? (
        <ConsolidatedReport unitId={unitId} periodKey={periodKey} />
      ) : (
        <ReportDraft unitId={unitId} periodKey={periodKey} surveys={surveys} />
      )}
    </section>
  )
}

/** An ad-hoc ("đột xuất") report over days the request names, up to a plan's whole phase. */
function AdHocPicker({ onPick }: { onPick: (range: { from: string; to: string }) => void }) {
  const [range, setRange] = useState({ from: '', to: '' })
  return (
    <>
      <div>
        <label for="rp-from">Báo cáo đột xuất từ ngày</label>
        <input
          id="rp-from"
          type="date"
          value={range.from}
          onChange={(e: Event) => setRange({ ...range, from: (e.target as HTMLInputElement).value })}
        />
      </div>
      <div>
        <label for="rp-to">đến ngày</label>
        <input
          id="rp-to"
          type="date"
          value={range.to}
          onChange={(e: Event) => setRange({ ...range, to: (e.target as HTMLInputElement).value })}
        />
      </div>
      <div>
        <button type="button" class="secondary" disabled={range.from === '' || range.to === ''} onClick={() => onPick(range)}>
          Chọn khoảng đột xuất
        </button>
      </div>
    </>
  )
}
