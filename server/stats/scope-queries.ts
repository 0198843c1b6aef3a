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
 * One unit of the tree a user may read: in it over [validFrom, validTo), under `path` (the root first). A unit
 * moved within the tree has one row per parent. The focus and each unit's branch under it are worked out from
 * the paths in Node (server/stats/scope.ts `focusedUnits`).
 */
export type ScopeUnit = { unitId: number; validFrom: string; validTo: string; path: number[] }

/**
 * The whole tree a user may read over a period, day-exact, walked once per request: statements that read
 * ratings or rollups join the resolved units (`scopeTableOf`), never walk it themselves.
 */
export async function findScopeTree(db: Db | Tx, s: Omit<UnitScope, 'focusUnitId'>) {
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
  return db<ScopeUnit[]>`
    with recursive scope_tree (unit_id, path, valid_from, valid_to) as (
      ${roots}
      union all
      select v.unit_id, t.path || v.unit_id, greatest(t.valid_from, v.valid_from), least(t.valid_to, coalesce(v.valid_to, 'infinity'))
      from scope_tree t
      join unit_versions v on v.parent_id = t.unit_id
      where v.valid_from < t.valid_to
        and (v.valid_to is null or v.valid_to > t.valid_from)
        and cardinality(t.path) < 16
    )
    select unit_id, valid_from::text as valid_from, valid_to::text as valid_to, path
    from scope_tree
  `
}

/**
 * A resolved scope as the table `scope` (unit_id, valid_from, valid_to exclusive, branch_id) of a statement, from
 * arrays: a statement that reads rollups joins it instead of walking the tree itself. Walking it in each
 * statement cost a recursive CTE per statement, and PostgreSQL estimated its result at one row, so it chose
 * nested loops and sorts that spilled to disk for the 201 units of a province (docs/architecture.md).
 */
export function scopeTableOf(db: Db | Tx, units: ResolvedUnit[]) {
  const a = arraysOf(units)
  return db`
    scope as (
      select *
      from unnest(${a.unitIds}::int[], ${a.validFroms}::date[], ${a.validTos}::date[], ${a.branchIds}::int[])
        as s(unit_id, valid_from, valid_to, branch_id)
    )
  `
}

// A request's scope is joined by each of its statements: its arrays are written out as text once per request.
const literals = new WeakMap<ResolvedUnit[], Record<'unitIds' | 'validFroms' | 'validTos' | 'branchIds', string>>()

function arraysOf(units: ResolvedUnit[]) {
  let found = literals.get(units)
  if (!found) {
    const literal = (values: (number | string)[]) => `{${values.join(',')}}`
    found = {
      unitIds: literal(units.map((u) => u.unitId)),
      validFroms: literal(units.map((u) => u.validFrom)),
      validTos: literal(units.map((u) => u.validTo)),
      branchIds: literal(units.map((u) => u.branchId)),
    }
    literals.set(units, found)
  }
  return found
}

/** A unit of a read scope with the child of the focus unit it lies under (the focus itself for its own rows). */
export type ResolvedUnit = { unitId: number; validFrom: string; validTo: string; branchId: number }
