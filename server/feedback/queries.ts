import type { Db, Tx } from '../db'
import { type ResolvedUnit, scopeTableOf } from '../stats/scope-queries'
import type { CaseCategory, CaseStatus } from '../../shared/feedback-contract'

export type InboxFilter = {
  /** The reader's units over the period, resolved once (server/stats/scope.ts). */
  units: ResolvedUnit[]
  timeZone: string
  counterId: number | null
  fieldId: number | null
  score: number | null
  /** A search text; with diacritics it must match them, without it matches any. */
  search: { text: string; hasMarks: boolean } | null
  minRatings: number
  /** Keys the order of items within a month, so the list does not follow the order ratings came in. */
  orderSalt: string
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * Kept ratings in scope that carry a comment or a dissatisfied reason (an answer to a follow-up choice
 * question), each with its counter's kept ratings in the same month, which decides whether it may be shown.
 */
const voicedIn = (db: Db, f: InboxFilter) => db`
  with ${scopeTableOf(db, f.units)},
  rated as (
    select r.id, r.counter_id, r.unit_id, r.field_id, r.survey_version_id, r.answers, r.comment,
      to_char(r.submitted_at at time zone ${f.timeZone}, 'YYYY-MM') as month
    from responses r
    join scope s on s.unit_id = r.unit_id
      and r.submitted_at >= (s.valid_from::timestamp at time zone ${f.timeZone})
      and r.submitted_at < (s.valid_to::timestamp at time zone ${f.timeZone})
    where not r.is_excluded
      ${f.counterId === null ? db`` : db`and r.counter_id = ${f.counterId}::int`}
  ),
  sizes as (select counter_id, month, count(*)::int as n from rated group by counter_id, month),
  voiced as (
    select d.*, z.n as counter_ratings,
      case when jsonb_typeof(d.answers -> (v.definition->>'headline')) = 'number'
        then (d.answers ->> (v.definition->>'headline'))::int end as score
    from rated d
    join sizes z on z.counter_id = d.counter_id and z.month = d.month
    join survey_versions v on v.id = d.survey_version_id
    where (d.comment is not null or exists (
        select 1 from jsonb_array_elements(v.definition->'questions') q
        where q->>'type' = 'multi' and q ? 'showWhen' and d.answers ? (q->>'key')
      ))
      ${f.fieldId === null ? db`` : db`and d.field_id = ${f.fieldId}::int`}
      ${
        f.search === null
          ? db``
          : f.search.hasMarks
            ? db`and lower_vi(d.comment) like '%' || lower_vi(${likeEscape(f.search.text)}) || '%'`
            : db`and fold_vi(d.comment) like '%' || fold_vi(${likeEscape(f.search.text)}) || '%'`
      }
  ),
  filtered as (
    select * from voiced
    ${f.score === null ? db`` : db`where score = ${f.score}::int`}
  )
`

export async function countInbox(db: Db, f: InboxFilter) {
  const [row] = await db<[{ total: number; heldBack: number }]>`
    ${voicedIn(db, f)}
    select
      count(*) filter (where counter_ratings >= ${f.minRatings})::int as total,
      count(*) filter (where counter_ratings < ${f.minRatings})::int as held_back
    from filtered
  `
  return row
}

export type InboxRow = {
  id: string
  month: string
  unitId: number
  unitName: string
  counterId: number
  counterName: string
  fieldId: number | null
  fieldName: string | null
  surveyVersionId: number
  answers: Record<string, unknown>
  comment: string | null
  score: number | null
  caseId: number | null
  caseStatus: CaseStatus | null
  caseDueOn: string | null
}

export async function findInboxPage(db: Db, f: InboxFilter & { limit: number; offset: number }) {
  return db<InboxRow[]>`
    ${voicedIn(db, f)}
    select g.id, g.month, g.unit_id, un.name as unit_name, g.counter_id, c.name as counter_name, g.field_id, fl.name as field_name,
      g.survey_version_id, g.answers, g.comment, g.score, fc.id as case_id, fc.status as case_status, fc.due_on::text as case_due_on
    from filtered g
    join counters c on c.id = g.counter_id
    left join fields fl on fl.id = g.field_id
    left join feedback_cases fc on fc.response_id = g.id
    cross join lateral (
      select name from unit_versions where unit_id = g.unit_id order by valid_from desc limit 1
    ) un
    where g.counter_ratings >= ${f.minRatings}
    order by g.month desc, md5(${f.orderSalt} || g.id::text)
    limit ${f.limit}
    offset ${f.offset}
  `
}

export async function findSurveyDefinitions(db: Db, versionIds: number[]) {
  return db<{ id: number; definition: unknown }[]>`
    select id, definition from survey_versions where id = any(${versionIds}::int[])
  `
}

export type VoicedResponse = { id: string; unitId: number; counterId: number; submittedAt: Date; comment: string | null }

export async function findResponseForCase(db: Db | Tx, responseId: string) {
  const [row] = await db<VoicedResponse[]>`
    select id, unit_id, counter_id, submitted_at, comment from responses where id = ${responseId}::uuid and not is_excluded
  `
  return row
}

/** Kept ratings of a counter in one local month: a comment may be taken up only when it could be shown. */
export async function countCounterMonth(db: Db | Tx, counterId: number, month: string, timeZone: string) {
  const [row] = await db<[{ n: number }]>`
    select count(*)::int as n from responses
    where counter_id = ${counterId} and not is_excluded
      and to_char(submitted_at at time zone ${timeZone}, 'YYYY-MM') = ${month}
  `
  return row.n
}

export async function insertCase(
  tx: Tx,
  c: { responseId: string; unitId: number; assigneeUnitId: number; category: CaseCategory; receivedOn: string; dueOn: string },
) {
  const [row] = await tx<[{ id: number }]>`
    insert into feedback_cases (response_id, unit_id, assignee_unit_id, category, received_on, due_on)
    values (${c.responseId}::uuid, ${c.unitId}, ${c.assigneeUnitId}, ${c.category}, ${c.receivedOn}::date, ${c.dueOn}::date)
    on conflict (response_id) do nothing
    returning id
  `
  return row?.id
}

export type CaseRow = {
  id: number
  category: CaseCategory
  status: CaseStatus
  unitId: number
  unitName: string
  assigneeUnitId: number
  assigneeUnitName: string
  comment: string | null
  receivedOn: string
  dueOn: string
  answer: string | null
  answeredOn: string | null
}

const caseColumns = (db: Db | Tx) => db`
  select fc.id, fc.category, fc.status, fc.unit_id, un.name as unit_name, fc.assignee_unit_id, an.name as assignee_unit_name,
    r.comment, fc.received_on::text as received_on, fc.due_on::text as due_on, fc.answer, fc.answered_on::text as answered_on
  from feedback_cases fc
  join responses r on r.id = fc.response_id
  cross join lateral (select name from unit_versions where unit_id = fc.unit_id order by valid_from desc limit 1) un
  cross join lateral (select name from unit_versions where unit_id = fc.assignee_unit_id order by valid_from desc limit 1) an
`

export async function findCase(db: Db | Tx, id: number, { lock = false } = {}) {
  const [row] = await db<CaseRow[]>`
    ${caseColumns(db)}
    where fc.id = ${id}
    ${lock ? db`for update of fc` : db``}
  `
  return row
}

/** Cases of the given units (as rated unit or as assignee); null: every unit. */
export async function findCases(db: Db, f: { unitIds: number[] | null; status: CaseStatus | null; limit: number; offset: number }) {
  const where = db`
    where true
    ${f.unitIds === null ? db`` : db`and (fc.unit_id = any(${f.unitIds}::int[]) or fc.assignee_unit_id = any(${f.unitIds}::int[]))`}
    ${f.status === null ? db`` : db`and fc.status = ${f.status}`}
  `
  const [items, [count]] = await Promise.all([
    db<CaseRow[]>`
      ${caseColumns(db)}
      ${where}
      order by fc.status = 'closed', fc.due_on, fc.id
      limit ${f.limit}
      offset ${f.offset}
    `,
    db<[{ n: number }]>`select count(*)::int as n from feedback_cases fc ${where}`,
  ])
  return { items, total: count!.n }
}

export async function updateCaseStatus(tx: Tx, id: number, status: CaseStatus) {
  await tx`update feedback_cases set status = ${status} where id = ${id}`
}

export async function updateCaseAnswer(tx: Tx, id: number, answer: string, answeredOn: string) {
  await tx`update feedback_cases set status = 'answered', answer = ${answer}, answered_on = ${answeredOn}::date where id = ${id}`
}

export async function findCaseByResponse(db: Db, responseId: string) {
  const [row] = await db<{ status: CaseStatus; answer: string | null }[]>`
    select status, answer from feedback_cases where response_id = ${responseId}::uuid
  `
  return row
}

export type FigureRow = {
  unitId: number
  unitName: string
  comments: number
  commentsTaken: number
  cases: number
  handled: number
  onTime: number
  overdue: number
  medianDaysToAnswer: number | null
}

/**
 * Per rated unit of the scope: comments left in the period, cases received in it, how many were answered,
 * answered by their deadline, past it unanswered on `today`, and the median days from receipt to answer.
 */
export async function findHandlingFigures(db: Db, f: { units: ResolvedUnit[]; timeZone: string; from: string; to: string; today: string }) {
  return db<FigureRow[]>`
    with ${scopeTableOf(db, f.units)},
    scoped_units as (select distinct unit_id from scope),
    comments as (
      select r.unit_id, count(*)::int as n, count(fc.id)::int as taken
      from responses r
      left join feedback_cases fc on fc.response_id = r.id
      join scope s on s.unit_id = r.unit_id
        and r.submitted_at >= (s.valid_from::timestamp at time zone ${f.timeZone})
        and r.submitted_at < (s.valid_to::timestamp at time zone ${f.timeZone})
      where r.comment is not null and not r.is_excluded
      group by r.unit_id
    ),
    cases as (
      select fc.unit_id,
        count(*)::int as n,
        count(*) filter (where fc.status in ('answered', 'closed'))::int as handled,
        count(*) filter (where fc.answered_on <= fc.due_on)::int as on_time,
        count(*) filter (where fc.answered_on is null and fc.due_on < ${f.today}::date)::int as overdue,
        percentile_cont(0.5) within group (order by fc.answered_on - fc.received_on) filter (where fc.answered_on is not null) as median_days
      from feedback_cases fc
      where fc.unit_id in (select unit_id from scoped_units)
        and fc.received_on between ${f.from}::date and ${f.to}::date
      group by fc.unit_id
    )
    select u.unit_id, un.name as unit_name, coalesce(cm.n, 0) as comments, coalesce(cm.taken, 0) as comments_taken, coalesce(cs.n, 0) as cases,
      coalesce(cs.handled, 0) as handled, coalesce(cs.on_time, 0) as on_time, coalesce(cs.overdue, 0) as overdue,
      cs.median_days::float8 as median_days_to_answer
    from scoped_units u
    left join comments cm on cm.unit_id = u.unit_id
    left join cases cs on cs.unit_id = u.unit_id
    cross join lateral (select name from unit_versions where unit_id = u.unit_id order by valid_from desc limit 1) un
    where cm.n is not null or cs.n is not null
    order by un.name, u.unit_id
  `
}

/** All cases of the given units over the period, pooled: the median must be taken over cases, not units. */
export async function findPooledMedian(db: Db, f: { unitIds: number[]; from: string; to: string }) {
  const [row] = await db<[{ median: number | null }]>`
    select (percentile_cont(0.5) within group (order by answered_on - received_on))::float8 as median
    from feedback_cases
    where unit_id = any(${f.unitIds}::int[]) and answered_on is not null
      and received_on between ${f.from}::date and ${f.to}::date
  `
  return row.median
}

/** Targets of one kind set for any of the units over a period that overlaps the given one. */
export async function findTargetsOfKind(db: Db, f: { metric: string; unitIds: number[]; from: string; to: string }) {
  return db<{ id: number; value: number; source: string; unitId: number }[]>`
    select t.id, t.value::float8 as value, p.number || ' (' || p.issuer || '): ' || p.title as source, t.unit_id
    from targets t
    join plans p on p.id = t.plan_id
    where t.metric = ${f.metric} and t.unit_id = any(${f.unitIds}::int[])
      and t.period_start <= ${f.to}::date and t.period_end >= ${f.from}::date
    order by t.unit_id, t.id
  `
}

export type OverdueRow = {
  id: number
  unitId: number
  unitName: string
  assigneeUnitId: number
  assigneeUnitName: string
  dueOn: string
  status: CaseStatus
}

/** Unanswered cases past their deadline, of the given units (as rated unit or assignee); null: every unit. */
export async function findOverdueCases(db: Db | Tx, f: { unitIds: number[] | null; today: string; onlyUnannounced?: boolean }) {
  return db<OverdueRow[]>`
    select fc.id, fc.unit_id, un.name as unit_name, fc.assignee_unit_id, an.name as assignee_unit_name, fc.due_on::text as due_on, fc.status
    from feedback_cases fc
    cross join lateral (select name from unit_versions where unit_id = fc.unit_id order by valid_from desc limit 1) un
    cross join lateral (select name from unit_versions where unit_id = fc.assignee_unit_id order by valid_from desc limit 1) an
    where fc.answered_on is null and fc.due_on < ${f.today}::date
      ${f.unitIds === null ? db`` : db`and (fc.unit_id = any(${f.unitIds}::int[]) or fc.assignee_unit_id = any(${f.unitIds}::int[]))`}
      ${f.onlyUnannounced ? db`and not fc.is_overdue_announced` : db``}
    order by fc.due_on, fc.id
  `
}

export async function markOverdueAnnounced(db: Db | Tx, id: number) {
  await db`update feedback_cases set is_overdue_announced = true where id = ${id}`
}

/** The webhooks of a unit and of every unit above it today (the levels that supervise it). */
export async function findWebhooksAbove(db: Db | Tx, unitId: number) {
  return db<{ unitId: number; url: string; secret: string }[]>`
    with recursive chain (unit_id, depth) as (
      select ${unitId}::int, 0
      union all
      select v.parent_id, c.depth + 1
      from chain c
      join unit_versions v on v.unit_id = c.unit_id and v.valid_to is null
      where v.parent_id is not null and c.depth < 16
    )
    select w.unit_id, w.url, w.secret from unit_webhooks w join chain c on c.unit_id = w.unit_id order by c.depth
  `
}

export async function upsertWebhook(tx: Tx, w: { unitId: number; url: string; secret: string }) {
  await tx`
    insert into unit_webhooks (unit_id, url, secret) values (${w.unitId}, ${w.url}, ${w.secret})
    on conflict (unit_id) do update set url = excluded.url, secret = excluded.secret
  `
}

export async function deleteWebhook(tx: Tx, unitId: number) {
  const rows = await tx`delete from unit_webhooks where unit_id = ${unitId} returning unit_id`
  return rows.length > 0
}
