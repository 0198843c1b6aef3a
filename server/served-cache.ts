import type { Db } from './db'

/**
 * What a QR code serves, kept for a few seconds: every rating needs it, and a counter's survey changes
 * rarely. A change clears it through `servedSurveysChanged`; `ttlMs` bounds how stale it can be if a
notification is lost.
 */
export function createServedCache<T>(ttlMs: number, maxEntries = 20_000) {
  const entries = new Map<string, { atMs: number; value: T | undefined }>()
  return {
    /** The fresh entry for a key, without loading: `undefined` when there is none. */
    peek(key: string, nowMs: number): { value: T | undefined } | undefined {
      const hit = entries.get(key)
      return hit && nowMs - hit.atMs < ttlMs ? hit : undefined
    },
    /**
     * The fresh entry, else what `load` finds. When loading fails (PostgreSQL down or unreachable) an older
     * entry for the key is served however old: the survey page still renders during an outage, and the
     * ratings made on it wait in the citizen's browser until the server takes them again.
     */
    async get(key: string, nowMs: number, load: () => Promise<T | undefined>): Promise<T | undefined> {
      const hit = entries.get(key)
      if (hit && nowMs - hit.atMs < ttlMs) return hit.value
      let value: T | undefined
      try {
        value = await load()
      } catch (error) {
        if (hit) return hit.value
        throw error
      }
      if (entries.size >= maxEntries) entries.clear()
      entries.set(key, { atMs: nowMs, value })
      return value
    },
    clear: () => entries.clear(),
  }
}

export type ServedCache<T> = ReturnType<typeof createServedCache<T>>

const changedChannel = 'served_surveys_changed'

/**
 * The one call after a committed change to anything a QR code serves: its counter (code, name, activity,
 * fields), the service point or unit above it, the catalogue of fields and procedures, or the survey version
 * assigned to it. This process forgets every served survey at once; every process that listens (see
 * `listenForServedChanges`) forgets them when PostgreSQL delivers the notification, at most a TTL later.
 */
export async function servedSurveysChanged(deps: { sql: Db; servedSurveys: { clear: () => void } }) {
  deps.servedSurveys.clear()
  await deps.sql.notify(changedChannel, '')
}

/** Clears `cache` whenever any process on this database reports a change (one connection, kept open). */
export function listenForServedChanges(sql: Db, cache: { clear: () => void }) {
  return sql.listen(changedChannel, () => cache.clear())
}
