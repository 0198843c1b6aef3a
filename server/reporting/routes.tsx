import { Hono } from 'hono'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import { formatDate } from '../../shared/format'
import {
  CalendarQuery,
  ConsolidatedQuery,
  DraftBody,
  PlanCycleBody,
  PlanParams,
  PlanViewQuery,
  ReportParams,
  SubmitBody,
  sectionTitles,
  VersionParams,
} from '../../shared/reporting-contract'
import { vietnameseErrorMap as vi } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { type Block, type LocalDay, reportBlocks } from '../reports/blocks'
import { reportDocx } from '../reports/report-docx'
import { ReportPage } from '../reports/report-page'
import { validate } from '../validate'
import {
  type FrozenReport,
  getBoard,
  getCalendar,
  getConsolidated,
  getPlanCycle,
  getPlanView,
  getReport,
  getVersion,
  saveDraft,
  setPlanCycle,
  submitReport,
} from './service'

type Env = UserEnv & { Variables: { secureHeadersNonce?: string } }

const reader = (deps: Deps) => requireUser(deps, 'analyst', 'manager')

/** /api/v1/reporting: the calendar, a unit's report drafted, sent and frozen, the board and the consolidation. */
export function reportingApiRoutes(deps: Deps) {
  return new Hono<Env>()
    .get('/calendar', reader(deps), validate('query', CalendarQuery, vi), async (c) =>
      c.json(await getCalendar(deps, c.var.user, c.req.valid('query'))),
    )
    .get('/board', reader(deps), validate('query', CalendarQuery, vi), async (c) =>
      c.json(await getBoard(deps, c.var.user, c.req.valid('query'))),
    )
    .get('/board.csv', reader(deps), validate('query', CalendarQuery, vi), async (c) => {
      const board = await getBoard(deps, c.var.user, c.req.valid('query'))
      const lines = [
        ['Đơn vị', 'Kỳ báo cáo', 'Hạn gửi (trước ngày)', 'Tình trạng', 'Còn (ngày)', 'Chậm (ngày)', 'Lần gửi'],
        ...board.rows.map((r) => [
          r.unitName,
          r.periodLabel,
          formatDate(r.dueBefore),
          r.statusLabel,
          r.daysLeft === null ? '' : String(r.daysLeft),
          r.daysLate === null ? '' : String(r.daysLate),
          r.latestVersion === null ? '' : String(r.latestVersion),
        ]),
      ]
      c.header('content-type', 'text/csv; charset=utf-8')
      c.header('content-disposition', `attachment; filename="theo-doi-bao-cao-${board.year}.csv"`)
      return c.body(`\uFEFF${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`)
    })
    .get('/consolidated', reader(deps), validate('query', ConsolidatedQuery, vi), async (c) =>
      c.json(await getConsolidated(deps, c.var.user, c.req.valid('query'))),
    )
    .get('/plan-view', reader(deps), validate('query', PlanViewQuery, vi), async (c) =>
      c.json(await getPlanView(deps, c.var.user, c.req.valid('query'))),
    )
    .get('/plans/:planId/cycle', reader(deps), validate('param', PlanParams, vi), async (c) =>
      c.json(await getPlanCycle(deps, c.var.user, c.req.valid('param').planId)),
    )
    .put(
      '/plans/:planId/cycle',
      requireUser(deps, 'admin', 'manager'),
      validate('param', PlanParams, vi),
      validate('json', PlanCycleBody, vi),
      async (c) => c.json(await setPlanCycle(deps, c.var.user, c.req.valid('param').planId, c.req.valid('json'))),
    )
    .get('/units/:unitId/reports/:periodKey', reader(deps), validate('param', ReportParams, vi), async (c) =>
      c.json(await getReport(deps, c.var.user, c.req.valid('param'))),
    )
    .put(
      '/units/:unitId/reports/:periodKey',
      reader(deps),
      validate('param', ReportParams, vi),
      validate('json', DraftBody, vi),
      async (c) => c.json(await saveDraft(deps, c.var.user, c.req.valid('param'), c.req.valid('json'))),
    )
    .post(
      '/units/:unitId/reports/:periodKey/submit',
      reader(deps),
      validate('param', ReportParams, vi),
      validate('json', SubmitBody, vi),
      async (c) => c.json(await submitReport(deps, c.var.user, c.req.valid('param'), c.req.valid('json')), 201),
    )
    .get('/units/:unitId/reports/:periodKey/versions/:version', reader(deps), validate('param', VersionParams, vi), async (c) =>
      c.json(await getVersion(deps, c.var.user, c.req.valid('param'))),
    )
    .get(
      '/units/:unitId/reports/:periodKey/versions/:version/report.docx',
      reader(deps),
      validate('param', VersionParams, vi),
      async (c) => {
        const frozen = await getVersion(deps, c.var.user, c.req.valid('param'))
        const docx = await reportDocx(renderInput(frozen))
        c.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        c.header('content-disposition', `attachment; filename="bao-cao-${frozen.periodKey}-lan-${frozen.version}.docx"`)
        return c.body(new Uint8Array(docx))
      },
    )
}

