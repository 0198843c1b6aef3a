import type { CaseStatus, FeedbackCase } from '../../../shared/feedback-contract'

/** The inbox's filters as they stand in the address: months YYYY-MM, ids, score and search text. */
export type InboxFilters = {
  fromMonth: string
  toMonth: string
  unitId: number | undefined
  counterId: number | undefined
  fieldId: number | undefined
  score: number | undefined
  q: string
  offset: number
}

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/
const idOf = (text: string | null) => (text !== null && /^[1-9]\d{0,9}$/.test(text) ? Number(text) : undefined)

/** Filters from the URL, defaulting to the current month; anything malformed is ignored. */
export function filtersFrom(params: URLSearchParams, today: string): InboxFilters {
  const month = (name: string) => {
    const value = params.get(name)
    return value !== null && monthPattern.test(value) ? value : today.slice(0, 7)
  }
  const fromMonth = month('tu')
  const toMonth = month('den')
  const score = params.get('muc')
  return {
    fromMonth: fromMonth <= toMonth ? fromMonth : toMonth,
    toMonth: fromMonth <= toMonth ? toMonth : fromMonth,
    unitId: idOf(params.get('donVi')),
    counterId: idOf(params.get('quay')),
    fieldId: idOf(params.get('linhVuc')),
    score: score !== null && /^\d{1,2}$/.test(score) ? Number(score) : undefined,
    q: (params.get('q') ?? '').slice(0, 100),
    offset: Math.max(0, Number(params.get('tu-muc')) || 0),
  }
}

const lastDayOf = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number]
  return `${month}-${String(new Date(Date.UTC(year, m, 0)).getUTCDate()).padStart(2, '0')}`
}

/** The API query of the filters: whole months as a from–to range. */
export function inboxQueryOf(f: InboxFilters, limit = 50) {
  return {
    from: `${f.fromMonth}-01`,
    to: lastDayOf(f.toMonth),
    unitId: f.unitId,
    counterId: f.counterId,
    fieldId: f.fieldId,
    score: f.score,
    q: f.q.trim() || undefined,
    limit,
    offset: f.offset,
  }
}

/** "2025-08" → "Tháng 8/2025". */
export const monthLabel = (month: string) => `Tháng ${Number(month.slice(5, 7))}/${month.slice(0, 4)}`

export type CaseAction = 'start' | 'answer' | 'close'

/** What a manager may do next with a case in this status. */
export function actionsOf(status: CaseStatus): CaseAction[] {
  switch (status) {
    case 'received':
      return ['start', 'answer']
    case 'in_progress':
      return ['answer']
    case 'answered':
      return ['close']
    case 'closed':
      return []
  }
}

export const actionNames: Record<CaseAction, string> = { start: 'Bắt đầu xử lý', answer: 'Gửi trả lời', close: 'Kết thúc' }

/** The deadline in words: "Hạn 29/08/2025", "Quá hạn 3 ngày", "Trả lời đúng hạn". */
export function deadlineText(c: Pick<FeedbackCase, 'dueOn' | 'answeredOn' | 'isOverdue'>, today: string): string {
  const due = `${c.dueOn.slice(8, 10)}/${c.dueOn.slice(5, 7)}/${c.dueOn.slice(0, 4)}`
  if (c.answeredOn !== null) return c.isOverdue ? `Trả lời trễ hạn (hạn ${due})` : `Trả lời đúng hạn (hạn ${due})`
  if (!c.isOverdue) return `Hạn ${due}`
  const late = Math.round((Date.parse(today) - Date.parse(c.dueOn)) / 86_400_000)
  return `Quá hạn ${late} ngày (hạn ${due})`
}
