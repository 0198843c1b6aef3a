import type { Target } from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import { handlingVerdict, type HandlingFigures } from '../../shared/feedback-contract'
import { formatDate } from '../../shared/format'
import { localTimeOf } from '../../shared/local-time'
import {
  boardCellOf,
  boardStatusLabels,
  comparisonRanges,
  defaultReportKinds,
  defaultReportRule,
  type ReportRule,
  dueReportOf,
  parsePeriodKey,
  previousPeriod,
  recipientLabel,
  reportLabel,
  reportRange,
  samePeriodLastYear,
  reportingCalendar,
  subordinatesOn,
  supervisorOn,
  type DueReport,
  type UnitVersionFact,
} from '../../shared/reporting-calendar'
import type {
  BoardAnswer,
  CalendarAnswer,
  CalendarQuery,
  ConsolidatedAnswer,
  ConsolidatedQuery,
  ConsolidatedRow,
  DraftBody,
  PlanCycleAnswer,
  PlanCycleBody,
  PlanViewAnswer,
  PlanViewQuery,
  PlanViewRow,
  ProcessFigures,
  ReportParams,
  SubmitBody,
} from '../../shared/reporting-contract'
import { evaluateTargets } from '../../shared/scoring'
import type { StatsQuery } from '../../shared/stats-query'
import { recordAudit } from '../audit/service'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { feedbackTargetMetric, handlingFigures } from '../feedback/service'
import { buildPeriodicReport, type PeriodicReport } from '../reports/service'
import { findFieldLabels, getStats, type GroupOut } from '../stats/service'
import { listSurveys } from '../surveys/service'
import { listPlans, listTargets } from '../targets/service'
import { isInScope, scopeOf, todayOf } from '../units/scope'
import {
  findLastVersionNumber,
  findPlanCycle,
  findPlanCycles,
  findPlanTargets,
  findReport,
  findReportStates,
  findUnitVersionFacts,
  findVersion,
  findVersionSummaries,
  insertVersion,
  lockReport,
  type PlanCycleRow,
  updatePlanCycle,
  upsertDraft,
  type VersionRow,
} from './queries'

const notFound = () => new AppError('not_found', 'Không tìm thấy đơn vị này trong phạm vi của bạn.')

const liveOn = (v: UnitVersionFact, onDate: string) => v.validFrom <= onDate && (v.validTo === null || v.validTo > onDate)
const versionOn = (tree: UnitVersionFact[], unitId: number, onDate: string) => tree.find((v) => v.unitId === unitId && liveOn(v, onDate))

/** The unit itself and every unit above it on `onDate`, nearest first. */
function chainOf(tree: UnitVersionFact[], unitId: number, onDate: string) {
  const chain: UnitVersionFact[] = []
  for (
    let v = versionOn(tree, unitId, onDate);
    v && chain.length < 20;
    v = v.parentId === null ? undefined : versionOn(tree, v.parentId, onDate)
  ) {
    chain.push(v)
  }
  return chain
}

/**
 * Who may read a unit's reports: an admin, or a user whose subtree holds the unit today or on the period's last
 * day (a district still reads what its communes sent before the 2025 reform moved them).
 */
async function requireReader(deps: Deps, user: CurrentUser, unitId: number, onDates: string[]) {
  for (const onDate of [todayOf(deps), ...onDates]) if (isInScope(await scopeOf(deps, user, onDate), unitId)) return
  throw notFound()
}

/** Only the unit's own manager drafts and sends its report; supervising levels read it. */
async function requireWriter(deps: Deps, user: CurrentUser, unitId: number, onDates: string[]) {
  await requireReader(deps, user, unitId, onDates)
  if (user.role !== 'manager' || user.unitId !== unitId) {
    throw new AppError('forbidden', 'Chỉ cán bộ quản lý của chính đơn vị mới được soạn và gửi báo cáo của đơn vị.')
  }
}

type AdHoc = { title: string | null; dueBefore: string | null } | undefined

/**
 * The report of `periodKey` for a unit: its days and deadline, for the unit's level on the period's last day.
 * An ad-hoc report is labelled with its subject and due by its request's day, once its draft gives them.
 */
