import { localTimeOf } from './local-time'

/** A service point's office hours in local time; weekdays are ISO numbers (1 = Monday … 7 = Sunday). */
export type OpeningHours = { weekdays: number[]; opens: string; closes: string }

// At module level: an inner arrow function would be re-made, and named, on every rating.
function toMinutes(hhmm: string) {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
}

export function isWithinOpeningHours(hours: OpeningHours, at: Date, timeZone: string): boolean {
  const local = localTimeOf(at, timeZone)
  const isoWeekday = local.weekday === 0 ? 7 : local.weekday
  const minutes = local.hour * 60 + local.minute
  return hours.weekdays.includes(isoWeekday) && minutes >= toMinutes(hours.opens) && minutes < toMinutes(hours.closes)
}
