import type { Db } from '../db'
import { type ResolvedUnit, scopeTableOf } from '../stats/scope-queries'

/** `ownUnitId`: the reader's own unit, left out (only a supervising level sees a unit's flags); null for an admin. */
export type FlagFilter = { units: ResolvedUnit[]; surveyId: number | null; timeZone: string; ownUnitId: number | null }

// The flags panel reads responses (not rollups): it lists single ratings. "Flagged" means an integrity
// signal was raised or an analyst set the rating apart; a restored rating stays listed, not excluded.
const flaggedIn = (db: Db, f: FlagFilter) => db`
  with ${scopeTableOf(db, f.units)},
  flagged as (
    select r.id, r.submitted_at, r.counter_id, r.unit_id, r.flag_reasons, r.is_excluded
    from responses r
    join scope s on s.unit_id = r.unit_id
      and r.submitted_at >= (s.valid_from::timestamp at time zone ${f.timeZone})
      and r.submitted_at < (s.valid_to::timestamp at time zone ${f.timeZone})
    where (cardinality(r.flag_reasons) > 0 or r.is_excluded)
      ${f.ownUnitId === null ? db`` : db`and r.unit_id <> ${f.ownUnitId}::int`}
      ${f.surveyId === null ? db`` : db`and r.survey_id = ${f.surveyId}::int`}
  )
`

export type FlagSummary = { total: number; excluded: number; byReason: Record<string, number> }

export async function countFlagged(db: Db, f: FlagFilter) {
  const [row] = await db<[FlagSummary]>`
    ${flaggedIn(db, f)}
    select
      (select count(*)::int from flagged) as total,
      (select count(*)::int from flagged where is_excluded) as excluded,
      coalesce((
        select json_object_agg(reason, n order by reason)
        from (
          select reason, count(*)::int as n
          from flagged, unnest(flag_reasons) as reason
          group by reason
        ) by_reason
      ), '{}') as by_reason
  `
  return row
}

/** How many ratings are set apart, per reason (a rating may have several): what every report states. */
export async function countSetApartByReason(db: Db, f: FlagFilter) {
  const [row] = await db<[{ total: number; byReason: Record<string, number> }]>`
    ${flaggedIn(db, f)}
    select
      (select count(*)::int from flagged where is_excluded) as total,
      coalesce((
        select json_object_agg(reason, n order by reason)
        from (
          select reason, count(*)::int as n
          from flagged, unnest(flag_reasons) as reason
          where is_excluded
          group by reason
        ) by_reason
      ), '{}') as by_reason
  `
  return row
}

export type FlaggedRow = {
  id: string
  submittedAt: Date
  counterId: number
  counterName: string
  unitId: number
  flagReasons: string[]
  isExcluded: boolean
}

export async function findFlaggedPage(db: Db, f: FlagFilter & { limit: number; offset: number }) {
  return db<FlaggedRow[]>`
    ${flaggedIn(db, f)}
    select g.id, g.submitted_at, g.counter_id, c.name as counter_name, g.unit_id, g.flag_reasons, g.is_excluded
    from flagged g
    join counters c on c.id = g.counter_id
    order by g.submitted_at desc, g.id
    limit ${f.limit}
    offset ${f.offset}
  `
}

export type CounterAnomaly = {
  counterId: number
  counterName: string
  unitId: number
  day: string
  n: number
  mean: number
  variance: number
}

/**
 * Counter-days whose kept ratings are many and all but identical (at least `minRatings` headline answers with
 * a variance of at most `maxVariance`): a pattern no waiting room produces, raised to the supervising level.
 * Read from the day rollups of each survey's headline question; the reader's own unit left out.
 */
export async function findCounterAnomalies(db: Db, f: FlagFilter & { minRatings: number; maxVariance: number }) {
  return db<CounterAnomaly[]>`
    with ${scopeTableOf(db, f.units)},
    headlines as (
      select distinct on (survey_id) survey_id, definition->>'headline' as question_key
      from survey_versions
      order by survey_id, version desc
    ),
    days as (
      select r.counter_id, r.unit_id, r.day, sum(r.n)::int as n, sum(r.n * r.value)::float8 / sum(r.n) as mean,
        sum(r.n * r.value * r.value)::float8 / sum(r.n) - (sum(r.n * r.value)::float8 / sum(r.n)) ^ 2 as variance
      from rollups r
      join scope s on s.unit_id = r.unit_id and r.day >= s.valid_from and r.day < s.valid_to
      join headlines h on h.survey_id = r.survey_id and h.question_key = r.question_key
      where not r.is_excluded and r.value > 0 and r.n > 0
        ${f.ownUnitId === null ? db`` : db`and r.unit_id <> ${f.ownUnitId}::int`}
        ${f.surveyId === null ? db`` : db`and r.survey_id = ${f.surveyId}::int`}
      group by r.counter_id, r.unit_id, r.day
    )
    select d.counter_id, c.name as counter_name, d.unit_id, d.day::text as day, d.n, round(d.mean::numeric, 3)::float8 as mean,
      round(greatest(d.variance, 0)::numeric, 4)::float8 as variance
    from days d
    join counters c on c.id = d.counter_id
    where d.n >= ${f.minRatings} and d.variance <= ${f.maxVariance}
    order by d.day desc, d.counter_id
  `
}