async function dueOf(deps: Deps, tree: UnitVersionFact[], unitId: number, periodKey: string, adHoc?: AdHoc) {
  const period = parsePeriodKey(periodKey)
  if (!period) throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', [{ path: ['periodKey'], message: 'Kỳ báo cáo không hợp lệ.' }])
  const probe = dueReportOf(period, 'xa')
  // The plan the unit follows that year says how its periods are cut and when they are due.
  const { rule } = await cycleOf(deps, tree, unitId, Number(probe.to.slice(0, 4)))
  const unit = versionOn(tree, unitId, reportRange(period, rule).to)
  // The same answer as a unit outside the user's scope: whether a unit exists is not revealed either.
  if (!unit) throw notFound()
  const due = dueReportOf(period, unit.level, { adHocDueBefore: adHoc?.dueBefore ?? undefined, rule })
  if (period.kind === 'dot-xuat') {
    const days = `${formatDate(due.from)} – ${formatDate(due.to)}`
    due.label = adHoc?.title ? `Báo cáo đột xuất: ${adHoc.title} (${days})` : due.label
    due.deadlineLabel = adHoc?.dueBefore ? due.deadlineLabel : 'Hạn gửi theo văn bản yêu cầu (chưa nhập)'
  }
  const supervisor = supervisorOn(tree, unitId, due.to) ?? null
  return { due, unit, supervisor, recipient: recipientLabel(supervisor) }
}

/** The reporting cycle a unit follows in `year`: the nearest plan of its own or of a unit above it. */
async function cycleOf(deps: Deps, tree: UnitVersionFact[], unitId: number, year: number) {
  const chain = chainOf(tree, unitId, `${year}-12-14`)
  const plans = await findPlanCycles(
    deps.sql,
    chain.map((v) => v.unitId),
  )
  const fits = (p: (typeof plans)[number]) => p.issuedOn <= `${year}-12-31` && (p.phaseTo === null || p.phaseTo >= year)
  for (const v of chain) {
    const plan = plans.find((p) => p.unitId === v.unitId && fits(p))
    if (plan) return cycleOfPlan(plan)
  }
  return { kinds: defaultReportKinds, phase: null, rule: defaultReportRule }
}

const cycleOfPlan = (plan: PlanCycleRow) => ({
  kinds: plan.reportKinds,
  phase: plan.phaseFrom === null ? null : { fromYear: plan.phaseFrom, toYear: plan.phaseTo! },
  rule: { mode: plan.reportPeriodMode, deadlineDay: plan.reportDeadlineDay } as ReportRule,
})

function calendarFor(tree: UnitVersionFact[], unitId: number, year: number, cycle: Awaited<ReturnType<typeof cycleOf>>) {
  return reportingCalendar({ year, ...cycle, reporterLevel: 'xa' }).flatMap((probe) => {
    const unit = versionOn(tree, unitId, probe.to)
    return unit ? [dueReportOf(probe.period, unit.level, { rule: cycle.rule })] : []
  })
}

/** GET /calendar: the reports a unit owes in a year, when, and to whom. */
export async function getCalendar(deps: Deps, user: CurrentUser, query: CalendarQuery): Promise<CalendarAnswer> {
  const unitId = requireUnitId(user, query.unitId)
  const tree = await findUnitVersionFacts(deps.sql)
  await requireReader(deps, user, unitId, [`${query.year}-12-14`])
  const reports = calendarFor(tree, unitId, query.year, await cycleOf(deps, tree, unitId, query.year)).map((due) => {
    const supervisor = supervisorOn(tree, unitId, due.to) ?? null
    return { ...dueSummary(due), recipientUnitId: supervisor?.unitId ?? null, recipientLabel: recipientLabel(supervisor) }
  })
  return { unitId, year: query.year, reports }
}

const dueSummary = (due: DueReport) => ({
  key: due.key,
  label: due.label,
  from: due.from,
  to: due.to,
  dueBefore: due.dueBefore,
  deadlineLabel: due.deadlineLabel,
})

function requireUnitId(user: CurrentUser, unitId: number | undefined) {
  const id = unitId ?? user.unitId
  if (id === null || id === undefined) {
    throw new AppError('invalid_input', 'Chọn đơn vị báo cáo.', [{ path: ['unitId'], message: 'Cần chọn đơn vị báo cáo.' }])
  }
  return id
}

const statsQueryOf = (unitId: number, due: DueReport, surveyId: number | undefined): StatsQuery => ({
  // An ad-hoc report's figures are labelled by their days; its subject heads the report.
  range: {
    from: due.from,
    to: due.to,
    label: due.key.startsWith('dot-xuat-') ? `${formatDate(due.from)} – ${formatDate(due.to)}` : due.label,
  },
  unitId,
  surveyId,
  groupBy: 'none',
  verified: 'all',
})

