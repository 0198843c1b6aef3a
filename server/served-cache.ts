/**
 * What a QR code serves, kept for a few seconds: every rating needs it, and a counter's survey changes
 * rarely. A change made through this process clears it at once; other processes see it within `ttlMs`.
 */
export function createServedCache<T>(ttlMs: number, maxEntries = 20_000) {
  const entries = new Map<string, { atMs: number; value: T | undefined }>()
  return {
    /** The fresh entry for a key, without loading: `undefined` when there is none. */
    peek(key: string, nowMs: number): { value: T | undefined } | undefined {
      const hit = entries.get(key)
      return hit && nowMs - hit.atMs < ttlMs ? hit : undefined
    },
    async get(key: string, nowMs: number, load: () => Promise<T | undefined>): Promise<T | undefined> {
      const hit = entries.get(key)
      if (hit && nowMs - hit.atMs < ttlMs) return hit.value
      const value = await load()
      if (entries.size >= maxEntries) entries.clear()
      entries.set(key, { atMs: nowMs, value })
      return value
    },
    clear: () => entries.clear(),
  }
}

export type ServedCache<T> = ReturnType<typeof createServedCache<T>>

/**
 * The one call after a committed change to anything a QR code serves: its counter (code, name, activity,
 * fields), the service point or unit above it, the catalogue of fields and procedures, or the survey version
 * assigned to it. This process forgets every served survey at once; other processes within the cache's TTL.
 */
export function servedSurveysChanged(deps: { servedSurveys: { clear: () => void } }) {
  deps.servedSurveys.clear()
}
