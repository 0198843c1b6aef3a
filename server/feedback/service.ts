import { randomBytes } from 'node:crypto'
import type { CurrentUser } from '../../shared/auth-contract'
import {
  alertWindowDays,
  type AlertsAnswer,
  caseStatusNames,
  inboxMinRatings,
  normalizeFollowUpCode,
  type CaseStatus,
  type FeedbackCase,
  type FiguresAnswer,
  type FiguresQuery,
  type FollowUp,
  type HandlingFigures,
  type InboxAnswer,
  type InboxQuery,
  type NewCase,
  type ThemesAnswer,
  type ThemesQuery,
} from '../../shared/feedback-contract'
import { topPhrases } from '../../shared/vietnamese-phrases'
import { localTimeOf } from '../../shared/local-time'
import { notApplicable, notApplicableLabel, scales } from '../../shared/scales'
import { SurveyDefinition } from '../../shared/survey-definition'
import { dueDateOf } from '../../shared/working-days'
import { recordAudit } from '../audit/service'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { findResponseByFollowUpCode } from '../responses/service'
import { resolveReadScope } from '../stats/scope'
import { getStats } from '../stats/service'
import { formatDate } from '../../shared/format'
import { deliver, type DeliveryOptions } from './webhook'
import { isInScope, listScopeOf, requireUnitInScope, scopeOf, todayOf } from '../units/scope'
import { itemKeyOf, responseIdOf } from './item-key'
import {
  countCounterMonth,
  countInbox,
  deleteWebhook,
  findOverdueCases,
  findWebhooksAbove,
  markOverdueAnnounced,
  upsertWebhook,
  findCase,
  findCaseByResponse,
  findCases,
  findHandlingFigures,
  findInboxPage,
  findPooledMedian,
  findResponseForCase,
  findSurveyDefinitions,
  findTargetsOfKind,
  insertCase,
  updateCaseAnswer,
  updateCaseStatus,
  type CaseRow,
  type FigureRow,
} from './queries'

/** The target kind of feedback handling, as targets name it. */
export const feedbackTargetMetric = 'phan_anh_kien_nghi'

const pad = (n: number) => String(n).padStart(2, '0')

/** A range widened to whole months: the inbox shows a comment's month, so it filters by months too. */
export function wholeMonthsOf({ from, to }: { from: string; to: string }) {
  const [year, month] = to.split('-').map(Number) as [number, number]
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return { from: `${from.slice(0, 7)}-01`, to: `${to.slice(0, 7)}-${pad(lastDay)}` }
}

/** Whether a search text carries Vietnamese diacritics (then it must match them exactly). */
export const hasDiacritics = (text: string) => /[đĐ]/.test(text) || /[\u0300-\u036f]/.test(text.normalize('NFD'))

/**
 * GET /api/v1/feedback/inbox: comments and dissatisfied reasons in the reader's scope, a page at a time. An item
 * shows its month only, and only once its counter has `inboxMinRatings` kept ratings in that month, so that a
 * comment cannot be tied to the one citizen a counter served.
 */
export async function listInbox(deps: Deps, user: CurrentUser, query: InboxQuery): Promise<InboxAnswer> {
  const { range, filter } = await inboxFilterOf(deps, user, query)
  const [counts, rows] = await Promise.all([
    countInbox(deps.sql, filter),
    findInboxPage(deps.sql, { ...filter, limit: query.limit, offset: query.offset }),
  ])
  const definitions = await definitionsOf(deps, rows)
  return {
    ...range,
    minRatings: inboxMinRatings,
    total: counts.total,
    heldBack: counts.heldBack,
    limit: query.limit,
    offset: query.offset,
    items: rows.map((r) => {
      const definition = definitions.get(r.surveyVersionId)!
      return {
        key: itemKeyOf(deps.config.secretKey, r.id),
        month: r.month,
        unit: { id: r.unitId, name: r.unitName },
        counter: { id: r.counterId, name: r.counterName },
        field: r.fieldId === null ? null : { id: r.fieldId, name: r.fieldName ?? '' },
        score: r.score,
        scoreLabel: scoreLabelOf(definition, r.score),
        reasons: reasonsOf(definition, r.answers),
        comment: r.comment,
        case: r.caseId === null ? null : { id: r.caseId, status: r.caseStatus!, dueOn: r.caseDueOn! },
      }
    }),
  }
}

type InboxSelection = Pick<InboxQuery, 'range' | 'unitId' | 'counterId' | 'fieldId'> & Partial<Pick<InboxQuery, 'score' | 'q'>>

