import { createHash } from 'node:crypto'
import { BoundedMap } from '../bounded-map'

/** The first-party cookie holding a device's random token. */
export const deviceCookie = 'sipas_device'

/**
 * Remembers, in memory only, when a device last rated a counter: the device token is a random first-party
 * cookie, kept here hashed and never stored with answers (docs/domain.md §9). Per process, which is enough for a
 * flag that a second process would at worst miss.
 */
export function createDeviceIntervals(intervalMs: number, maxDevices = 100_000) {
  // Bounded: a flood of fresh cookies forgets the oldest devices, which at worst misses a flag.
  const lastSeen = new BoundedMap<string, number>(maxDevices)
  let lastSweepMs = 0
  return {
    /** Records the rating and says whether the same device rated the same counter within the interval. */
    isRepeat(deviceToken: string | undefined, counterId: number, now: Date): boolean {
      if (!deviceToken || intervalMs === 0) return false
      const nowMs = now.getTime()
      if (nowMs - lastSweepMs > intervalMs) {
        // Oldest first, as every write moves its key to the end: stop at the first one still within the interval.
        for (const [key, at] of lastSeen) {
          if (nowMs - at <= intervalMs) break
          lastSeen.delete(key)
        }
        lastSweepMs = nowMs
      }
      const key = createHash('sha256').update(`${deviceToken}:${counterId}`).digest('base64url')
      const previous = lastSeen.get(key)
      lastSeen.set(key, nowMs)
      return previous !== undefined && nowMs - previous < intervalMs
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
