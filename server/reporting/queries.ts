import type { ReportSections } from '../../shared/reporting-contract'
import type { ReportKind, ReportRule, UnitVersionFact } from '../../shared/reporting-calendar'
import type { Db, Tx } from '../db'
import { findTargets } from '../targets/queries'

/** Every version of every unit: the tree over time, small enough to read whole (a province: a few hundred). */
export async function findUnitVersionFacts(db: Db) {
  return db<UnitVersionFact[]>`
    select unit_id, name, level, parent_id, valid_from::text as valid_from, valid_to::text as valid_to
    from unit_versions
    order by unit_id, valid_from
  `
}

export type PlanCycleRow = {
  id: number
  unitId: number
  number: string
  title: string
  issuedOn: string
  reportKinds: ReportKind[]
  phaseFrom: number | null
  phaseTo: number | null
  reportPeriodMode: ReportRule['mode']
  reportDeadlineDay: number | null
}

const cycleColumns = (db: Db | Tx) => db`
  id, unit_id, number, title, issued_on::text as issued_on, report_kinds, phase_from, phase_to, report_period_mode,
  report_deadline_day
`

/** One plan's reporting cycle. */
export async function findPlanCycle(db: Db | Tx, planId: number) {
  const [row] = await db<[PlanCycleRow?]>`select ${cycleColumns(db)} from plans where id = ${planId}`
  return row
}

/** Sets a plan's reporting cycle: the reports due, how periods are cut, the deadline day and the phase. */
export async function updatePlanCycle(
  tx: Tx,
  planId: number,
  c: {
    reportKinds: ReportKind[]
    periodMode: ReportRule['mode']
    deadlineDay: number | null
    phaseFrom: number | null
    phaseTo: number | null
  },
) {
  await tx`
    update plans
    set report_kinds = ${c.reportKinds}::text[], report_period_mode = ${c.periodMode}, report_deadline_day = ${c.deadlineDay},
      phase_from = ${c.phaseFrom}, phase_to = ${c.phaseTo}
    where id = ${planId}
  `
}

/** The reporting cycle of the plans of these units. */
export async function findPlanCycles(db: Db, unitIds: number[]) {
  return db<PlanCycleRow[]>`
    select ${cycleColumns(db)}
    from plans
    where unit_id = any(${unitIds}::int[])
    order by issued_on desc, id desc
  `
}

/**
 * Every target of one plan, whoever may see its units: a unit's report is held to the plan of a unit above it
 * too, and its figures are the reporting unit's own, read in its scope.
 */
export const findPlanTargets = (db: Db, planId: number) => findTargets(db, { unitIds: null, planId })

export type ReportRow = {
  id: number
  unitId: number
  periodKey: string
  surveyId: number
  sections: ReportSections
  /** An ad-hoc report's subject and deadline (the first late day); null for the periodic reports. */
  title: string | null
  dueBefore: string | null
  updatedAt: string
}

export async function findReport(db: Db | Tx, unitId: number, periodKey: string) {
  const [row] = await db<[ReportRow?]>`
    select id, unit_id, period_key, survey_id, sections, title, due_before::text as due_before, updated_at::text as updated_at
    from unit_reports
    where unit_id = ${unitId} and period_key = ${periodKey}
  `
  return row
}

/** Inserts or rewrites the draft of a unit's report; answers its id. */
export async function upsertDraft(
  tx: Tx,
  d: {
    unitId: number
    periodKey: string
    surveyId: number
    sections: ReportSections
    title: string | null
    dueBefore: string | null
    userId: number
  },
) {
  const [row] = await tx<[{ id: number }]>`
    insert into unit_reports (unit_id, period_key, survey_id, sections, title, due_before, updated_by)
    values (${d.unitId}, ${d.periodKey}, ${d.surveyId}, ${tx.json(d.sections)}, ${d.title}, ${d.dueBefore}::date, ${d.userId})
    on conflict (unit_id, period_key) do update
    set survey_id = excluded.survey_id, sections = excluded.sections, title = excluded.title, due_before = excluded.due_before,
      updated_by = excluded.updated_by, updated_at = now()
    returning id
  `
  return row.id
}

