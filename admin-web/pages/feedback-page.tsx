import { useEffect, useState } from 'hono/jsx/dom'
import type { CurrentUser } from '../../shared/auth-contract'
import {
  type CaseCategory,
  caseCategoryNames,
  caseStatusNames,
  type FeedbackCase,
  type InboxAnswer,
  type InboxItem,
} from '../../shared/feedback-contract'
import { formatCount } from '../../shared/format'
import { api, ApiError, type CounterItem, type FieldItem } from '../api'
import { navigate, type Route } from '../router'
import { todayInVietnam } from '../vietnamese-labels'
import { feedbackApi } from './feedback/feedback-api'
import { actionNames, actionsOf, deadlineText, filtersFrom, type InboxFilters, inboxQueryOf, monthLabel } from './feedback/feedback-model'

const valueOf = (event: Event) => (event.target as HTMLInputElement).value
const errorText = (error: unknown, fallback: string) => (error instanceof ApiError ? error.message : fallback)
type Unit = { id: number; name: string }

/**
 * "Ý kiến người dân": the comments and dissatisfied reasons of the user's scope (month only, small counters
 * held back), taken up as cases (phản ánh, kiến nghị) and answered within their deadline.
 */
export function FeedbackPage({ route, user }: { route: Route; user: CurrentUser }) {
  const today = todayInVietnam()
  const filters = filtersFrom(route.params, today)
  const [inbox, setInbox] = useState<InboxAnswer | undefined>(undefined)
  const [cases, setCases] = useState<FeedbackCase[] | undefined>(undefined)
  const [units, setUnits] = useState<Unit[]>([])
  const [fields, setFields] = useState<FieldItem[]>([])
  const [counters, setCounters] = useState<CounterItem[]>([])
  const [message, setMessage] = useState('')
  const isManager = user.role !== 'analyst'

  const loadInbox = () =>
    feedbackApi.inbox(inboxQueryOf(filters)).then(setInbox, (e: unknown) => setMessage(errorText(e, 'Không tải được ý kiến.')))
  const loadCases = () =>
    feedbackApi.cases().then(
      (list) => setCases(list.items),
      (e: unknown) => setMessage(errorText(e, 'Không tải được phản ánh, kiến nghị.')),
    )
  useEffect(() => {
    void api.units(today).then(setUnits, () => undefined)
    void api.fields().then(setFields, () => undefined)
    void loadCases()
  }, [])
  useEffect(() => {
    void api.counters(filters.unitId).then(setCounters, () => undefined)
  }, [filters.unitId])
  useEffect(() => {
    void loadInbox()
  }, [route.params.toString()])

  const change = (name: string, value: string) => {
    const params = new URLSearchParams(route.params)
    if (value === '') params.delete(name)
    else params.set(name, value)
    if (name !== 'tu-muc') params.delete('tu-muc')
    if (name === 'donVi') params.delete('quay')
    navigate('/y-kien', params, { replace: true })
  }
  const reloadAll = async (text: string) => {
    setMessage(text)
    await Promise.all([loadInbox(), loadCases()])
  }

  return (
    <section>
      <h1>Ý kiến người dân</h1>
      <p class="muted">
        Góp ý và lý do chưa hài lòng của người dân, chỉ ghi theo tháng. Mức đánh giá theo thang của phiếu (thang 3 mức: 1 không hài lòng, 2
        hài lòng, 3 rất hài lòng). Ý kiến của một quầy chỉ hiện khi quầy có từ 5 lượt đánh giá trong tháng, để không thể đoán ra người đã
        góp ý.
      </p>
      <InboxFiltersForm filters={filters} units={units} fields={fields} counters={counters} change={change} />
      <p role="status" aria-live="polite">
        {message}
      </p>
      {inbox === undefined ? (
        <p>Đang tải…</p>
      ) : (
        <>
          <p>
            {`${formatCount(inbox.total)} ý kiến`}
            {inbox.heldBack > 0 &&
              ` · ${formatCount(inbox.heldBack)} ý kiến tạm ẩn (quầy có dưới ${inbox.minRatings} lượt đánh giá trong tháng)`}
          </p>
          {inbox.items.length > 0 && (
            <InboxTable
              items={inbox.items}
              units={units}
              canTakeUp={isManager}
              onTaken={() => reloadAll('Đã tiếp nhận phản ánh, kiến nghị.')}
            />
          )}
          <p>
            {filters.offset > 0 && (
              <button type="button" class="secondary" onClick={() => change('tu-muc', String(Math.max(0, filters.offset - inbox.limit)))}>
                Trang trước
              </button>
            )}
            {filters.offset + inbox.limit < inbox.total && (
              <button type="button" class="secondary" onClick={() => change('tu-muc', String(filters.offset + inbox.limit))}>
                Trang sau
              </button>
            )}
          </p>
        </>
      )}
      <h2>Phản ánh, kiến nghị</h2>
      {cases === undefined ? (
        <p>Đang tải…</p>
      ) : cases.length === 0 ? (
        <p>Chưa có phản ánh, kiến nghị nào.</p>
      ) : (
        <CasesList cases={cases} today={today} canAct={isManager} onChanged={(text) => reloadAll(text)} onError={setMessage} />
      )}
    </section>
  )
}

