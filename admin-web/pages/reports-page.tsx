import { useEffect, useState } from 'hono/jsx/dom'
import type { UnitOnDate } from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import { api, type SurveyItem } from '../api'
import { CsvImportForm } from '../components/csv-import-form'
import { todayInVietnam } from '../vietnamese-labels'
import { rangeOfChoice } from './reports/report-model'
import { YearOverYear } from './reports/year-over-year'

const periods = [
  { value: 'quy', label: 'Quý' },
  { value: '6-thang', label: '6 tháng đầu năm' },
  { value: '9-thang', label: '9 tháng' },
  { value: 'nam', label: 'Năm' },
  { value: 'khoang', label: 'Khoảng tùy chọn (đến 10 năm)' },
]

/** The periodic report to print or send upward as Word, and the raw exports, for one unit and period. */
export function ReportsPage({ user }: { user: CurrentUser }) {
  const [units, setUnits] = useState<UnitOnDate[]>([])
  const [surveys, setSurveys] = useState<SurveyItem[]>([])
  const [choice, setChoice] = useState({
    period: 'quy',
    year: String(new Date().getFullYear() - 1),
    index: '3',
    mode: 'cutoff',
    unitId: user.unitId === null ? '' : String(user.unitId),
    surveyId: '',
    from: '',
    to: '',
  })
  useEffect(() => {
    void api.units(todayInVietnam()).then(setUnits, () => setUnits([]))
    void api.surveys().then(setSurveys, () => setSurveys([]))
  }, [])
  const set = (key: keyof typeof choice) => (event: Event) => setChoice({ ...choice, [key]: (event.target as HTMLInputElement).value })
  const isRange = choice.period === 'khoang'
  const params = isRange
    ? new URLSearchParams({ from: choice.from, to: choice.to })
    : new URLSearchParams({ period: choice.period, year: choice.year, mode: choice.mode })
  if (choice.period === 'quy') params.set('index', choice.index)
  if (choice.unitId) params.set('unitId', choice.unitId)
  if (choice.surveyId) params.set('surveyId', choice.surveyId)
  const range = rangeOfChoice(choice)
  const isReady = choice.unitId !== '' && range !== null
  return (
    <section>
      <h1>Báo cáo và xuất dữ liệu</h1>
      <form class="filters" aria-label="Kỳ báo cáo" onSubmit={(e: Event) => e.preventDefault()}>
        <div>
          <label for="r-unit">Đơn vị báo cáo</label>
          <select id="r-unit" onChange={set('unitId')}>
            <option value="">— Chọn đơn vị —</option>
            {units.map((u) => (
              <option value={String(u.id)} selected={String(u.id) === choice.unitId}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="r-survey">Phiếu khảo sát</label>
          <select id="r-survey" onChange={set('surveyId')}>
            <option value="">Phiếu có nhiều đánh giá nhất</option>
            {surveys.map((s) => (
              <option value={String(s.id)}>{s.title}</option>
            ))}
          </select>
        </div>
        <div>
          <label for="r-period">Kỳ</label>
          <select id="r-period" onChange={set('period')}>
            {periods.map((p) => (
              <option value={p.value} selected={p.value === choice.period}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        {choice.period === 'quy' && (
          <div>
            <label for="r-index">Quý</label>
            <select id="r-index" onChange={set('index')}>
              {['I', 'II', 'III', 'IV'].map((name, i) => (
                <option value={String(i + 1)} selected={String(i + 1) === choice.index}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        )}
        {isRange && (
          <div>
            <label for="r-from">Từ ngày</label>
            <input id="r-from" type="date" value={choice.from} onChange={set('from')} />
          </div>
        )}
        {isRange && (
          <div>
            <label for="r-to">Đến ngày</label>
            <input id="r-to" type="date" value={choice.to} onChange={set('to')} />
          </div>
        )}
        <div>
          <label for="r-year">Năm</label>
          <input id="r-year" type="number" min="2000" max="2100" value={choice.year} onInput={set('year')} />
        </div>
        <div>
          <label for="r-mode">Cách tính kỳ</label>
          <select id="r-mode" onChange={set('mode')}>
            <option value="cutoff" selected={choice.mode === 'cutoff'}>
              Từ ngày 15 tháng trước đến ngày 14
            </option>
            <option value="calendar" selected={choice.mode === 'calendar'}>
              Theo lịch
            </option>
          </select>
        </div>
      </form>
      {isReady ? (
        <ul>
          <li>
            <a href={`/admin/reports/periodic?${params}`} target="_blank" rel="noopener">
              Xem và in báo cáo
            </a>
          </li>
          <li>
            <a href={`/api/v1/reports/periodic.docx?${params}`}>Tải báo cáo bản Word (.docx)</a>
          </li>
          <li>
            <a href={`/api/v1/exports/responses.csv?${params}`}>Xuất dữ liệu từng phiếu (CSV, UTF-8)</a>
          </li>
          <li>
            <a href={`/api/v1/exports/responses.xlsx?${params}`}>Xuất dữ liệu từng phiếu (Excel .xlsx)</a>
          </li>
        </ul>
      ) : (
        <p class="muted">Chọn đơn vị và năm (hoặc khoảng ngày) để tạo báo cáo.</p>
      )}
      {isReady && range && (
        <>
          <h2>So sánh cùng kỳ năm trước</h2>
          <YearOverYear unitId={choice.unitId} surveyId={choice.surveyId} range={range} />
        </>
      )}
      {user.role !== 'analyst' && (
        <CsvImportForm
          id="dossiers"
          draftKey={`dossiers:${user.id}`}
          title="Nhập số hồ sơ theo ngày (để tính tỷ lệ phản hồi)"
          columns="date,counter,procedure,received,returned,overdue"
          example={'date,counter,procedure,received,returned,overdue\n2025-07-01,<mã QR hoặc số quầy>,1.001193,12,10,1'}
          send={api.importDossierCounts}
          onImported={() => {}}
        />
      )}
    </section>
  )
}
