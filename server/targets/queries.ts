import type { Plan, Target, TargetMetric } from '../../shared/admin-contract'
import type { Db, Tx } from '../db'

/** Plans of the given units (null: all), and plans that set a target for one of them. */
export async function findPlans(db: Db, unitIds: number[] | null) {
  return db<Plan[]>`
    select p.id, p.number, p.title, p.issuer, p.issued_on::text as issued_on, p.unit_id
    from plans p
    where ${unitIds}::int[] is null
    or p.unit_id = any(${unitIds}::int[])
    or exists (select 1 from targets t where t.plan_id = p.id and t.unit_id = any(${unitIds}::int[]))
    order by p.issued_on desc, p.id desc
  `
}

export async function findPlan(db: Db | Tx, planId: number) {
  const [row] = await db<[Plan?]>`
    select id, number, title, issuer, issued_on::text as issued_on, unit_id
    from plans
    where id = ${planId}
  `
  return row
}

export async function planNumberExists(db: Db, number: string, issuer: string) {
  const [row] = await db<[{ isFound: boolean }]>`
    select exists (select 1 from plans where number = ${number} and issuer = ${issuer}) as is_found
  `
  return row.isFound
}

export async function insertPlan(tx: Tx, p: { number: string; title: string; issuer: string; issuedOn: string; unitId: number }) {
  const [row] = await tx<[{ id: number }]>`
    insert into plans (number, title, issuer, issued_on, unit_id)
    values (${p.number}, ${p.title}, ${p.issuer}, ${p.issuedOn}::date, ${p.unitId})
    returning id
  `
  return row.id
}

const targetColumns = (db: Db | Tx) => db`
  t.id,
  t.plan_id,
  t.unit_id,
  t.metric,
  coalesce((select array_agg(field_id order by field_id) from target_fields where target_id = t.id), '{}') as field_ids,
  t.period_start::text as period_start,
  t.period_end::text as period_end,
  (t.value * 100)::float8 as value_percent,
  t.set_by_unit_id
`

export async function findTargets(db: Db, { unitIds, planId }: { unitIds: number[] | null; planId: number | null }) {
  return db<Target[]>`
    select ${targetColumns(db)}
    from targets t
    where (${unitIds}::int[] is null or t.unit_id = any(${unitIds}::int[]))
    and (${planId}::int is null or t.plan_id = ${planId}::int)
    order by t.period_start desc, t.unit_id, t.metric, t.id
  `
}

export async function findTarget(db: Db | Tx, targetId: number) {
  const [row] = await db<[Target?]>`
    select ${targetColumns(db)}
    from targets t
    where t.id = ${targetId}
  `
  return row
}

/** A target with its pooled fields; the percent is stored as a 0..1 fraction like every rate. */
export async function insertTarget(
  tx: Tx,
  t: {
    planId: number
    unitId: number
    metric: TargetMetric
    fieldIds: number[]
    periodStart: string
    periodEnd: string
    valuePercent: number
    setByUnitId: number | null
  },
) {
  const [row] = await tx<[{ id: number }]>`
    with target as (
      insert into targets (plan_id, unit_id, metric, period_start, period_end, value, set_by_unit_id)
      values (${t.planId}, ${t.unitId}, ${t.metric}, ${t.periodStart}::date, ${t.periodEnd}::date, ${t.valuePercent}::numeric / 100, ${t.setByUnitId})
      returning id
    ), pooled as (
      insert into target_fields (target_id, field_id)
      select target.id, unnest(${t.fieldIds}::int[])
      from target
    )
    select id
    from target
  `
  return row.id
}

export async function deleteTarget(tx: Tx, targetId: number) {
  await tx`
    delete from targets
    where id = ${targetId}
  `
}
