import type { CurrentUser } from '../../shared/auth-contract'
import { pooledFieldSets } from '../../shared/pooled-fields'
import type { DashboardAnswer, Grouping } from '../../shared/stats-contract'
import type { DashboardQuery } from '../../shared/stats-query'
import type { Deps } from '../deps'
import { analyticsReader, findFieldLabels, selectionOf, statsOf } from '../stats/service'
import { listTargets } from '../targets/service'

/**
 * GET /api/v1/stats/dashboard: every figure the dashboard shows of one selection, in one request. The session,
 * the compaction, the scope, the questionnaire and the targets are resolved once, where the dashboard's eight
 * requests to /api/v1/stats resolved each of them eight times (each a statement PostgreSQL plans afresh, which
 * cost more than reading the rollups). Each part is the answer /api/v1/stats gives for it, by the same code.
 */
export async function getDashboard(primaryDeps: Deps, user: CurrentUser, query: DashboardQuery): Promise<DashboardAnswer> {
  const { deps, freshness } = await analyticsReader(primaryDeps)
  const planned: Grouping[] = ['none', 'month', 'field', 'unit', 'counter', 'question']
  const [selection, targets] = await Promise.all([selectionOf(deps, freshness, user, query, null, planned), listTargets(deps, user, {})])
  const { range, survey } = selection
  const pooled = pooledFieldSets(targets, survey.metric, range.from, range.to)
  const labels = pooled.length === 0 ? [] : await findFieldLabels(deps, [...new Set(pooled.flat())])
  const [overall, months, fields, units, counters, items, ...cards] = await Promise.all([
    statsOf(selection, 'none', null),
    statsOf(selection, 'month', null),
    statsOf(selection, 'field', null),
    statsOf(selection, 'unit', null),
    statsOf(selection, 'counter', null),
    statsOf(selection, 'question', null),
    ...pooled.map((ids) =>
      statsOf(
        selection,
        'none',
        labels.filter((field) => ids.includes(field.id)),
      ),
    ),
  ])
  return {
    overall: overall!,
    months: months!.groups,
    fields: fields!.groups,
    units: units!.groups,
    counters: counters!.groups,
    items: items!.groups,
    fieldCards: cards.map((card, i) => ({
      fields: labels.filter((field) => pooled[i]!.includes(field.id)).map(({ id, code, name }) => ({ id, code, name })),
      group: card.overall,
    })),
  }
}
