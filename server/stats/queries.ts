import type postgres from 'postgres'
import type { Grouping } from '../../shared/stats-contract'
import type { Db } from '../db'
import { type ResolvedUnit, scopeTableOf, type UnitScope } from './scope-queries'

export async function findCounterUnitId(db: Db, counterId: number) {
  const [row] = await db<[{ unitId: number }?]>`
    select sp.unit_id
    from counters c
    join service_points sp on sp.id = c.service_point_id
    where c.id = ${counterId}
  `
  return row?.unitId
}

export type StatsSurvey = { id: number; code: string; title: string; metric: string; definition: unknown }

/** A survey with the definition of its latest published version (question keys are stable across versions). */
export async function findStatsSurvey(db: Db, surveyId: number) {
  const [row] = await db<[StatsSurvey?]>`
    select s.id, s.code, s.title, s.metric, v.definition
    from surveys s
    join lateral (
      select definition
      from survey_versions
      where survey_id = s.id
      order by version desc
      limit 1
    ) v on true
    where s.id = ${surveyId}
  `
  return row
}

export type RollupFilter = {
  /** The period (`from`, `to`) and the units read over it, resolved once per request (server/stats/scope.ts). */
  scope: UnitScope
  units: ResolvedUnit[]
  counterId: number | null
  fieldIds: number[] | null
  isVerifiedOnly: boolean
}

const filtersOf = (db: Db, f: RollupFilter) => db`
  ${f.counterId === null ? db`` : db`and r.counter_id = ${f.counterId}::int`}
  ${f.fieldIds === null ? db`` : db`and r.field_id = any(${f.fieldIds}::int[])`}
  ${f.isVerifiedOnly ? db`and r.is_verified` : db``}
`

/**
 * The survey with the most counted responses in scope in the years around the period (the dashboard's
 * default): read from the year grain, as a default needs no exact day boundaries.
 */
export async function findBusiestSurveyId(db: Db, f: RollupFilter) {
  const { byYearTable } = coarseGrainsOf(db, { ...f, grouping: 'none' })
  const [row] = await db<[{ surveyId: number }?]>`
    with ${scopeTableOf(db, f.units)}
    select r.survey_id
    from ${byYearTable} r
    join scope s on s.unit_id = r.unit_id and r.day < s.valid_to and (r.day + interval '1 year')::date > s.valid_from
    where r.day between date_trunc('year', ${f.scope.from}::date)::date and ${f.scope.to}::date
      and r.question_key = '*'
      and not r.is_excluded
      ${filtersOf(db, f)}
    group by r.survey_id
    order by sum(r.n) desc, r.survey_id
    limit 1
  `
  return row?.surveyId
}

/**
 * `groupKey` is null without a grouping, else the field, unit or counter id, the base procedure code, the
 * month as YYYYMM or weekday × 100 + hour; '*' rows count responses, excluded ones apart.
 */
export type CountRow = { groupKey: string | null; isExcluded: boolean; questionKey: string; value: number; n: number }

/**
 * Where each grouping reads and how its key is made: `inner` (k1, k2) is what rows are summed on, cheap
 * columns only; `outer` turns those into the text key once per summed row, not once per rollup row.
 */
function groupingOf(db: Db, grouping: Grouping) {
  const main = db`rollups`
  const plain = (column: postgres.Fragment) => ({
    table: main,
    hasMonths: true,
    inner: db`${column} as k1, null::int as k2`,
    outer: db`k1::text`,
  })
  switch (grouping) {
    case 'none':
    case 'question':
      return { table: main, hasMonths: true, inner: db`null::int as k1, null::int as k2`, outer: db`null::text` }
    case 'field':
      return plain(db`r.field_id`)
    case 'unit':
      return plain(db`s.branch_id`)
    case 'counter':
      return plain(db`r.counter_id`)
    case 'month':
      // Never from the year grain: a year's row carries only its first day, and its months would all be January.
      return { table: main, hasMonths: true, hasYears: false, inner: db`r.day as k1, null::int as k2`, outer: db`to_char(k1, 'YYYYMM')` }
    case 'procedure':
      return { table: db`rollups_by_procedure`, hasMonths: false, inner: db`r.procedure_code as k1, null::int as k2`, outer: db`k1` }
    case 'hour-weekday':
      return {
        table: db`rollups_by_hour`,
        hasMonths: false,
        inner: db`r.day as k1, r.hour as k2`,
        outer: db`(extract(isodow from k1)::int * 100 + k2)::text`,
      }
  }
}

