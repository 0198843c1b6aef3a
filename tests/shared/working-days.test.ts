import { describe, expect, it } from 'vitest'
import { daysBetween, dueDateOf, isWorkingDay } from '../../shared/working-days'

const working = (days: number, holidays: string[] = []) => ({ days, isWorkingDays: true, holidays })

describe('answer deadlines', () => {
  it('counts working days, skipping weekends', () => {
    // Friday 15/08/2025 + 1 working day: Monday 18/08.
    expect(dueDateOf('2025-08-15', working(1))).toBe('2025-08-18')
    expect(dueDateOf('2025-08-15', working(10))).toBe('2025-08-29')
    // Received on a Saturday: the first working day after it counts as the first.
    expect(dueDateOf('2025-08-16', working(1))).toBe('2025-08-18')
  })

  it('skips the holidays listed (2/9 national day and the bridge day 1/9 in 2025)', () => {
    expect(dueDateOf('2025-08-29', working(1, ['2025-09-01', '2025-09-02']))).toBe('2025-09-03')
    expect(dueDateOf('2025-08-28', working(3, ['2025-09-01', '2025-09-02']))).toBe('2025-09-04')
  })

  it('counts calendar days when asked, across months and a leap day', () => {
    expect(dueDateOf('2024-02-25', { days: 5, isWorkingDays: false, holidays: [] })).toBe('2024-03-01')
    expect(dueDateOf('2025-12-30', { days: 3, isWorkingDays: false, holidays: ['2026-01-01'] })).toBe('2026-01-02')
  })

  it('tells working days and counts days between dates', () => {
    expect(isWorkingDay('2025-08-15', [])).toBe(true)
    expect(isWorkingDay('2025-08-16', [])).toBe(false)
    expect(isWorkingDay('2025-09-02', ['2025-09-02'])).toBe(false)
    expect(daysBetween('2025-08-15', '2025-08-29')).toBe(14)
    expect(daysBetween('2025-08-29', '2025-08-15')).toBe(-14)
  })
})