/** The figures as the stats service counts them now; null when the unit has no rating in the period. */
async function liveFigures(deps: Deps, user: CurrentUser, unitId: number, due: DueReport, surveyId: number | undefined) {
  try {
    return await buildPeriodicReport(deps, user, statsQueryOf(unitId, due, surveyId))
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found' && surveyId === undefined) return null
    throw error
  }
}

/** GET /units/:unitId/reports/:periodKey: the draft, today's figures and every version sent. */
export async function getReport(deps: Deps, user: CurrentUser, { unitId, periodKey }: ReportParams) {
  const tree = await findUnitVersionFacts(deps.sql)
  const draft = await findReport(deps.sql, unitId, periodKey)
  const { due, unit, recipient } = await dueOf(deps, tree, unitId, periodKey, draft)
  await requireReader(deps, user, unitId, [due.to])
  const live = await liveFigures(deps, user, unitId, due, draft?.surveyId)
  return {
    unitId,
    unitName: unit.name,
    due: dueSummary(due),
    recipientLabel: recipient,
    canEdit: user.role === 'manager' && user.unitId === unitId,
    draft: draft
      ? { surveyId: draft.surveyId, sections: draft.sections, title: draft.title, dueBefore: draft.dueBefore, updatedAt: draft.updatedAt }
      : null,
    live: live && { overall: live.overall, targets: live.targets, survey: live.survey, periodLabel: live.periodLabel },
    versions: draft ? await findVersionSummaries(deps.sql, draft.id) : [],
  }
}

/** PUT /units/:unitId/reports/:periodKey: writes the draft (the unit's manager only), audited. */
export async function saveDraft(deps: Deps, user: CurrentUser, { unitId, periodKey }: ReportParams, body: DraftBody) {
  const tree = await findUnitVersionFacts(deps.sql)
  const { due } = await dueOf(deps, tree, unitId, periodKey)
  await requireWriter(deps, user, unitId, [due.to])
  const adHoc = adHocOf(periodKey, due, body)
  const existing = await findReport(deps.sql, unitId, periodKey)
  let surveyId = body.surveyId ?? existing?.surveyId
  if (surveyId === undefined) {
    const live = await liveFigures(deps, user, unitId, due, undefined)
    if (!live)
      throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', [
        { path: ['surveyId'], message: 'Đơn vị chưa có phiếu nào trong kỳ: hãy chọn phiếu khảo sát.' },
      ])
    surveyId = live.survey.id
  } else if (body.surveyId !== undefined) {
    // Refuses a questionnaire that does not exist before anything is written.
    await liveFigures(deps, user, unitId, due, surveyId).catch((error) => {
      throw error instanceof AppError && error.code === 'not_found'
        ? new AppError('invalid_input', 'Dữ liệu không hợp lệ.', [{ path: ['surveyId'], message: 'Không tìm thấy phiếu khảo sát.' }])
        : error
    })
  }
  const id = await deps.sql.begin(async (tx) => {
    const id = await upsertDraft(tx, { unitId, periodKey, surveyId, sections: body.sections, ...adHoc, userId: user.id })
    await recordAudit(tx, user, {
      action: 'save_draft',
      entity: 'unit_report',
      entityId: id,
      unitId,
      details: { periodKey, surveyId, ...(adHoc.title === null ? {} : adHoc) },
    })
    return id
  })
  return getReport(deps, user, { unitId, periodKey }).then((report) => ({ ...report, id }))
}

/** An ad-hoc report's subject and deadline, required for it and refused for a periodic report. */
function adHocOf(periodKey: string, due: DueReport, body: DraftBody): { title: string | null; dueBefore: string | null } {
  const isAdHoc = parsePeriodKey(periodKey)?.kind === 'dot-xuat'
  const issues: { path: string[]; message: string }[] = []
  if (isAdHoc) {
    if (body.title === undefined) issues.push({ path: ['title'], message: 'Báo cáo đột xuất cần nêu nội dung (trích yếu).' })
    if (body.dueBefore === undefined) issues.push({ path: ['dueBefore'], message: 'Báo cáo đột xuất cần hạn gửi theo văn bản yêu cầu.' })
    else if (body.dueBefore <= due.to) {
      issues.push({ path: ['dueBefore'], message: 'Hạn gửi phải sau ngày cuối của khoảng báo cáo.' })
    }
  } else {
    for (const key of ['title', 'dueBefore'] as const) {
      if (body[key] !== undefined) issues.push({ path: [key], message: 'Chỉ báo cáo đột xuất mới nhập nội dung và hạn gửi riêng.' })
    }
  }
  if (issues.length > 0) throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', issues)
  return { title: body.title ?? null, dueBefore: body.dueBefore ?? null }
}

