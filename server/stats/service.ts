import type { CurrentUser } from '../../shared/auth-contract'
import type { Target } from '../../shared/scoring'
import type { Grouping, StatsAnswer } from '../../shared/stats-contract'
import type { StatsQuery } from '../../shared/stats-query'
import { SurveyDefinition } from '../../shared/survey-definition'
import type { Deps } from '../deps'
import { compactRollups } from '../responses/service'
import { AppError } from '../errors'
import { type Freshness, readerAfterWrites } from '../db'
import { applicableTargets, buildGroup, buildQuestionGroups, dossierFiguresOf, type GroupOut, type TargetScope } from './groups'
import {
  findBusiestSurveyId,
  findCounterLabels,
  findFieldsByCodes,
  findFieldsByIds,
  findProcedureLabels,
  findStatsSurvey,
  findTargets,
  findUnitLabels,
  sumDossierCounts,
  sumRollups,
  type CountRow,
  type DossierSumRow,
  type FieldLabel,
  type RollupFilter,
  type TargetRow,
} from './queries'
import { type ReadScope, resolveReadScope } from './scope'

export type { GroupOut } from './groups'
// For per-official results, scored from the counts of the ratings naming an official by the same rules.
export { buildGroup } from './groups'
export type { CountRow } from './queries'

/** Code and name of catalogue fields by id, for labelling a field-group target. */
export const findFieldLabels = (deps: Pick<Deps, 'sql'>, fieldIds: number[]) => findFieldsByIds(deps.sql, fieldIds)

/** The answer of GET /api/v1/stats, as shared/stats-contract.ts defines it for the server, the admin app and tests. */
export type StatsResult = StatsAnswer

const weekdayNames = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật']
const compareVi = (a: string, b: string) => a.localeCompare(b, 'vi')

/** A group before scoring: its key in SQL, its key and label in the answer, the targets it is held to. */
type GroupSpec = { sqlKey: string; key: string; label: string; sortKey: string; targetScope: TargetScope | null }

/**
 * GET /api/v1/stats: rates from rollups only (never raw responses), in the user's scope, per docs/domain.md §4
 * through shared/scoring.ts, small cells withheld, targets evaluated, dossier figures beside unit and
 * counter groups when imported.
 */
export async function getStats(primaryDeps: Deps, user: CurrentUser, query: StatsQuery): Promise<StatsResult> {
  const { deps, freshness } = await analyticsReader(primaryDeps)
  const fields = query.fields ? await requireFieldCodes(deps, query.fields) : null
  const selection = await selectionOf(deps, freshness, user, query, fields)
  return statsOf(selection, query.groupBy, fields)
}

/**
 * What every answer over one selection shares, resolved once: the pool and how complete it is, the period, the
 * scope the user may read, the questionnaire and its definition. A dashboard answers several groupings of one
 * selection from it (server/dashboard).
 */
export type Selection = {
  deps: Deps
  freshness: Freshness
  range: StatsQuery['range']
  verified: StatsQuery['verified']
  read: ReadScope
  survey: Awaited<ReturnType<typeof requireSurvey>>
  definition: SurveyDefinition
  /**
   * What several groupings of the selection read alike, read once: the counts of no grouping serve the items
   * too, and the dossier sums, the overall label and the targets of the same units are the same for most.
   */
  shared: Map<string, Promise<unknown>>
  /**
   * The groupings that will be asked of the selection. With the groups by unit among them, the whole selection is
   * summed from those (every grouping partitions the rows); with the groups by field, a pooled set of fields from
   * those. Alone, each is read by its own statement: summing 200 units' groups costs more than reading one.
   */
  planned: Set<Grouping>
}

/** `make`'s answer, made once per selection under `key`. */
function once<T>(selection: Selection, key: string, make: () => Promise<T>): Promise<T> {
  let made = selection.shared.get(key) as Promise<T> | undefined
  if (!made) {
    made = make()
    selection.shared.set(key, made)
  }
  return made
}