/** A month split in splitByYear's shape, without whole years. */
const monthsOnly = ({ months, edges }: ReturnType<typeof splitByMonth>) => ({
  years: null,
  months: months ? [months] : [],
  edges,
})

/** The whole months of [from, to] as [first, end) and the edge days before and after them, as inclusive ranges. */
export function splitByMonth(from: string, to: string): { months: [string, string] | null; edges: [string, string][] } {
  const start = from.endsWith('-01') ? from : firstOfNext(from, 'month')
  const afterTo = addDays(to, 1)
  const end = afterTo.endsWith('-01') ? afterTo : `${to.slice(0, 8)}01`
  if (start >= end) return { months: null, edges: [[from, to]] }
  const edges: [string, string][] = []
  if (from < start) edges.push([from, addDays(start, -1)])
  if (end <= to) edges.push([end, to])
  return { months: [start, end], edges }
}

/**
 * [from, to] as whole calendar years [first, end), the whole months around them and the edge days around
 * those: a calendar year is one year row per rollup key, a 15th-to-14th year eleven month rows plus days.
 */
export function splitByYear(
  from: string,
  to: string,
): { years: [string, string] | null; months: [string, string][]; edges: [string, string][] } {
  const start = from.endsWith('-01-01') ? from : firstOfNext(from, 'year')
  const afterTo = addDays(to, 1)
  const end = afterTo.endsWith('-01-01') ? afterTo : `${to.slice(0, 4)}-01-01`
  if (start >= end) {
    const { months, edges } = splitByMonth(from, to)
    return { years: null, months: months ? [months] : [], edges }
  }
  const before = from < start ? splitByMonth(from, addDays(start, -1)) : null
  const after = end <= to ? splitByMonth(end, to) : null
  return {
    years: [start, end],
    months: [before?.months, after?.months].filter((m) => m !== null && m !== undefined),
    edges: [...(before?.edges ?? []), ...(after?.edges ?? [])],
  }
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

function firstOfNext(date: string, unit: 'month' | 'year') {
  const d = new Date(`${unit === 'month' ? date.slice(0, 8) : date.slice(0, 5)}01${unit === 'month' ? '' : '-01'}T00:00:00Z`)
  if (unit === 'month') d.setUTCMonth(d.getUTCMonth() + 1)
  else d.setUTCFullYear(d.getUTCFullYear() + 1)
  return d.toISOString().slice(0, 10)
}

/**
 * The month and year grains a question reads: without counter and field (rollups_by_unit_month, _year, several
 * times fewer rows) when neither is in it, grouped by or filtered on; else with them. Both as the columns of
 * `rollups`, `day` the first day of the month or year.
 */
function coarseGrainsOf(db: Db, f: RollupFilter & { grouping: Grouping }) {
  const isPerUnit = f.counterId === null && f.fieldIds === null && f.grouping !== 'field' && f.grouping !== 'counter'
  if (isPerUnit) {
    const common = db`null::int as counter_id, survey_id, null::int as field_id, question_key, value, is_verified, is_excluded, n`
    return {
      byMonthTable: db`(select unit_id, month as day, ${common} from rollups_by_unit_month)`,
      byYearTable: db`(select unit_id, year as day, ${common} from rollups_by_unit_year)`,
    }
  }
  const common = db`counter_id, survey_id, field_id, question_key, value, is_verified, is_excluded, n`
  return {
    byMonthTable: db`(select unit_id, month as day, ${common} from rollups_by_month)`,
    byYearTable: db`(select unit_id, year as day, ${common} from rollups_by_year)`,
  }
}

/**
 * One statement per stats request: rollup rows of the scope's unit-days summed per group, question and value,
 * so only those counts reach Node. Every grouping partitions the rows, so the whole selection is the sum of
 * its groups (summed in Node: a grouping set for it cost a second aggregation). Rows of excluded responses
 * are summed for '*' only: they are counted apart, never scored. Groupings of the main rollups read whole
 * years from rollups_by_year, whole months from rollups_by_month and only the edge days from rollups; a unit
 * in the scope for part of a year or month is read from the next finer grain there.
 */
export async function sumRollups(db: Db, f: RollupFilter & { surveyId: number; grouping: Grouping }) {
  const { table, hasMonths, hasYears = true, inner, outer } = groupingOf(db, f.grouping)
  const part = (source: postgres.Fragment, scopeJoin: postgres.Fragment, where: postgres.Fragment) => db`
    select ${inner}, r.is_excluded, r.question_key, r.value::int as value, sum(r.n) as n
    from ${source} r
    join scope s on s.unit_id = r.unit_id and ${scopeJoin}
    where ${where}
      and r.survey_id = ${f.surveyId}::int
      and (not r.is_excluded or r.question_key = '*')
      ${filtersOf(db, f)}
    group by 1, 2, 3, 4, 5
  `
  const dayScope = db`r.day >= s.valid_from and r.day < s.valid_to`
  // r.day + 1 unit <= valid_to, written so that the bound is the scope row's (computed once per unit, an index
  // condition) rather than the rollup row's (computed for each of tens of thousands of rows).
  const covers = (unit: 'month' | 'year') => db`r.day >= s.valid_from and r.day <= (s.valid_to - ${`1 ${unit}`}::interval)::date`
  const uncovered = (unit: 'month' | 'year') =>
    db`(date_trunc(${unit}, r.day) < s.valid_from or date_trunc(${unit}, r.day) + ${`1 ${unit}`}::interval > s.valid_to)`
  const { byMonthTable, byYearTable } = coarseGrainsOf(db, f)
  const split = !hasMonths
    ? { years: null, months: [], edges: [[f.scope.from, f.scope.to]] as [string, string][] }
    : hasYears
      ? splitByYear(f.scope.from, f.scope.to)
      : monthsOnly(splitByMonth(f.scope.from, f.scope.to))
  const parts = split.edges.map(([a, b]) => part(table, dayScope, db`r.day between ${a}::date and ${b}::date`))
  // A unit in the scope for only part of a year or month (it changed parent, opened or closed) is read from the
  // next finer grain for those years or months.
  for (const [first, end] of split.months) {
    const within = db`r.day >= ${first}::date and r.day < ${end}::date`
    const partly = db`(s.valid_from > ${first}::date or s.valid_to < ${end}::date)`
    parts.push(
      part(byMonthTable, covers('month'), within),
      part(table, db`${dayScope} and ${partly}`, db`${within} and ${uncovered('month')}`),
    )
  }
  if (split.years) {
    const [first, end] = split.years
    const within = db`r.day >= ${first}::date and r.day < ${end}::date`
    const partly = db`(s.valid_from > ${first}::date or s.valid_to < ${end}::date)`
    parts.push(
      part(byYearTable, covers('year'), within),
      part(byMonthTable, db`${covers('month')} and ${partly}`, db`${within} and ${uncovered('year')}`),
      part(table, db`${dayScope} and ${partly}`, db`${within} and ${uncovered('year')} and ${uncovered('month')}`),
    )
  }
  const union = parts.reduce((all, p) => db`${all} union all ${p}`)
  return db<CountRow[]>`
    with ${scopeTableOf(db, f.units)}
    select ${outer} as group_key, is_excluded, question_key, value, sum(n)::int as n
    from (${union}) sums
    group by 1, 2, 3, 4
  `
}

export type DossierSumRow = { groupKey: string | null; received: number; returned: number; overdue: number }

/** Imported dossier counts of the scope's counters per unit branch or counter (groupKey null: no grouping). */
export async function sumDossierCounts(
  db: Db,
  f: { scope: UnitScope; units: ResolvedUnit[]; counterId: number | null; grouping: 'none' | 'unit' | 'counter' },
) {
  const key = f.grouping === 'unit' ? db`s.branch_id::text` : f.grouping === 'counter' ? db`d.counter_id::text` : null
  return db<DossierSumRow[]>`
    with ${scopeTableOf(db, f.units)}
    select ${key ?? db`null::text`} as group_key, sum(d.received)::int as received, sum(d.returned)::int as returned, sum(d.overdue)::int as overdue
    from dossier_counts d
    join counters c on c.id = d.counter_id
    join service_points sp on sp.id = c.service_point_id
    join scope s on s.unit_id = sp.unit_id and d.day >= s.valid_from and d.day < s.valid_to
    where d.day between ${f.scope.from}::date and ${f.scope.to}::date
      ${f.counterId === null ? db`` : db`and d.counter_id = ${f.counterId}::int`}
    group by 1
  `
}

export type FieldLabel = { id: number; code: string; name: string }

export async function findFieldsByCodes(db: Db, codes: string[]) {
  return db<FieldLabel[]>`
    select id, code, name
    from fields
    where code = any(${codes}::text[])
  `
}

export async function findFieldsByIds(db: Db, ids: number[]) {
  return db<FieldLabel[]>`
    select id, code, name
    from fields
    where id = any(${ids}::int[])
  `
}

export type UnitLabel = { id: number; code: string; name: string }

/** Unit names as of `onDate`, or as last named before it for a unit that ended earlier. */
export async function findUnitLabels(db: Db, ids: number[], onDate: string) {
  return db<UnitLabel[]>`
    select distinct on (u.id) u.id, u.code, v.name
    from units u
    join unit_versions v on v.unit_id = u.id
    where u.id = any(${ids}::int[])
    order by u.id, v.valid_from <= ${onDate}::date desc, v.valid_from desc
  `
}

export type CounterLabel = { id: number; name: string; servicePointName: string; unitId: number }

export async function findCounterLabels(db: Db, ids: number[]) {
  return db<CounterLabel[]>`
    select c.id, c.name, sp.name as service_point_name, sp.unit_id
    from counters c
    join service_points sp on sp.id = c.service_point_id
    where c.id = any(${ids}::int[])
  `
}

export type ProcedureLabel = { baseCode: string; name: string; fieldId: number }

/** The national procedure of each base code (a local variant's name when the catalogue has only variants). */
export async function findProcedureLabels(db: Db, baseCodes: string[]) {
  return db<ProcedureLabel[]>`
    select distinct on (base_code) base_code, name, field_id
    from procedures
    where base_code = any(${baseCodes}::text[])
    order by base_code, code = base_code desc, code
  `
}

export type TargetRow = {
  id: number
  /** The unit the target was looked up for, and how many levels above it the target's own unit is. */
  forUnitId: number
  depth: number
  unitId: number
  value: number
  periodStart: string
  periodEnd: string
  fieldIds: number[]
  planNumber: string
  planIssuer: string
  planTitle: string
}

/**
 * Targets of a metric whose period overlaps [from, to], set for each given unit or one of its ancestors
 * (parents as named on `to`, or last named before it), with each target's pooled field set.
 */
export async function findTargets(db: Db, f: { metric: string; unitIds: number[]; from: string; to: string }) {
  return db<TargetRow[]>`
    with recursive ancestry (for_unit_id, unit_id, depth) as (
      select id, id, 0
      from unnest(${f.unitIds}::int[]) as id
      union all
      select a.for_unit_id, p.parent_id, a.depth + 1
      from ancestry a
      join lateral (
        select parent_id
        from unit_versions
        where unit_id = a.unit_id
        order by valid_from <= ${f.to}::date desc, valid_from desc
        limit 1
      ) p on p.parent_id is not null
      where a.depth < 16
    )
    select
      t.id,
      a.for_unit_id,
      a.depth,
      t.unit_id,
      t.value::float8 as value,
      t.period_start::text as period_start,
      t.period_end::text as period_end,
      coalesce((select array_agg(tf.field_id order by tf.field_id) from target_fields tf where tf.target_id = t.id), '{}') as field_ids,
      p.number as plan_number,
      p.issuer as plan_issuer,
      p.title as plan_title
    from ancestry a
    join targets t on t.unit_id = a.unit_id
    join plans p on p.id = t.plan_id
    where t.metric = ${f.metric}
      and t.period_start <= ${f.to}::date
      and t.period_end >= ${f.from}::date
    order by a.for_unit_id, a.depth, t.id
  `
}