/** Locks the report row so two submissions cannot take the same version number. */
export async function lockReport(tx: Tx, unitId: number, periodKey: string) {
  const [row] = await tx<[ReportRow?]>`
    select id, unit_id, period_key, survey_id, sections, title, due_before::text as due_before, updated_at::text as updated_at
    from unit_reports
    where unit_id = ${unitId} and period_key = ${periodKey}
    for update
  `
  return row
}

export async function findLastVersionNumber(tx: Tx, reportId: number) {
  const [row] = await tx<[{ last: number | null }]>`
    select max(version) as last from unit_report_versions where report_id = ${reportId}
  `
  return row.last
}

export type NewVersion = {
  reportId: number
  version: number
  periodLabel: string
  periodFrom: string
  periodTo: string
  dueBefore: string
  recipientUnitId: number | null
  recipientLabel: string
  submittedAt: Date
  submittedOn: string
  submittedBy: number
  reason: string | null
  figures: unknown
  sections: ReportSections
}

export async function insertVersion(tx: Tx, v: NewVersion) {
  const [row] = await tx<[{ id: number }]>`
    insert into unit_report_versions (
      report_id, version, period_label, period_from, period_to, due_before, recipient_unit_id, recipient_label,
      submitted_at, submitted_on, submitted_by, reason, figures, sections
    )
    values (
      ${v.reportId}, ${v.version}, ${v.periodLabel}, ${v.periodFrom}::date, ${v.periodTo}::date, ${v.dueBefore}::date,
      ${v.recipientUnitId}, ${v.recipientLabel}, ${v.submittedAt}, ${v.submittedOn}::date, ${v.submittedBy}, ${v.reason},
      ${tx.json(v.figures as never)}, ${tx.json(v.sections)}
    )
    returning id
  `
  return row.id
}

export type VersionRow = {
  unitId: number
  periodKey: string
  version: number
  periodLabel: string
  from: string
  to: string
  dueBefore: string
  recipientLabel: string
  submittedAt: string
  submittedOn: string
  submittedBy: string
  reason: string | null
  figures: Record<string, unknown>
  sections: ReportSections
}

const versionColumns = (db: Db) => db`
  r.unit_id, r.period_key, v.version, v.period_label, v.period_from::text as from, v.period_to::text as to,
  v.due_before::text as due_before, v.recipient_label, to_json(v.submitted_at)#>>'{}' as submitted_at,
  v.submitted_on::text as submitted_on, u.display_name as submitted_by, v.reason
`

/** Every version of a report, without their figures, oldest first. */
export async function findVersionSummaries(db: Db, reportId: number) {
  return db<Omit<VersionRow, 'figures' | 'sections'>[]>`
    select ${versionColumns(db)}
    from unit_report_versions v
    join unit_reports r on r.id = v.report_id
    join users u on u.id = v.submitted_by
    where v.report_id = ${reportId}
    order by v.version
  `
}

/** One version as sent; the latest when `version` is null. */
export async function findVersion(db: Db, unitId: number, periodKey: string, version: number | null) {
  const [row] = await db<[VersionRow?]>`
    select ${versionColumns(db)}, v.figures, v.sections
    from unit_report_versions v
    join unit_reports r on r.id = v.report_id
    join users u on u.id = v.submitted_by
    where r.unit_id = ${unitId} and r.period_key = ${periodKey}
    and (${version}::int is null or v.version = ${version}::int)
    order by v.version desc
    limit 1
  `
  return row
}

export type ReportStateRow = { unitId: number; periodKey: string; firstSubmittedOn: string | null; latestVersion: number | null }

/** For the board: which of these units have a report of these periods, first sent when, at which version. */
export async function findReportStates(db: Db, unitIds: number[], periodKeys: string[]) {
  return db<ReportStateRow[]>`
    select r.unit_id, r.period_key, min(v.submitted_on)::text as first_submitted_on, max(v.version) as latest_version
    from unit_reports r
    left join unit_report_versions v on v.report_id = r.id
    where r.unit_id = any(${unitIds}::int[]) and r.period_key = any(${periodKeys}::text[])
    group by r.unit_id, r.period_key
  `
}