/** The selection of a stats query, on deps from `analyticsReader`; `fields` only choose the busiest survey. */
export async function selectionOf(
  deps: Deps,
  freshness: Freshness,
  user: CurrentUser,
  query: Pick<StatsQuery, 'range' | 'verified' | 'surveyId' | 'unitId' | 'counterId'>,
  fields: FieldLabel[] | null = null,
  planned: Grouping[] = [],
): Promise<Selection> {
  // A named questionnaire is looked up beside the scope, one round trip fewer; a unit out of scope still answers
  // its own 404 first.
  const named = query.surveyId === undefined ? undefined : findScoringSurvey(deps, query.surveyId)
  named?.catch(() => {})
  const read = await resolveReadScope(deps, user, query, query.range)
  const survey = named
    ? await named
    : await requireSurvey(deps, undefined, {
        scope: read.scope,
        units: read.units,
        counterId: read.counterId,
        fieldIds: fields?.map((f) => f.id) ?? null,
        isVerifiedOnly: query.verified === 'only',
      })
  return {
    deps,
    freshness,
    range: query.range,
    verified: query.verified,
    read,
    survey,
    definition: SurveyDefinition.parse(survey.definition),
    shared: new Map(),
    planned: new Set(planned),
  }
}

/** One grouping of a selection, restricted to `fields` (pooled) when given. */
export async function statsOf(selection: Selection, groupBy: Grouping, fields: FieldLabel[] | null): Promise<StatsResult> {
  const { deps, freshness, range, read, survey, definition } = selection
  const filter: RollupFilter = {
    scope: read.scope,
    units: read.units,
    counterId: read.counterId,
    fieldIds: fields?.map((f) => f.id) ?? null,
    isVerifiedOnly: selection.verified === 'only',
  }

  // Dossiers carry no field: their figures would not match a field selection, so none are given then. Their total is
  // the sum of the groups (summed below): by unit when those are read anyway.
  const byUnit = selection.planned.has('unit')
  const dossierGrouping = groupBy === 'unit' || groupBy === 'counter' ? groupBy : byUnit ? 'unit' : 'none'
  const fieldKey = filter.fieldIds?.join(',') ?? 'all'
  // The items are the question-by-question counts of no grouping: the same sums.
  const sumGrouping = groupBy === 'question' ? 'none' : groupBy
  const sumsOf = (grouping: Grouping, fieldIds: number[] | null) =>
    once(selection, `sums|${grouping}|${fieldIds?.join(',') ?? 'all'}`, () =>
      sumRollups(deps.sql, { ...filter, fieldIds, surveyId: survey.id, grouping }),
    )
  // Read beside the sums, as neither depends on them: the overall label, and the targets of the focus, with those
  // of each branch when units or counters are grouped (a branch is a unit grouped by; most counters belong to one).
  const overallLabelRead = once(selection, `label|${fieldKey}`, () => overallLabelOf(deps, read, fields, range.to))
  const withBranches = byUnit || groupBy === 'unit' || groupBy === 'counter'
  const earlyUnits = [
    ...new Set([...(read.unitId === null ? [] : [read.unitId]), ...(withBranches ? read.units.map((u) => u.branchId) : [])]),
  ]
  earlyUnits.sort((a, b) => a - b)
  const targetRowsOf = (unitIds: number[]) =>
    once(selection, `targets|${unitIds.join(',')}`, () => loadTargets(deps, survey.metric, unitIds, range))
  const earlyTargets = targetRowsOf(earlyUnits)
  earlyTargets.catch(() => {})
  overallLabelRead.catch(() => {})
  const [rows, dossierRows] = await Promise.all([
    // Every grouping partitions the rows, so the whole selection is the sum of the groups by unit, and a set of
    // fields pooled the sum of those fields' groups: read once with the groupings planned anyway (Selection.planned).
    sumGrouping === 'none' && filter.fieldIds === null && byUnit
      ? sumsOf('unit', null).then((groups) => pooledRows(groups, null))
      : sumGrouping === 'none' && filter.fieldIds !== null && selection.planned.has('field')
        ? sumsOf('field', null).then((groups) => pooledRows(groups, filter.fieldIds))
        : sumsOf(sumGrouping, filter.fieldIds),
    fields === null
      ? once(selection, `dossiers|${dossierGrouping}`, () =>
          sumDossierCounts(deps.sql, { scope: read.scope, units: read.units, counterId: read.counterId, grouping: dossierGrouping }),
        )
      : [],
  ])
  const rowsByGroup = listsBy(rows, (row) => row.groupKey)
  const sqlKeys = [...rowsByGroup.keys()]

  const requested = fields?.map((f) => f.id) ?? []
  const overallTargetScope = read.unitId === null ? null : { unitId: read.unitId, fieldIds: requested, ...range }
  const [specs, overallLabel] = await Promise.all([
    groupSpecsOf(deps, groupBy, sqlKeys, { requested, unitId: read.unitId, range }),
    overallLabelRead,
  ])
  const targetScopes = [overallTargetScope, ...specs.map((s) => s.targetScope)]
  const targetUnits = [...new Set(targetScopes.filter((t) => t !== null).map((t) => t.unitId))].sort((a, b) => a - b)
  // Rows of more units than asked for change nothing: they are looked up by unit below.
  const targetRows = await (targetUnits.every((unitId) => earlyUnits.includes(unitId)) ? earlyTargets : targetRowsOf(targetUnits))
  // Looked up per group (hundreds of counters for a province): by unit first, not by a pass over every row.
  const rowsByUnit = listsBy(targetRows, (row) => row.forUnitId)
  const targetsOf = (scope: TargetScope | null): Target[] =>
    scope === null ? [] : applicableTargets(rowsByUnit.get(scope.unitId) ?? [], scope)
  const dossierSums = new Map(dossierRows.map((row) => [row.groupKey, row]))
  const dossierTotal = sumDossiers(dossierRows)

  const withDossiers = (group: GroupOut, sums: DossierSumRow | undefined): GroupOut => {
    const figures = dossierFiguresOf(group.responses, sums)
    return figures ? { ...group, ...figures } : group
  }
  // Every grouping partitions the rows: the whole selection is all of them.
  const overall = withDossiers(
    buildGroup(definition, { key: 'overall', label: overallLabel }, rows, targetsOf(overallTargetScope)),
    dossierTotal,
  )
  const groups =
    groupBy === 'question'
      ? buildQuestionGroups(definition, rows)
      : groupBy === 'none'
        ? []
        : specs.map((spec) => {
            const group = buildGroup(definition, spec, rowsByGroup.get(spec.sqlKey) ?? [], targetsOf(spec.targetScope))
            return groupBy === 'unit' || groupBy === 'counter' ? withDossiers(group, dossierSums.get(spec.sqlKey)) : group
          })
  return {
    from: range.from,
    to: range.to,
    label: range.label,
    survey: { id: survey.id, code: survey.code, title: survey.title, metric: survey.metric },
    groupBy,
    verified: selection.verified,
    overall,
    groups,
    freshness,
  }
}