/** The scope and filter of an inbox read: whole months, the reader's subtree, the hold-back threshold. */
async function inboxFilterOf(deps: Deps, user: CurrentUser, query: InboxSelection) {
  const range = wholeMonthsOf(query.range)
  const { units } = await resolveReadScope(deps, user, { unitId: query.unitId, counterId: query.counterId }, range)
  const search = query.q ? { text: query.q, hasMarks: hasDiacritics(query.q) } : null
  const filter = {
    units,
    timeZone: deps.config.timeZone,
    counterId: query.counterId ?? null,
    fieldId: query.fieldId ?? null,
    score: query.score ?? null,
    search,
    minRatings: inboxMinRatings,
    orderSalt: itemKeyOf(deps.config.secretKey, '00000000-0000-4000-8000-000000000000'),
  }
  return { range, filter }
}

async function definitionsOf(deps: Deps, rows: { surveyVersionId: number }[]) {
  const versions = await findSurveyDefinitions(deps.sql, [...new Set(rows.map((r) => r.surveyVersionId))])
  return new Map(versions.map((v) => [v.id, SurveyDefinition.parse(v.definition)]))
}

/** At most this many items are read for the themes of one request. */
export const themesItemCap = 5000

/**
 * GET /api/v1/feedback/themes: what the items the inbox shows say together: each dissatisfied reason counted
 * over the period, by unit, field, counter and month, and the phrases most used in comments, each with the
 * comments behind it.
 */
export async function listThemes(deps: Deps, user: CurrentUser, query: ThemesQuery): Promise<ThemesAnswer> {
  const { range, filter } = await inboxFilterOf(deps, user, query)
  const rows = await findInboxPage(deps.sql, { ...filter, limit: themesItemCap + 1, offset: 0 })
  const isCapped = rows.length > themesItemCap
  const kept = rows.slice(0, themesItemCap)
  const definitions = await definitionsOf(deps, kept)
  const total = new Map<string, number>()
  const groups = { byUnit: new Map(), byField: new Map(), byCounter: new Map(), byMonth: new Map() } as Record<
    'byUnit' | 'byField' | 'byCounter' | 'byMonth',
    Map<string, { key: string; label: string; counts: Record<string, number> }>
  >
  const add = (group: keyof typeof groups, key: string, label: string, reason: string) => {
    const entry = groups[group].get(key) ?? { key, label, counts: {} }
    entry.counts[reason] = (entry.counts[reason] ?? 0) + 1
    groups[group].set(key, entry)
  }
  for (const row of kept) {
    for (const reason of reasonsOf(definitions.get(row.surveyVersionId)!, row.answers)) {
      total.set(reason, (total.get(reason) ?? 0) + 1)
      add('byUnit', String(row.unitId), row.unitName, reason)
      add('byField', String(row.fieldId ?? 0), row.fieldName ?? 'Không rõ lĩnh vực', reason)
      add('byCounter', String(row.counterId), `${row.unitName} · ${row.counterName}`, reason)
      add('byMonth', row.month, `Tháng ${Number(row.month.slice(5))}/${row.month.slice(0, 4)}`, reason)
    }
  }
  const comments = kept.flatMap((r) => (r.comment === null ? [] : [r.comment]))
  const sorted = (group: keyof typeof groups) =>
    [...groups[group].values()].sort((a, b) => (group === 'byMonth' ? a.key.localeCompare(b.key) : a.label.localeCompare(b.label, 'vi')))
  return {
    ...range,
    minRatings: inboxMinRatings,
    items: kept.length,
    isCapped,
    reasons: {
      total: [...total.entries()].map(([reason, n]) => ({ reason, n })).sort((a, b) => b.n - a.n || a.reason.localeCompare(b.reason, 'vi')),
      byUnit: sorted('byUnit'),
      byField: sorted('byField'),
      byCounter: sorted('byCounter'),
      byMonth: sorted('byMonth'),
    },
    phrases: topPhrases(comments).map((p) => ({
      phrase: p.phrase,
      comments: p.comments,
      examples: p.indexes.slice(0, 20).map((i) => comments[i]!),
    })),
  }
}

function scoreLabelOf(definition: SurveyDefinition, score: number | null) {
  if (score === null) return null
  if (score === notApplicable) return notApplicableLabel.label
  const headline = definition.questions.find((q) => q.key === definition.headline)
  return (headline?.scale && scales[headline.scale].levels.find((l) => l.value === score)?.label) ?? null
}

