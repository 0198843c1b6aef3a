import { describe, expect, it } from 'vitest'
import { actionsOf, deadlineText, filtersFrom, inboxQueryOf, monthLabel } from '../../admin-web/pages/feedback/feedback-model'

describe('the inbox screen’s model', () => {
  it('reads filters from the address, defaulting to this month and ignoring what is malformed', () => {
    const f = filtersFrom(new URLSearchParams('tu=2025-09&den=2025-07&donVi=12&quay=x&muc=1&q=chờ lâu'), '2025-08-15')
    expect(f).toEqual({
      fromMonth: '2025-07',
      toMonth: '2025-09',
      unitId: 12,
      counterId: undefined,
      fieldId: undefined,
      score: 1,
      q: 'chờ lâu',
      offset: 0,
    })
    expect(filtersFrom(new URLSearchParams('tu=2025-13'), '2025-08-15').fromMonth).toBe('2025-08')
  })

  it('asks the API for whole months', () => {
    const f = filtersFrom(new URLSearchParams('tu=2024-02&den=2024-02'), '2025-08-15')
    expect(inboxQueryOf(f)).toMatchObject({ from: '2024-02-01', to: '2024-02-29', q: undefined, limit: 50, offset: 0 })
    expect(monthLabel('2025-08')).toBe('Tháng 8/2025')
  })

  it('offers the next steps of a case and words its deadline', () => {
    expect(actionsOf('received')).toEqual(['start', 'answer'])
    expect(actionsOf('in_progress')).toEqual(['answer'])
    expect(actionsOf('answered')).toEqual(['close'])
    expect(actionsOf('closed')).toEqual([])
    expect(deadlineText({ dueOn: '2025-08-29', answeredOn: null, isOverdue: false }, '2025-08-15')).toBe('Hạn 29/08/2025')
    expect(deadlineText({ dueOn: '2025-08-29', answeredOn: null, isOverdue: true }, '2025-09-01')).toBe('Quá hạn 3 ngày (hạn 29/08/2025)')
    expect(deadlineText({ dueOn: '2025-08-29', answeredOn: '2025-08-20', isOverdue: false }, '2025-09-01')).toBe(
      'Trả lời đúng hạn (hạn 29/08/2025)',
    )
  })
})