/**
 * Moves the counts the writer has appended since its last compaction into the rollups (on the primary), then
 * hands back deps whose `sql` is the pool analytics read from (`readSql`, a replica when configured), with
 * how complete that pool is: what stats and exports read next includes every rating stored before the
 * request, or says up to when it does.
 */
export async function analyticsReader(deps: Deps): Promise<{ deps: Deps; freshness: Freshness }> {
  await compactRollups(deps.sql)
  const { sql, freshness } = await readerAfterWrites(deps.sql, deps.readSql, deps.clock())
  return { deps: { ...deps, sql }, freshness }
}

/** `items` in lists by key, in their order; items whose key is null are left out. */
function listsBy<T, K>(items: T[], keyOf: (item: T) => K | null): Map<K, T[]> {
  const lists = new Map<K, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    if (key === null) continue
    const list = lists.get(key)
    if (list) list.push(item)
    else lists.set(key, [item])
  }
  return lists
}

/** The rows of the groups of `groupKeys` (all of them: null), summed into one group (key null). */
function pooledRows(grouped: CountRow[], groupKeys: number[] | null): CountRow[] {
  const keys = groupKeys && new Set(groupKeys.map(String))
  const pooled = new Map<string, CountRow>()
  for (const row of grouped) {
    if (row.groupKey === null || (keys !== null && !keys.has(row.groupKey))) continue
    const key = `${row.isExcluded}|${row.questionKey}|${row.value}`
    const found = pooled.get(key)
    if (found) found.n += row.n
    else pooled.set(key, { ...row, groupKey: null })
  }
  return [...pooled.values()]
}