/** The labels of the options ticked in follow-up choice questions (what the dissatisfied were unhappy with). */
export function reasonsOf(definition: SurveyDefinition, answers: Record<string, unknown>): string[] {
  const labels: string[] = []
  for (const question of definition.questions) {
    const given = answers[question.key]
    if (question.type !== 'multi' || !question.showWhen || !Array.isArray(given)) continue
    for (const value of given) {
      const option = question.options?.find((o) => o.value === value)
      if (option) labels.push(option.label)
    }
  }
  return labels
}

const notFoundItem = () => new AppError('not_found', 'Không tìm thấy ý kiến này trong phạm vi của bạn.')
const notFoundCase = () => new AppError('not_found', 'Không tìm thấy phản ánh, kiến nghị này trong phạm vi của bạn.')

/**
 * POST /api/v1/feedback/cases: takes up an inbox item as a case, assigned to a unit of the user's scope, due
 * by the configured rule from today. An item the user could not see in the inbox answers 404.
 */
export async function createCase(deps: Deps, user: CurrentUser, input: NewCase): Promise<FeedbackCase> {
  const responseId = responseIdOf(deps.config.secretKey, input.itemKey)
  if (responseId === undefined) throw notFoundItem()
  const response = await findResponseForCase(deps.sql, responseId)
  if (!response) throw notFoundItem()
  const local = localTimeOf(response.submittedAt, deps.config.timeZone)
  if (!isInScope(await scopeOf(deps, user, local.date), response.unitId)) throw notFoundItem()
  const month = local.date.slice(0, 7)
  if ((await countCounterMonth(deps.sql, response.counterId, month, deps.config.timeZone)) < inboxMinRatings) throw notFoundItem()
  await requireUnitInScope(deps, user, input.assigneeUnitId)
  const receivedOn = todayOf(deps)
  const dueOn = dueDateOf(receivedOn, deps.config.feedback.deadline)
  const id = await deps.sql.begin(async (tx) => {
    const id = await insertCase(tx, {
      responseId,
      unitId: response.unitId,
      assigneeUnitId: input.assigneeUnitId,
      category: input.category,
      receivedOn,
      dueOn,
    })
    if (id === undefined) throw new AppError('conflict', 'Ý kiến này đã được tiếp nhận thành phản ánh, kiến nghị.')
    await recordAudit(tx, user, {
      action: 'create',
      entity: 'feedback_case',
      entityId: id,
      unitId: response.unitId,
      details: { category: input.category, assigneeUnitId: input.assigneeUnitId, receivedOn, dueOn },
    })
    return id
  })
  return caseOut(deps, (await findCase(deps.sql, id))!)
}

function caseOut(deps: Pick<Deps, 'clock' | 'config'>, row: CaseRow): FeedbackCase {
  return {
    id: row.id,
    category: row.category,
    status: row.status,
    unit: { id: row.unitId, name: row.unitName },
    assigneeUnit: { id: row.assigneeUnitId, name: row.assigneeUnitName },
    comment: row.comment,
    receivedOn: row.receivedOn,
    dueOn: row.dueOn,
    answer: row.answer,
    answeredOn: row.answeredOn,
    isOverdue: isOverdue(row, todayOf(deps)),
  }
}

/** Past its deadline: answered after it, or still unanswered after it. */
const isOverdue = (row: Pick<CaseRow, 'dueOn' | 'answeredOn'>, today: string) => (row.answeredOn ?? today) > row.dueOn

/** GET /api/v1/feedback/cases: the cases of units in the user's scope, as rated unit or as assignee. */
export async function listCases(deps: Deps, user: CurrentUser, query: { status?: CaseStatus | undefined; limit: number; offset: number }) {
  const { items, total } = await findCases(deps.sql, {
    unitIds: await scopeOf(deps, user),
    status: query.status ?? null,
    limit: query.limit,
    offset: query.offset,
  })
  return { items: items.map((row) => caseOut(deps, row)), total }
}

export async function getCase(deps: Deps, user: CurrentUser, id: number) {
  const row = await findCase(deps.sql, id)
  if (!row || !(await mayHandle(deps, user, row))) throw notFoundCase()
  return caseOut(deps, row)
}

async function mayHandle(deps: Deps, user: CurrentUser, row: Pick<CaseRow, 'unitId' | 'assigneeUnitId'>) {
  const scope = await scopeOf(deps, user)
  return isInScope(scope, row.unitId) || isInScope(scope, row.assigneeUnitId)
}

