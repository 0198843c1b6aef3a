/** Calendar facts of an instant in a time zone (Vietnam time by default, docs/domain.md §7). */
export type LocalTime = { date: string; hour: number; weekday: number }

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string) {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

const lastMinute = new Map<string, { minuteMs: number; time: LocalTime & { minute: number } }>()

/**
 * date as YYYY-MM-DD, hour 0–23, weekday 0 (Sunday) – 6 (Saturday). The answer is the same for a whole
 * minute, so the last minute is remembered per time zone: every rating asks, and Intl is slow.
 */
export function localTimeOf(instant: Date, timeZone: string): LocalTime & { minute: number } {
  const minuteMs = Math.floor(instant.getTime() / 60_000) * 60_000
  const cached = lastMinute.get(timeZone)
  if (cached && cached.minuteMs === minuteMs) return cached.time
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  )
  const time = {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: weekdays.indexOf(parts.weekday ?? ''),
  }
  lastMinute.set(timeZone, { minuteMs, time })
  return time
}