type FiltersProps = {
  filters: InboxFilters
  units: Unit[]
  fields: FieldItem[]
  counters: CounterItem[]
  change: (name: string, value: string) => void
}

function InboxFiltersForm({ filters, units, fields, counters, change }: FiltersProps) {
  const on = (name: string) => (event: Event) => change(name, valueOf(event))
  return (
    <form class="filters" aria-label="Bộ lọc ý kiến" onSubmit={(e: Event) => e.preventDefault()}>
      <div>
        <label for="y-tu">Từ tháng</label>
        <input id="y-tu" type="month" value={filters.fromMonth} onChange={on('tu')} />
      </div>
      <div>
        <label for="y-den">Đến tháng</label>
        <input id="y-den" type="month" value={filters.toMonth} onChange={on('den')} />
      </div>
      <div>
        <label for="y-don-vi">Đơn vị</label>
        <select id="y-don-vi" onChange={on('donVi')}>
          <option value="">Toàn bộ phạm vi</option>
          {units.map((u) => (
            <option value={String(u.id)} selected={u.id === filters.unitId}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="y-quay">Quầy</label>
        <select id="y-quay" onChange={on('quay')}>
          <option value="">Tất cả quầy</option>
          {counters.map((c) => (
            <option value={String(c.id)} selected={c.id === filters.counterId}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="y-linh-vuc">Lĩnh vực</label>
        <select id="y-linh-vuc" onChange={on('linhVuc')}>
          <option value="">Tất cả lĩnh vực</option>
          {fields.map((f) => (
            <option value={String(f.id)} selected={f.id === filters.fieldId}>
              {f.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="y-muc">Mức đánh giá</label>
        <select id="y-muc" onChange={on('muc')}>
          <option value="">Tất cả mức</option>
          {[1, 2, 3, 4, 5].map((value) => (
            <option value={String(value)} selected={value === filters.score}>
              {value === 1 ? 'Mức 1 (thấp nhất)' : `Mức ${value}`}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="y-tim">Tìm trong góp ý (gõ có dấu hoặc không dấu)</label>
        <input id="y-tim" type="search" maxLength={100} value={filters.q} onChange={on('q')} />
      </div>
    </form>
  )
}

/** One card per item rather than a wide table, so that a phone shows it whole. */
function InboxTable({ items, units, canTakeUp, onTaken }: { items: InboxItem[]; units: Unit[]; canTakeUp: boolean; onTaken: () => void }) {
  return (
    <ul class="voices" aria-label="Ý kiến trong kỳ">
      {items.map((item) => (
        <li>
          <p class="muted">
            {[monthLabel(item.month), `${item.unit.name} · ${item.counter.name}`, item.field?.name].filter(Boolean).join(' · ')}
          </p>
          <p>
            <strong>{item.scoreLabel ?? 'Không có mức đánh giá'}</strong>
            {item.reasons.length > 0 && ` · Chưa hài lòng về: ${item.reasons.join('; ')}`}
          </p>
          {item.comment !== null && <blockquote>{item.comment}</blockquote>}
          {item.case ? (
            <p>{`Đã tiếp nhận (số ${item.case.id}): ${caseStatusNames[item.case.status]}`}</p>
          ) : (
            canTakeUp && item.comment !== null && <TakeUpForm item={item} units={units} onTaken={onTaken} />
          )}
        </li>
      ))}
    </ul>
  )
}

function TakeUpForm({ item, units, onTaken }: { item: InboxItem; units: Unit[]; onTaken: () => void }) {
  const [category, setCategory] = useState<CaseCategory>('phan_anh')
  const [assignee, setAssignee] = useState(String(item.unit.id))
  const [error, setError] = useState('')
  const submit = async (event: Event) => {
    event.preventDefault()
    try {
      await feedbackApi.createCase({ itemKey: item.key, category, assigneeUnitId: Number(assignee) })
      onTaken()
    } catch (e) {
      setError(errorText(e, 'Không tiếp nhận được.'))
    }
  }
  const choices = units.some((u) => u.id === item.unit.id) ? units : [item.unit, ...units]
  return (
    <form class="take-up" aria-label="Tiếp nhận thành phản ánh, kiến nghị" onSubmit={submit}>
      <label>
        Loại
        <select onChange={(e: Event) => setCategory(valueOf(e) as CaseCategory)}>
          {Object.entries(caseCategoryNames).map(([value, name]) => (
            <option value={value} selected={value === category}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Đơn vị xử lý
        <select onChange={(e: Event) => setAssignee(valueOf(e))}>
          {choices.map((u) => (
            <option value={String(u.id)} selected={String(u.id) === assignee}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Tiếp nhận</button>
      {error && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </form>
  )
}

type CasesProps = {
  cases: FeedbackCase[]
  today: string
  canAct: boolean
  onChanged: (text: string) => void
  onError: (text: string) => void
}

function CasesList({ cases, today, canAct, onChanged, onError }: CasesProps) {
  return (
    <ul class="cases" aria-label="Danh sách phản ánh, kiến nghị">
      {cases.map((c) => (
        <li>
          <p>
            <strong>{`${caseCategoryNames[c.category]} số ${c.id}`}</strong>
            {` · ${caseStatusNames[c.status]} · ${deadlineText(c, today)} · Đơn vị xử lý: ${c.assigneeUnit.name}`}
          </p>
          <blockquote>{c.comment ?? '—'}</blockquote>
          {c.answer !== null && <p>{`Trả lời: ${c.answer}`}</p>}
          {canAct && <CaseActions feedbackCase={c} onChanged={onChanged} onError={onError} />}
        </li>
      ))}
    </ul>
  )
}

function CaseActions({
  feedbackCase,
  onChanged,
  onError,
}: {
  feedbackCase: FeedbackCase
  onChanged: (text: string) => void
  onError: (text: string) => void
}) {
  const [answer, setAnswer] = useState('')
  const actions = actionsOf(feedbackCase.status)
  const run = async (action: 'start' | 'answer' | 'close') => {
    try {
      if (action === 'start') await feedbackApi.start(feedbackCase.id)
      if (action === 'answer') await feedbackApi.answer(feedbackCase.id, answer)
      if (action === 'close') await feedbackApi.close(feedbackCase.id)
      onChanged(`Đã cập nhật phản ánh số ${feedbackCase.id}.`)
    } catch (e) {
      onError(errorText(e, 'Không cập nhật được.'))
    }
  }
  return (
    <div>
      {actions.includes('answer') && (
        <label>
          {`Trả lời người dân (phản ánh số ${feedbackCase.id})`}
          <textarea maxLength={4000} rows={3} value={answer} onInput={(e: Event) => setAnswer(valueOf(e))} />
        </label>
      )}
      {actions.map((action) => (
        <button type="button" class={action === 'answer' ? '' : 'secondary'} onClick={() => void run(action)}>
          {actionNames[action]}
        </button>
      ))}
    </div>
  )
}