type Step = { action: 'start' | 'answer' | 'close'; from: CaseStatus[]; to: CaseStatus }
const steps: Record<Step['action'], Step> = {
  start: { action: 'start', from: ['received'], to: 'in_progress' },
  answer: { action: 'answer', from: ['received', 'in_progress'], to: 'answered' },
  close: { action: 'close', from: ['answered'], to: 'closed' },
}

/**
 * Moves a case one step: received → in progress → answered (with the answer text) → closed; answering
 * straight from received is allowed. Any other move is a 409; each step is audited in its own transaction.
 */
export async function advanceCase(deps: Deps, user: CurrentUser, id: number, action: Step['action'], answer?: string) {
  const step = steps[action]
  await deps.sql.begin(async (tx) => {
    const row = await findCase(tx, id, { lock: true })
    if (!row || !(await mayHandle(deps, user, row))) throw notFoundCase()
    if (!step.from.includes(row.status)) {
      throw new AppError(
        'conflict',
        `Không thể chuyển phản ánh từ trạng thái "${caseStatusNames[row.status]}" sang "${caseStatusNames[step.to]}".`,
      )
    }
    const today = todayOf(deps)
    if (action === 'answer') await updateCaseAnswer(tx, id, answer!, today)
    else await updateCaseStatus(tx, id, step.to)
    await recordAudit(tx, user, {
      action,
      entity: 'feedback_case',
      entityId: id,
      unitId: row.unitId,
      details: { from: row.status, to: step.to, ...(action === 'answer' ? { answer, answeredOn: today } : {}) },
    })
  })
  return getCase(deps, user, id)
}

/**
 * What the public follow-up page shows for a code: the case's status and the unit's answer, or "received"
 * while the comment waits to be taken up. Never the rating, its time or its counter. Unknown code: 404.
 */
export async function followUpOf(deps: Deps, text: string): Promise<FollowUp> {
  const code = normalizeFollowUpCode(text)
  const responseId = code === undefined ? undefined : await findResponseByFollowUpCode(deps, code)
  if (responseId === undefined) throw new AppError('not_found', 'Không tìm thấy mã theo dõi này.')
  const found = await findCaseByResponse(deps.sql, responseId)
  const status: CaseStatus = found?.status ?? 'received'
  return { status, statusLabel: caseStatusNames[status], answer: found?.answer ?? null }
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole)

function figuresOf(row: Omit<FigureRow, 'unitId' | 'unitName'>): HandlingFigures {
  return {
    comments: row.comments,
    commentsTaken: row.commentsTaken,
    cases: row.cases,
    handled: row.handled,
    onTime: row.onTime,
    overdue: row.overdue,
    receivedRate: rate(row.commentsTaken, row.comments),
    handledRate: rate(row.handled, row.cases),
    onTimeRate: rate(row.onTime, row.handled),
    medianDaysToAnswer: row.medianDaysToAnswer,
  }
}

/**
 * GET /api/v1/feedback/figures: per rated unit of the scope and pooled, the share of comments taken up as
 * cases, the share of cases answered, the share answered by the deadline and the median days to answer, with
 * the targets of kind "xử lý phản ánh, kiến nghị" set for the period. Reports can take these from here.
 */
export async function handlingFigures(deps: Deps, user: CurrentUser, query: FiguresQuery): Promise<FiguresAnswer> {
  const { range } = query
  const { units } = await resolveReadScope(deps, user, { unitId: query.unitId }, range)
  const rows = await findHandlingFigures(deps.sql, { units, timeZone: deps.config.timeZone, ...range, today: todayOf(deps) })
  const sum = (key: 'comments' | 'commentsTaken' | 'cases' | 'handled' | 'onTime' | 'overdue') => rows.reduce((n, r) => n + r[key], 0)
  const unitIds = rows.map((r) => r.unitId)
  const overall = figuresOf({
    comments: sum('comments'),
    commentsTaken: sum('commentsTaken'),
    cases: sum('cases'),
    handled: sum('handled'),
    onTime: sum('onTime'),
    overdue: sum('overdue'),
    medianDaysToAnswer: unitIds.length === 0 ? null : await findPooledMedian(deps.sql, { unitIds, ...range }),
  })
  const focusUnitId = query.unitId ?? user.unitId
  const targets = await findTargetsOfKind(deps.sql, {
    metric: feedbackTargetMetric,
    unitIds: [...new Set([...unitIds, ...(focusUnitId === null ? [] : [focusUnitId])])],
    ...range,
  })
  return {
    ...range,
    overall,
    units: rows.map((r) => ({ unit: { id: r.unitId, name: r.unitName }, ...figuresOf(r) })),
    targets,
  }
}

