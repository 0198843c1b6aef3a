import { isWithinOpeningHours, type OpeningHours } from '../../shared/opening-hours'

export type FlagReason = 'honeypot' | 'too_fast' | 'repeat_device' | 'burst' | 'outside_hours'

/** Below this, nobody has read the question: a script, or an accidental double post. */
export const minimumFillMs = 1000

type Signals = {
  honeypot: string | undefined
  renderedAt: Date | undefined
  submittedAt: Date
  isRepeatDevice: boolean
  openingHours: OpeningHours | undefined
  timeZone: string
}

/** The reasons to flag one rating, from the signals of its own request (docs/domain.md §8). */
export function flagReasonsOf(s: Signals): FlagReason[] {
  const reasons: FlagReason[] = []
  if (s.honeypot) reasons.push('honeypot')
  if (s.renderedAt && s.submittedAt.getTime() - s.renderedAt.getTime() < minimumFillMs) reasons.push('too_fast')
  if (s.isRepeatDevice) reasons.push('repeat_device')
  if (s.openingHours && !isWithinOpeningHours(s.openingHours, s.submittedAt, s.timeZone)) reasons.push('outside_hours')
  return reasons
}
