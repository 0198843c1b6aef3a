/**
 * Answer deadlines of feedback cases. A rule is a number of days after the day a case is received, counted
 * either as calendar days or as working days (Monday to Friday, minus the public holidays listed).
 */
export type DeadlineRule = { days: number; isWorkingDays: boolean; holidays: readonly string[] }

const dayMs = 86_400_000
const toDay = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`)
const toIso = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** Whether a YYYY-MM-DD date is a working day under the rule's holidays. */
export function isWorkingDay(isoDate: string, holidays: readonly string[]): boolean {
  const weekday = new Date(toDay(isoDate)).getUTCDay()
  return weekday !== 0 && weekday !== 6 && !holidays.includes(isoDate)
}

/**
 * The last day to answer a case received on `receivedOn`: `days` days later, skipping weekends and holidays
 * when the rule counts working days (received on a Friday with 1 working day: due the next Monday).
 */
export function dueDateOf(receivedOn: string, rule: DeadlineRule): string {
  let at = toDay(receivedOn)
  if (!rule.isWorkingDays) return toIso(at + rule.days * dayMs)
  let left = rule.days
  while (left > 0) {
    at += dayMs
    if (isWorkingDay(toIso(at), rule.holidays)) left -= 1
  }
  return toIso(at)
}

/** Whole days from one date to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round((toDay(to) - toDay(from)) / dayMs)