/**
 * POST …/submit: freezes the draft with the figures the stats service gives now and sends it to the unit's
 * supervising unit on the period's last day. From the second submission on a reason is required and a new
 * version is made; earlier versions stay as they were sent.
 */
export async function submitReport(deps: Deps, user: CurrentUser, { unitId, periodKey }: ReportParams, body: SubmitBody) {
  const tree = await findUnitVersionFacts(deps.sql)
  const draft = await findReport(deps.sql, unitId, periodKey)
  const { due, supervisor, recipient } = await dueOf(deps, tree, unitId, periodKey, draft)
  await requireWriter(deps, user, unitId, [due.to])
  if (!draft) throw new AppError('conflict', 'Chưa có bản nháp: hãy soạn và lưu báo cáo trước khi gửi.')
  const figures = {
    ...(await buildPeriodicReport(deps, user, statsQueryOf(unitId, due, draft.surveyId))),
    plan: await planSectionOf(deps, user, unitId, { periodKey }),
  }
  const now = deps.clock()
  const version = await deps.sql.begin(async (tx) => {
    const report = await lockReport(tx, unitId, periodKey)
    if (!report) throw new AppError('conflict', 'Chưa có bản nháp: hãy soạn và lưu báo cáo trước khi gửi.')
    const last = await findLastVersionNumber(tx, report.id)
    if (last !== null && body.reason === undefined) {
      throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', [
        { path: ['reason'], message: `Báo cáo đã gửi (lần ${last}): cần nêu lý do gửi lại.` },
      ])
    }
    const version = (last ?? 0) + 1
    await insertVersion(tx, {
      reportId: report.id,
      version,
      periodLabel: due.label,
      periodFrom: due.from,
      periodTo: due.to,
      dueBefore: due.dueBefore,
      recipientUnitId: supervisor?.unitId ?? null,
      recipientLabel: recipient,
      submittedAt: now,
      submittedOn: localTimeOf(now, deps.config.timeZone).date,
      submittedBy: user.id,
      reason: body.reason ?? null,
      figures,
      sections: report.sections,
    })
    await recordAudit(tx, user, {
      action: version === 1 ? 'submit' : 'resubmit',
      entity: 'unit_report',
      entityId: report.id,
      unitId,
      details: { periodKey, version, recipientUnitId: supervisor?.unitId ?? null, reason: body.reason ?? null },
    })
    return version
  })
  return getVersion(deps, user, { unitId, periodKey, version })
}

export type FrozenReport = VersionRow & { figures: PeriodicReport & { plan?: PlanViewAnswer | null } }

/** One version as it was sent (the latest when `version` is null): figures and text from the frozen row only. */
export async function getVersion(
  deps: Deps,
  user: CurrentUser,
  { unitId, periodKey, version }: ReportParams & { version: number | null },
): Promise<FrozenReport> {
  const tree = await findUnitVersionFacts(deps.sql)
  const { due } = await dueOf(deps, tree, unitId, periodKey)
  await requireReader(deps, user, unitId, [due.to])
  const row = await findVersion(deps.sql, unitId, periodKey, version)
  if (!row) throw new AppError('not_found', 'Không tìm thấy bản báo cáo đã gửi.')
  return row as FrozenReport
}

/**
 * GET /board: every unit reporting to `unitId` × every report of the year whose period has begun by `today`,
 * with where it stands. Subordinates are read from the tree on each period's last day.
 */
export async function getBoard(deps: Deps, user: CurrentUser, query: CalendarQuery, today = todayOf(deps)): Promise<BoardAnswer> {
  const unitId = requireUnitId(user, query.unitId)
  const tree = await findUnitVersionFacts(deps.sql)
  await requireReader(deps, user, unitId, [`${query.year}-12-14`])
  const cycle = await cycleOf(deps, tree, unitId, query.year)
  const probes = reportingCalendar({ year: query.year, ...cycle, reporterLevel: 'xa' }).filter((p) => p.from <= today)
  const pairs = probes.flatMap((probe) =>
    subordinatesOn(tree, unitId, probe.to)
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
      .map((sub) => ({ sub, due: dueReportOf(probe.period, sub.level, { rule: cycle.rule }) })),
  )
  const states = await findReportStates(
    deps.sql,
    [...new Set(pairs.map((p) => p.sub.unitId))],
    probes.map((p) => p.key),
  )
  const stateOf = new Map(states.map((s) => [`${s.unitId}|${s.periodKey}`, s]))
  const rows = pairs.map(({ sub, due }) => {
    const state = stateOf.get(`${sub.unitId}|${due.key}`)
    const cell = boardCellOf({
      dueBefore: due.dueBefore,
      today,
      firstSubmittedOn: state?.firstSubmittedOn ?? null,
      hasDraft: state !== undefined,
    })
    return {
      unitId: sub.unitId,
      unitName: sub.name,
      periodKey: due.key,
      periodLabel: due.label,
      dueBefore: due.dueBefore,
      ...cell,
      statusLabel: boardStatusLabels[cell.status],
      latestVersion: state?.latestVersion ?? null,
    }
  })
  return { unitId, year: query.year, today, rows }
}

