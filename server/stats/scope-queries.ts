import type { Db, Tx } from '../db'

/**
 * The units a request may read over a period, day-exact: a unit moved from one parent to another on
 * 2025-07-01 belongs to the old parent's subtree until 2025-06-30 and to the new one's from then on, so a
 * report that spans a reorganisation neither loses the old tree nor reads a unit that was not yet its own.
 *
 * `rootUnitId` is the user's unit (null: every top-level unit, for an admin); `focusUnitId` narrows to the
 * subtree of one unit of that tree (null: the whole tree).
 */
export type UnitScope = { rootUnitId: number | null; focusUnitId: number | null; from: string; to: string }

/**
 * The CTEs `scope_tree` and `scope` for a `with recursive` query: `scope` holds (unit_id, valid_from,
 * valid_to exclusive, branch_id) where branch_id is the child of the focus unit the unit lies under (the
 * focus unit itself for its own rows; the top-level unit without a focus).
 */
export function scopeCtes(db: Db | Tx, s: UnitScope) {
  const roots =
    s.rootUnitId === null
      ? db`
          select unit_id, array[unit_id], greatest(valid_from, ${s.from}::date), least(coalesce(valid_to, 'infinity'), ${s.to}::date + 1)
          from unit_versions
          where parent_id is null
            and valid_from <= ${s.to}::date
            and (valid_to is null or valid_to > ${s.from}::date)
        `
      : db`select ${s.rootUnitId}::int, array[${s.rootUnitId}::int], ${s.from}::date, ${s.to}::date + 1`
  const focus = s.focusUnitId
  return db`
    scope_tree (unit_id, path, valid_from, valid_to) as (
      ${roots}
      union all
      select v.unit_id, t.path || v.unit_id, greatest(t.valid_from, v.valid_from), least(t.valid_to, coalesce(v.valid_to, 'infinity'))
      from scope_tree t
      join unit_versions v on v.parent_id = t.unit_id
      where v.valid_from < t.valid_to
        and (v.valid_to is null or v.valid_to > t.valid_from)
        and cardinality(t.path) < 16
    ),
    scope as (
      select
        unit_id,
        valid_from,
        valid_to,
        ${focus === null ? db`path[1]` : db`coalesce(path[array_position(path, ${focus}::int) + 1], ${focus}::int)`} as branch_id
      from scope_tree
      ${focus === null ? db`` : db`where ${focus}::int = any(path)`}
    )
  `
}

/** Whether a unit lies in the scope at any day of its period. */
export async function isUnitInScope(db: Db, scope: UnitScope, unitId: number) {
  const [row] = await db<[{ isFound: boolean }]>`
    with recursive ${scopeCtes(db, scope)}
    select exists (select 1 from scope where unit_id = ${unitId}::int) as is_found
  `
  return row.isFound
}

export type ScopeInterval = { unitId: number; validFrom: string; validTo: string }

/** The scope's units with the days each is in it, [validFrom, validTo). */
export async function findScopeIntervals(db: Db | Tx, scope: UnitScope) {
  return db<ScopeInterval[]>`
    with recursive ${scopeCtes(db, scope)}
    select unit_id, valid_from::text as valid_from, valid_to::text as valid_to
    from scope
  `
}
