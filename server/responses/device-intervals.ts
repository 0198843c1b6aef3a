import { createHash } from 'node:crypto'
import { BoundedMap } from '../bounded-map'

/** The first-party cookie holding a device's random token. */
export const deviceCookie = 'sipas_device'

export type DeviceVisit = {
  /** The same device rated the same counter within the interval. */
  isRepeat: boolean
  /** That earlier rating's id, when it was stored and not yet set apart as a repeat. */
  previousId: string | undefined
  /** Remembers the id of the rating this visit stored, so a repeat within the interval can set it apart too. */
  remember: (id: string) => void
}

/**
 * Remembers, in memory only, when a device last rated a counter and which rating it gave: the device token
 * is a random first-party cookie, kept here hashed, never written anywhere, and forgotten after the interval.
 * Per process, which is enough for a flag that a second process would at worst miss.
 */
export function createDeviceIntervals(intervalMs: number, maxDevices = 100_000) {
  // Bounded: a flood of fresh cookies forgets the oldest devices, which at worst misses a flag.
  const lastSeen = new BoundedMap<string, { at: number; id: string | undefined }>(maxDevices)
  let lastSweepMs = 0
  const none: DeviceVisit = { isRepeat: false, previousId: undefined, remember: () => {} }
  return {
    /** Records the visit and says whether it repeats one of the same device at the same counter. */
    visit(deviceToken: string | undefined, counterId: number, now: Date): DeviceVisit {
      if (!deviceToken || intervalMs === 0) return none
      const nowMs = now.getTime()
      if (nowMs - lastSweepMs > intervalMs) {
        // Oldest first, as every write moves its key to the end: stop at the first one still within the interval.
        for (const [key, seen] of lastSeen) {
          if (nowMs - seen.at <= intervalMs) break
          lastSeen.delete(key)
        }
        lastSweepMs = nowMs
      }
      const key = createHash('sha256').update(`${deviceToken}:${counterId}`).digest('base64url')
      const previous = lastSeen.get(key)
      const entry: { at: number; id: string | undefined } = { at: nowMs, id: undefined }
      lastSeen.set(key, entry)
      const isRepeat = previous !== undefined && nowMs - previous.at < intervalMs
      return {
        isRepeat,
        previousId: isRepeat ? previous.id : undefined,
        remember: (id) => {
          // A repeat's own id is not kept: the series is set apart already, each rating as it comes.
          if (!isRepeat) entry.id = id
        },
      }
    },
    /** How many devices are remembered (for tests). */
    get size() {
      return lastSeen.size
    },
  }
}

export type DeviceIntervals = ReturnType<typeof createDeviceIntervals>

declare module '../deps' {
  interface Deps {
    devices: DeviceIntervals
  }
}
