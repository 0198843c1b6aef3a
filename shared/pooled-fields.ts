import type { Target } from './admin-contract'

/**
 * The field sets targets pool for this metric over the period shown, one per distinct set: each gets a card
 * of its own beside the whole.
 */
export function pooledFieldSets(
  targets: Pick<Target, 'metric' | 'fieldIds' | 'periodStart' | 'periodEnd'>[],
  metric: string,
  from: string,
  to: string,
) {
  const sets = new Map<string, number[]>()
  for (const t of targets) {
    if (t.metric === metric && t.fieldIds.length > 0 && t.periodStart <= to && t.periodEnd >= from)
      sets.set([...t.fieldIds].sort().join(','), t.fieldIds)
  }
  return [...sets.values()]
}