function sumDossiers(rows: DossierSumRow[]): DossierSumRow | undefined {
  if (rows.length === 0) return undefined
  const sum = (pick: (row: DossierSumRow) => number) => rows.reduce((total, row) => total + pick(row), 0)
  return { groupKey: null, received: sum((r) => r.received), returned: sum((r) => r.returned), overdue: sum((r) => r.overdue) }
}

/** The catalogue fields of `codes`; an unknown code answers 400 naming it. */
async function requireFieldCodes(deps: Pick<Deps, 'sql'>, codes: string[]) {
  const found = await findFieldsByCodes(deps.sql, codes)
  const unknown = codes.filter((code) => !found.some((f) => f.code === code))
  if (unknown.length > 0) {
    throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', [
      { path: ['fields'], message: `Không có lĩnh vực mã: ${unknown.join(', ')}.` },
    ])
  }
  return found
}

/** The survey asked for, or the one with the most responses in the selection (read after `analyticsReader`). */
export async function requireSurvey(deps: Pick<Deps, 'sql'>, surveyId: number | undefined, filter: RollupFilter) {
  const id = surveyId ?? (await findBusiestSurveyId(deps.sql, filter))
  if (id === undefined) {
    throw new AppError('not_found', 'Chưa có phiếu nào trong phạm vi và khoảng thời gian đã chọn; hãy chọn một khảo sát (surveyId).')
  }
  const survey = await findStatsSurvey(deps.sql, id)
  if (!survey) throw new AppError('not_found', 'Không tìm thấy khảo sát.')
  return survey
}

/** A questionnaire with its latest definition and its metric, as the dashboard scores it (404 when unknown). */
export async function findScoringSurvey(deps: Pick<Deps, 'sql'>, surveyId: number) {
  const survey = await findStatsSurvey(deps.sql, surveyId)
  if (!survey) throw new AppError('not_found', 'Không tìm thấy khảo sát.')
  return survey
}

async function loadTargets(deps: Deps, metric: string, unitIds: number[], range: { from: string; to: string }) {
  return unitIds.length === 0 ? ([] as TargetRow[]) : findTargets(deps.sql, { metric, unitIds, ...range })
}

async function overallLabelOf(
  deps: Deps,
  read: { unitId: number | null; counterId: number | null },
  fields: FieldLabel[] | null,
  onDate: string,
) {
  let label = 'Tất cả đơn vị'
  if (read.counterId !== null) {
    const [counter] = await findCounterLabels(deps.sql, [read.counterId])
    if (counter) label = counterLabel(counter)
  } else if (read.unitId !== null) {
    const [unit] = await findUnitLabels(deps.sql, [read.unitId], onDate)
    if (unit) label = unit.name
  }
  return fields ? `${label} · Lĩnh vực ${fields.map((f) => f.name).join(' + ')}` : label
}

const counterLabel = (c: { name: string; servicePointName: string }) => `${c.name} – ${c.servicePointName}`

type SpecContext = { requested: number[]; unitId: number | null; range: { from: string; to: string } }