/** /admin/reporting/…/versions/:version: a sent version, printable, from its frozen row. */
export function reportingPageRoutes(deps: Deps) {
  const policy = secureHeaders({
    crossOriginEmbedderPolicy: false,
    contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: [NONCE], baseUri: ["'none'"], frameAncestors: ["'none'"] },
  })
  return new Hono<Env>().get(
    '/units/:unitId/reports/:periodKey/versions/:version',
    policy,
    reader(deps),
    validate('param', VersionParams, vi),
    async (c) => {
      const params = c.req.valid('param')
      const frozen = await getVersion(deps, c.var.user, params)
      const docxHref = `/api/v1/reporting/units/${params.unitId}/reports/${params.periodKey}/versions/${params.version}/report.docx`
      return c.html(<ReportPage {...renderInput(frozen)} docxHref={docxHref} nonce={c.get('secureHeadersNonce')} />)
    },
  )
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) || /^[=+\-@]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

function localDayOf(date: string): LocalDay {
  const [year, month, day] = date.split('-').map(Number)
  return { day: day!, month: month!, year: year! }
}

/** The frozen figures' blocks, then the text as sent, dated the day it was sent, addressed to its recipient. */
function renderInput(frozen: FrozenReport) {
  const figures = frozen.figures
  const text: Block[] = []
  Object.entries(sectionTitles).forEach(([key, title], i) => {
    text.push({ kind: 'heading', text: `${i + 1}. ${title}` })
    const body = frozen.sections[key as keyof typeof sectionTitles].trim()
    for (const paragraph of body === '' ? ['(Không có nội dung.)'] : body.split(/\n+/)) text.push({ kind: 'paragraph', text: paragraph })
  })
  const note: Block = {
    kind: 'paragraph',
    text:
      `Báo cáo gửi lần ${frozen.version} ngày ${formatDate(frozen.submittedOn)}; số liệu chốt tại thời điểm gửi.` +
      (frozen.reason ? ` Lý do gửi lại: ${frozen.reason}` : ''),
  }
  // A version sent before the whole-plan section existed has no `plan`: it prints as it was sent.
  const extras = {
    ...(figures.plan === undefined ? {} : { plan: figures.plan }),
    text: { title: 'KẾT QUẢ, HẠN CHẾ, NGUYÊN NHÂN VÀ ĐỀ XUẤT', blocks: text },
  }
  return {
    unitName: figures.unitName,
    periodLabel: frozen.periodLabel,
    surveyTitle: figures.survey.title,
    today: localDayOf(frozen.submittedOn),
    blocks: [note, ...reportBlocks(figures, extras)],
    recipient: frozen.recipientLabel,
  }
}
