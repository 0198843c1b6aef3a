import { isWithinOpeningHours, type OpeningHours } from '../../shared/opening-hours'

/**
 * Why a rating was flagged. All but `outside_hours` set it apart from the statistics at once (a supervising
 * level may restore it): citizens rate after leaving the office, so the hour is shown, never held against it.
 * `burst` and `busy_day` are decided by the writer's statement, against what the counter already holds.
 */
export type FlagReason = 'honeypot' | 'no_form' | 'too_fast' | 'repeat_device' | 'burst' | 'busy_day' | 'outside_hours'

/** Shown with the rating, but alone does not set it apart. */
export const noticeOnlyReasons: readonly string[] = ['outside_hours']

/** Whether these reasons set a rating apart. */
export const isSetApartBy = (reasons: readonly string[]) => reasons.some((r) => !noticeOnlyReasons.includes(r))

/** Below this, nobody has read the question: a script, or an accidental double post. */
export const minimumFillMs = 1000

type Signals = {
  honeypot: string | undefined
  /** The verified render time of this rating's own form, undefined when it came from no rendered form. */
  renderedAt: Date | undefined
  submittedAt: Date
  isRepeatDevice: boolean
  openingHours: OpeningHours | undefined
  timeZone: string
}

/** The reasons to flag one rating, from the signals of its own request; the same for every channel. */
export function flagReasonsOf(s: Signals): FlagReason[] {
  const reasons: FlagReason[] = []
  if (s.honeypot) reasons.push('honeypot')
  if (!s.renderedAt) reasons.push('no_form')
  else if (s.submittedAt.getTime() - s.renderedAt.getTime() < minimumFillMs) reasons.push('too_fast')
  if (s.isRepeatDevice) reasons.push('repeat_device')
  if (s.openingHours && !isWithinOpeningHours(s.openingHours, s.submittedAt, s.timeZone)) reasons.push('outside_hours')
  return reasons
}

/**
 * A kiosk's reasons. One tablet serves citizen after citizen, so neither the form token nor the per-device
 * interval can apply; the kiosk's own rating interval (a paired, authenticated device) stands in for both.
 */
export function kioskFlagReasonsOf(s: Pick<Signals, 'submittedAt' | 'openingHours' | 'timeZone'> & { isWithinInterval: boolean }) {
  const reasons: FlagReason[] = []
  if (s.isWithinInterval) reasons.push('too_fast')
  if (s.openingHours && !isWithinOpeningHours(s.openingHours, s.submittedAt, s.timeZone)) reasons.push('outside_hours')
  return reasons
}
