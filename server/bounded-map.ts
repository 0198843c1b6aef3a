/**
 * A Map that holds at most `maxEntries`, forgetting the least recently written or read entry first. For every
 * in-memory map keyed by what clients send (addresses, device cookies): a flood of fresh keys then costs a
 * bounded amount of memory instead of all of it.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>()

  constructor(readonly maxEntries: number) {
    if (!(maxEntries >= 1)) throw new Error('a bounded map needs room for at least one entry')
  }

  get size() {
    return this.entries.size
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key)
    if (value !== undefined) {
      this.entries.delete(key)
      this.entries.set(key, value)
    }
    return value
  }

  set(key: K, value: V): this {
    this.entries.delete(key)
    this.entries.set(key, value)
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as K)
    return this
  }

  delete(key: K) {
    return this.entries.delete(key)
  }

  clear() {
    this.entries.clear()
  }

  /** Oldest first. */
  [Symbol.iterator]() {
    return this.entries[Symbol.iterator]()
  }
}