const figureOf = (g: { responses: number; rate: number | null; ci95: [number, number] | null; sufficient: boolean }) => ({
  responses: g.responses,
  rate: g.rate,
  ci95: g.ci95,
  sufficient: g.sufficient,
})

/**
 * GET /consolidated: the subordinates' frozen figures side by side, ranked by rate, each beside a recount of
 * the same query today (a difference means flags, restores or late ratings since it was sent), and the
 * supervising unit's own pooled figures for the same questionnaire and days.
 */
export async function getConsolidated(deps: Deps, user: CurrentUser, query: ConsolidatedQuery): Promise<ConsolidatedAnswer> {
  const unitId = requireUnitId(user, query.unitId)
  const tree = await findUnitVersionFacts(deps.sql)
  const { due, unit } = await dueOf(deps, tree, unitId, query.periodKey)
  await requireReader(deps, user, unitId, [due.to])
  const subordinates = subordinatesOn(tree, unitId, due.to)
  const frozen = new Map<number, VersionRow>()
  for (const sub of subordinates) {
    const row = await findVersion(deps.sql, sub.unitId, query.periodKey, null)
    if (row) frozen.set(sub.unitId, row)
  }
  const frozenSurveyIds = [...frozen.values()].map((r) => (r.figures as PeriodicReport).survey.id)
  const own = await buildPeriodicReport(deps, user, statsQueryOf(unitId, due, query.surveyId ?? frozenSurveyIds[0]))
  const surveyId = own.survey.id
  const liveOf = await liveBySubordinate(deps, user, tree, unitId, due, surveyId)
  const rows: ConsolidatedRow[] = []
  for (const sub of subordinates) {
    const row = frozen.get(sub.unitId)
    const figures = row?.figures as PeriodicReport | undefined
    const sameSurvey = figures?.survey.id === surveyId
    const liveFigure = await liveOf(sub.unitId)
    const frozenFigure = figures && sameSurvey ? figureOf(figures.overall) : null
    rows.push({
      unitId: sub.unitId,
      unitName: sub.name,
      rank: null,
      version: row?.version ?? null,
      submittedOn: row?.submittedOn ?? null,
      frozen: frozenFigure,
      targets: figures && sameSurvey ? figures.targets : [],
      live: liveFigure,
      differsFromLive: frozenFigure !== null && (frozenFigure.responses !== liveFigure.responses || frozenFigure.rate !== liveFigure.rate),
    })
  }
  const ranked = rows.filter((r) => r.frozen?.rate !== null && r.frozen !== null).sort((a, b) => b.frozen!.rate! - a.frozen!.rate!)
  ranked.forEach((r, i) => {
    r.rank = i > 0 && ranked[i - 1]!.frozen!.rate === r.frozen!.rate ? ranked[i - 1]!.rank : i + 1
  })
  rows.sort(
    (a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.unitName.localeCompare(b.unitName, 'vi'),
  )
  const counted = rows.filter((r) => r.frozen !== null)
  return {
    unitId,
    unitName: unit.name,
    periodKey: query.periodKey,
    periodLabel: due.label,
    survey: own.survey,
    own: { overall: figureOf(own.overall), targets: own.targets },
    rows,
    frozenTotals: { reports: counted.length, responses: counted.reduce((sum, r) => sum + r.frozen!.responses, 0) },
  }
}

const noRatings = { responses: 0, rate: null, ci95: null, sufficient: false }

/**
 * Today's count of each subordinate over the period, for the recount beside its frozen figures: one stats query
 * grouped by unit over the supervising unit's subtree. A subordinate that was not under this unit for the whole
 * period (it moved in with the 2025 reform, or changed name or parent mid-period) is counted on its own, as its
 * manager's report counted it: the grouped query would hold only its days under this unit.
 */
async function liveBySubordinate(deps: Deps, user: CurrentUser, tree: UnitVersionFact[], unitId: number, due: DueReport, surveyId: number) {
  const grouped = await getStats(deps, user, { ...statsQueryOf(unitId, due, surveyId), groupBy: 'unit' })
  const byBranch = new Map(grouped.groups.map((g) => [Number(g.key), figureOf(g)]))
  const wholePeriodUnder = (subId: number) =>
    tree.some((v) => v.unitId === subId && v.parentId === unitId && v.validFrom <= due.from && (v.validTo === null || v.validTo > due.to))
  return async (subId: number) => {
    if (wholePeriodUnder(subId)) return byBranch.get(subId) ?? noRatings
    return figureOf((await getStats(deps, user, { ...statsQueryOf(subId, due, surveyId), groupBy: 'none' })).overall)
  }
}

const withLabel = (range: { from: string; to: string }) => ({ ...range, label: `${formatDate(range.from)} – ${formatDate(range.to)}` })

/** The period asked for and what it is compared with: a report's period, or an ad-hoc range (year over year). */
function rangesOf(query: Pick<PlanViewQuery, 'periodKey' | 'from' | 'to'>, rule: ReportRule = defaultReportRule) {
  if (query.periodKey !== undefined) {
    const period = parsePeriodKey(query.periodKey)!
    const labelled = (p: typeof period) => ({ ...reportRange(p, rule), label: reportLabel(p, rule) })
    return { current: labelled(period), previous: labelled(previousPeriod(period)), lastYear: labelled(samePeriodLastYear(period)) }
  }
  const current = { from: query.from!, to: query.to! }
  const { previous, lastYear } = comparisonRanges(current)
  return { current: withLabel(current), previous: withLabel(previous), lastYear: withLabel(lastYear) }
}

const roundToTenth = (points: number) => Math.round(points * 10) / 10

/**
 * GET /plan-view: every target of a plan whose days meet the period, each computed from every questionnaire
 * that measures its metric (a questionnaire is a row: rates of different questionnaires are not pooled), with
 * the previous period, the same period a year earlier, and the gap to the same target's value in the plan's
 * last year. Every figure comes from the stats service with the dashboard's query.
 */
export async function getPlanView(deps: Deps, user: CurrentUser, query: PlanViewQuery): Promise<PlanViewAnswer> {
  const plan = (await listPlans(deps, user)).find((p) => p.id === query.planId)
  if (!plan) throw new AppError('not_found', 'Không tìm thấy kế hoạch.')
  const ranges = rangesOf(query, cycleOfPlan((await findPlanCycle(deps.sql, plan.id))!).rule)
  const targets = (await listTargets(deps, user, { planId: plan.id })).filter((t) => t.planId === plan.id)
  return {
    planId: plan.id,
    planTitle: `${plan.number}: ${plan.title}`,
    periodKey: query.periodKey ?? null,
    periodLabel: ranges.current.label,
    previousLabel: ranges.previous.label,
    lastYearLabel: ranges.lastYear.label,
    rows: await planRows(deps, user, targets, ranges, null),
  }
}

/**
 * The whole-plan section of a unit's report: the plan the unit follows (its own, else the nearest unit above
 * it whose plan was issued by the period's end), every target of it measured on the reporting unit itself,
 * by the same rows as GET /plan-view. Null when no plan applies.
 */
export async function planSectionOf(
  deps: Deps,
  user: CurrentUser,
  unitId: number,
  period: { periodKey: string } | { from: string; to: string },
): Promise<PlanViewAnswer | null> {
  const periodKey = 'periodKey' in period ? period.periodKey : undefined
  const tree = await findUnitVersionFacts(deps.sql)
  const to = rangesOf(period).current.to
  await requireReader(deps, user, unitId, [to])
  const chain = chainOf(tree, unitId, to)
  const plans = await findPlanCycles(
    deps.sql,
    chain.map((v) => v.unitId),
  )
  for (const v of chain) {
    for (const plan of plans.filter((p) => p.unitId === v.unitId && p.issuedOn <= to)) {
      const targets = await findPlanTargets(deps.sql, plan.id)
      const ranges = rangesOf(period, cycleOfPlan(plan).rule)
      if (!targets.some((t) => t.periodStart <= ranges.current.to && t.periodEnd >= ranges.current.from)) continue
      return {
        planId: plan.id,
        planTitle: `${plan.number}: ${plan.title}`,
        periodKey: periodKey ?? null,
        periodLabel: ranges.current.label,
        previousLabel: ranges.previous.label,
        lastYearLabel: ranges.lastYear.label,
        rows: await planRows(deps, user, targets, ranges, unitId),
      }
    }
  }
  return null
}

/**
 * Every target of a plan whose days meet the period, each computed from every questionnaire that measures its
 * metric (a questionnaire is a row: rates of different questionnaires are not pooled), with the previous
 * period, the same period a year earlier, and the gap to the same target's value in the plan's last year.
 * Every figure comes from the stats service with the dashboard's query, on the target's unit or, for a unit's
 * report, on `measuredUnitId`.
 */
async function planRows(
  deps: Deps,
  user: CurrentUser,
  targets: Target[],
  ranges: Ranges,
  measuredUnitId: number | null,
): Promise<PlanViewRow[]> {
  const surveys = await listSurveys(deps)
  const sameScope = (a: Target, b: Target) =>
    a.unitId === b.unitId && a.metric === b.metric && [...a.fieldIds].sort().join() === [...b.fieldIds].sort().join()
  const rows: PlanViewRow[] = []
  const current = targets.filter((t) => t.periodStart <= ranges.current.to && t.periodEnd >= ranges.current.from)
  for (const target of current) {
    const unitId = measuredUnitId ?? target.unitId
    const fields = target.fieldIds.length === 0 ? undefined : (await findFieldLabels(deps, target.fieldIds)).map((f) => f.code)
    const final = targets.filter((t) => sameScope(t, target)).sort((a, b) => (a.periodEnd < b.periodEnd ? 1 : -1))[0]!
    if (target.metric === feedbackTargetMetric) {
      rows.push(await feedbackRow(deps, user, { ...target, unitId }, ranges, final))
      continue
    }
    const measuring = surveys.filter((s) => s.metric === target.metric)
    if (measuring.length === 0) {
      const none = { responses: 0, rate: null, ci95: null }
      rows.push({
        targetId: target.id,
        unitId,
        scope: (await findUnitName(deps, user, unitId, ranges.current)) ?? '',
        metric: target.metric,
        value: target.valuePercent / 100,
        surveyId: null,
        surveyTitle: 'Chưa có phiếu khảo sát nào đo chỉ tiêu này',
        current: { ...none, met: null, gapPoints: null },
        previous: none,
        lastYear: none,
        finalTarget: null,
        process: null,
      })
    }
    for (const survey of measuring) {
      const statsOf = (range: { from: string; to: string; label: string }) =>
        getStats(deps, user, { range, unitId, surveyId: survey.id, fields, groupBy: 'none', verified: 'all' })
      const [now, previous, lastYear] = [await statsOf(ranges.current), await statsOf(ranges.previous), await statsOf(ranges.lastYear)]
      const value = target.valuePercent / 100
      const [verdict] = evaluateTargets(now.overall.rate, [{ value, source: '' }])
      const figure = (g: typeof now.overall) => ({ responses: g.responses, rate: g.rate, ci95: g.ci95 })
      rows.push({
        targetId: target.id,
        unitId,
        scope: now.overall.label,
        metric: target.metric,
        value,
        surveyId: survey.id,
        surveyTitle: survey.title,
        current: { ...figure(now.overall), met: verdict!.met, gapPoints: verdict!.gapPoints },
        previous: figure(previous.overall),
        lastYear: figure(lastYear.overall),
        finalTarget:
          final.periodEnd > target.periodEnd
            ? {
                year: Number(final.periodEnd.slice(0, 4)),
                value: final.valuePercent / 100,
                gapPoints: now.overall.rate === null ? null : roundToTenth((now.overall.rate - final.valuePercent / 100) * 100),
              }
            : null,
        process: processFiguresOf(now.overall),
      })
    }
  }
  return rows
}

/** The dossier figures the stats service puts beside a group, as their own metrics; null without dossier counts. */
export function processFiguresOf(group: Pick<GroupOut, 'dossiers' | 'responseRate' | 'realtimeIndex'>): ProcessFigures | null {
  if (!group.dossiers) return null
  const { returned, overdue } = group.dossiers
  return {
    dossiersReturned: returned,
    dossiersOverdue: overdue,
    responseRate: group.responseRate ?? null,
    onTimeRate: returned > 0 ? (returned - overdue) / returned : null,
    realtimeIndex: group.realtimeIndex?.rate ?? null,
  }
}

type Ranges = ReturnType<typeof rangesOf>

/**
 * A target of kind "xử lý phản ánh, kiến nghị" is measured by the cases, not a questionnaire: the share handled
 * (as on the dashboard and in the periodic report), its cases as the count, no interval.
 */
async function feedbackRow(deps: Deps, user: CurrentUser, target: Target, ranges: Ranges, final: Target): Promise<PlanViewRow> {
  const figuresOf = async (range: Ranges['current']) => (await handlingFigures(deps, user, { unitId: target.unitId, range })).overall
  const [now, previous, lastYear] = [await figuresOf(ranges.current), await figuresOf(ranges.previous), await figuresOf(ranges.lastYear)]
  const value = target.valuePercent / 100
  const figure = (f: HandlingFigures) => ({ responses: f.cases, rate: f.handledRate, ci95: null })
  const gap = (to: number) => (now.handledRate === null ? null : roundToTenth((now.handledRate - to) * 100))
  return {
    targetId: target.id,
    unitId: target.unitId,
    scope: (await findUnitName(deps, user, target.unitId, ranges.current)) ?? '',
    metric: target.metric,
    value,
    surveyId: null,
    surveyTitle: 'Phản ánh, kiến nghị đã được xử lý (theo hồ sơ phản ánh, không theo phiếu)',
    current: { ...figure(now), met: handlingVerdict(now, value), gapPoints: gap(value) },
    previous: figure(previous),
    lastYear: figure(lastYear),
    process: null,
    finalTarget:
      final.periodEnd > target.periodEnd
        ? { year: Number(final.periodEnd.slice(0, 4)), value: final.valuePercent / 100, gapPoints: gap(final.valuePercent / 100) }
        : null,
  }
}

/** The unit's name as the stats service labels it, for a target no questionnaire measures. */
async function findUnitName(deps: Deps, user: CurrentUser, unitId: number, range: { from: string; to: string; label: string }) {
  const tree = await findUnitVersionFacts(deps.sql)
  await requireReader(deps, user, unitId, [range.to])
  return versionOn(tree, unitId, range.to)?.name
}

/** The plan a user may see, with its reporting cycle, and whether they may change it (an admin, or a manager over the plan's unit). */
async function planWithCycle(deps: Deps, user: CurrentUser, planId: number) {
  const plan = (await listPlans(deps, user)).find((p) => p.id === planId)
  const cycle = plan && (await findPlanCycle(deps.sql, planId))
  if (!plan || !cycle) throw new AppError('not_found', 'Không tìm thấy kế hoạch.')
  const canEdit = user.role === 'admin' || (user.role === 'manager' && isInScope(await scopeOf(deps, user), cycle.unitId))
  return { plan, cycle, canEdit }
}

const cycleAnswer = ({ plan, cycle, canEdit }: Awaited<ReturnType<typeof planWithCycle>>): PlanCycleAnswer => ({
  planId: plan.id,
  planTitle: `${plan.number}: ${plan.title}`,
  canEdit,
  cycle: {
    reportKinds: cycle.reportKinds,
    periodMode: cycle.reportPeriodMode,
    deadlineDay: cycle.reportDeadlineDay,
    phase: cycle.phaseFrom === null ? null : { fromYear: cycle.phaseFrom, toYear: cycle.phaseTo! },
  },
})

/** GET /plans/:planId/cycle: the reports a plan asks for, how its periods are cut, when they are due, its phase. */
export async function getPlanCycle(deps: Deps, user: CurrentUser, planId: number) {
  return cycleAnswer(await planWithCycle(deps, user, planId))
}

/** PUT /plans/:planId/cycle: sets the plan's reporting cycle, audited with what it was and what it becomes. */
export async function setPlanCycle(deps: Deps, user: CurrentUser, planId: number, body: PlanCycleBody) {
  const found = await planWithCycle(deps, user, planId)
  if (!found.canEdit)
    throw new AppError('forbidden', 'Chỉ quản trị viên hoặc cán bộ quản lý của đơn vị ban hành kế hoạch được sửa lịch báo cáo.')
  await deps.sql.begin(async (tx) => {
    await updatePlanCycle(tx, planId, {
      reportKinds: body.reportKinds,
      periodMode: body.periodMode,
      deadlineDay: body.deadlineDay,
      phaseFrom: body.phase?.fromYear ?? null,
      phaseTo: body.phase?.toYear ?? null,
    })
    await recordAudit(tx, user, {
      action: 'update_cycle',
      entity: 'plan',
      entityId: planId,
      unitId: found.cycle.unitId,
      details: { before: cycleAnswer(found).cycle, after: body },
    })
  })
  return getPlanCycle(deps, user, planId)
}