/** Keys, Vietnamese labels, order and target scope of the groups the SQL found. */
async function groupSpecsOf(deps: Deps, groupBy: Grouping, sqlKeys: string[], ctx: SpecContext): Promise<GroupSpec[]> {
  const { requested, unitId, range } = ctx
  const sameTargets = unitId === null ? null : { unitId, fieldIds: requested, ...range }
  const byLabel = (specs: GroupSpec[]) => specs.sort((a, b) => compareVi(a.sortKey, b.sortKey))
  switch (groupBy) {
    case 'none':
    case 'question':
      return []
    case 'unit': {
      const units = await findUnitLabels(deps.sql, sqlKeys.map(Number), range.to)
      return byLabel(
        units.map((u) => ({
          sqlKey: String(u.id),
          key: String(u.id),
          label: u.name,
          sortKey: u.name,
          targetScope: { unitId: u.id, fieldIds: requested, ...range },
        })),
      )
    }
    case 'counter': {
      const counters = await findCounterLabels(deps.sql, sqlKeys.map(Number))
      return byLabel(
        counters.map((c) => ({
          sqlKey: String(c.id),
          key: String(c.id),
          label: counterLabel(c),
          sortKey: counterLabel(c),
          targetScope: { unitId: c.unitId, fieldIds: requested, ...range },
        })),
      )
    }
    case 'field': {
      const fields = new Map((await findFieldsByIds(deps.sql, sqlKeys.map(Number))).map((f) => [String(f.id), f]))
      return byLabel(
        sqlKeys.map((sqlKey) => {
          const field = fields.get(sqlKey)
          if (!field) return { sqlKey, key: '', label: 'Không chọn lĩnh vực', sortKey: '\uffff', targetScope: null }
          const targetScope = unitId === null ? null : { unitId, fieldIds: [field.id], ...range }
          return { sqlKey, key: field.code, label: field.name, sortKey: field.name, targetScope }
        }),
      )
    }
    case 'procedure': {
      const procedures = new Map(
        (
          await findProcedureLabels(
            deps.sql,
            sqlKeys.filter((k) => k !== ''),
          )
        ).map((p) => [p.baseCode, p]),
      )
      return sqlKeys
        .map((sqlKey) => {
          if (sqlKey === '') return { sqlKey, key: '', label: 'Không chọn thủ tục', sortKey: '\uffff', targetScope: null }
          const procedure = procedures.get(sqlKey)
          const targetScope = unitId === null ? null : { unitId, fieldIds: procedure ? [procedure.fieldId] : requested, ...range }
          return { sqlKey, key: sqlKey, label: procedure ? `${sqlKey} – ${procedure.name}` : sqlKey, sortKey: sqlKey, targetScope }
        })
        .sort((a, b) => (a.sortKey < b.sortKey ? -1 : 1))
    }
    case 'month':
      return sqlKeys.sort().map((sqlKey) => {
        const [year, month] = [sqlKey.slice(0, 4), sqlKey.slice(4, 6)]
        const first = `${year}-${month}-01`
        const last = new Date(Date.UTC(Number(year), Number(month), 0)).toISOString().slice(0, 10)
        const days = { from: first > range.from ? first : range.from, to: last < range.to ? last : range.to }
        return {
          sqlKey,
          key: `${year}-${month}`,
          label: `Tháng ${Number(month)}/${year}`,
          sortKey: sqlKey,
          targetScope: sameTargets && { ...sameTargets, ...days },
        }
      })
    case 'hour-weekday':
      return sqlKeys
        .map(Number)
        .sort((a, b) => a - b)
        .map((code) => {
          const [weekday, hour] = [Math.floor(code / 100), String(code % 100).padStart(2, '0')]
          return {
            sqlKey: String(code),
            key: `${weekday}-${hour}`,
            label: `${weekdayNames[weekday - 1]} ${hour}:00`,
            sortKey: String(code),
            targetScope: null,
          }
        })
  }
}