const dayMs = 86_400_000
const daysBefore = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T00:00:00Z`) - days * dayMs).toISOString().slice(0, 10)

/**
 * GET /api/v1/feedback/alerts: what the supervising level should look at now, in the reader's subtree: units
 * and counters whose rate over the last 30 days falls below a target that applies, on a sample large enough
 * to say so, and cases past their deadline without an answer.
 */
export async function listAlerts(deps: Deps, user: CurrentUser, query: { unitId?: number | undefined }): Promise<AlertsAnswer> {
  const to = todayOf(deps)
  const from = daysBefore(to, alertWindowDays - 1)
  const range = { from, to, label: `${formatDate(from)} – ${formatDate(to)}` }
  const belowTarget: AlertsAnswer['belowTarget'] = []
  for (const kind of ['unit', 'counter'] as const) {
    let groups: Awaited<ReturnType<typeof getStats>>['groups'] = []
    try {
      groups = (await getStats(deps, user, { range, groupBy: kind, verified: 'all', unitId: query.unitId })).groups
    } catch (error) {
      // No ratings in scope over the window: nothing can be below a target.
      if (!(error instanceof AppError) || error.code !== 'not_found') throw error
    }
    for (const g of groups) {
      const missed = g.targets.find((t) => t.met === false)
      if (g.sufficient && missed) {
        belowTarget.push({
          kind,
          key: g.key,
          label: g.label,
          rate: g.rate,
          responses: g.responses,
          target: missed.value,
          source: missed.source,
        })
      }
    }
  }
  const unitIds = await listScopeOf(deps, user, query.unitId)
  const overdue = await findOverdueCases(deps.sql, { unitIds, today: to })
  return {
    from,
    to,
    belowTarget,
    overdueCases: overdue.map((c) => ({
      id: c.id,
      unit: { id: c.unitId, name: c.unitName },
      assigneeUnit: { id: c.assigneeUnitId, name: c.assigneeUnitName },
      dueOn: c.dueOn,
      status: c.status,
    })),
  }
}

/** PUT /api/v1/feedback/webhooks/:unitId: sets the unit's webhook and a fresh signing secret, shown once. */
export async function setWebhook(deps: Deps, user: CurrentUser, unitId: number, url: string) {
  await requireUnitInScope(deps, user, unitId)
  const secret = randomBytes(24).toString('base64url')
  await deps.sql.begin(async (tx) => {
    await upsertWebhook(tx, { unitId, url, secret })
    await recordAudit(tx, user, { action: 'set', entity: 'webhook', entityId: unitId, unitId, details: { url } })
  })
  return { unitId, url, secret }
}

export async function removeWebhook(deps: Deps, user: CurrentUser, unitId: number) {
  await requireUnitInScope(deps, user, unitId)
  await deps.sql.begin(async (tx) => {
    if (!(await deleteWebhook(tx, unitId))) throw new AppError('not_found', 'Đơn vị này chưa có webhook.')
    await recordAudit(tx, user, { action: 'delete', entity: 'webhook', entityId: unitId, unitId })
  })
}

/**
 * Tells the webhooks of a newly overdue case's unit and of the units above it that the case passed its
 * deadline, once per case (marked announced when every webhook took it, or gave up on it). Run periodically.
 */
export async function announceOverdueCases(deps: Pick<Deps, 'sql' | 'clock' | 'config' | 'logger'>, options: DeliveryOptions = {}) {
  const cases = await findOverdueCases(deps.sql, { unitIds: null, today: todayOf(deps), onlyUnannounced: true })
  let delivered = 0
  for (const c of cases) {
    for (const hook of await findWebhooksAbove(deps.sql, c.unitId)) {
      const payload = {
        caseId: c.id,
        unitId: c.unitId,
        unitName: c.unitName,
        assigneeUnitId: c.assigneeUnitId,
        dueOn: c.dueOn,
        status: c.status,
      }
      const outcome = await deliver({ url: hook.url, secret: hook.secret, event: 'feedback_case.overdue', payload }, options)
      if (outcome.delivered) delivered += 1
      else deps.logger.warn({ unitId: hook.unitId, caseId: c.id, attempts: outcome.attempts }, 'webhook not delivered')
    }
    await markOverdueAnnounced(deps.sql, c.id)
  }
  return { cases: cases.length, delivered }
}
