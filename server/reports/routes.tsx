import { Hono } from 'hono'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import type { CurrentUser } from '../../shared/auth-contract'
import { StatsQuery } from '../../shared/stats-query'
import { vietnameseErrorMap as vi } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { todayOf } from '../units/scope'
import { validate } from '../validate'
import { reportBlocks, type LocalDay } from './blocks'
import { reportDocx } from './report-docx'
import { ReportPage } from './report-page'
import { planSectionOf } from '../reporting/service'
import { buildPeriodicReport } from './service'

type Env = UserEnv & { Variables: { secureHeadersNonce?: string } }

function localDayOf(deps: Deps): LocalDay {
  const [year, month, day] = todayOf(deps).split('-').map(Number)
  return { day: day!, month: month!, year: year! }
}

const reader = (deps: Deps) => requireUser(deps, 'analyst', 'manager')
const query = validate('query', StatsQuery, vi)

/** GET /api/v1/reports/periodic (JSON) and /periodic.docx: the unit's report for a period, in Word. */
export function reportApiRoutes(deps: Deps) {
  return new Hono<Env>()
    .get('/periodic', reader(deps), query, async (c) => c.json(await buildPeriodicReport(deps, c.var.user, c.req.valid('query'))))
    .get('/periodic.docx', reader(deps), query, async (c) => {
      const report = await withPlan(deps, c.var.user, c.req.valid('query'))
      const docx = await reportDocx({ ...renderInput(report), today: localDayOf(deps) })
      const name = `bao-cao-hai-long-${report.report.from}-${report.report.to}.docx`
      c.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      c.header('content-disposition', `attachment; filename="${name}"`)
      return c.body(new Uint8Array(docx))
    })
}

/** GET /admin/reports/periodic: the printable page, in the layout of an official report. */
export function reportPageRoutes(deps: Deps) {
  const policy = secureHeaders({
    crossOriginEmbedderPolicy: false,
    contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: [NONCE], baseUri: ["'none'"], frameAncestors: ["'none'"] },
  })
  return new Hono<Env>().get('/periodic', policy, reader(deps), query, async (c) => {
    const report = await withPlan(deps, c.var.user, c.req.valid('query'))
    const docxHref = `/api/v1/reports/periodic.docx?${new URL(c.req.url).searchParams}`
    return c.html(<ReportPage {...renderInput(report)} today={localDayOf(deps)} docxHref={docxHref} nonce={c.get('secureHeadersNonce')} />)
  })
}

/** The report with the whole-plan section of the plan the unit follows, over the same days. */
async function withPlan(deps: Deps, user: CurrentUser, q: StatsQuery) {
  const report = await buildPeriodicReport(deps, user, q)
  const unitId = q.unitId ?? user.unitId!
  return { report, plan: await planSectionOf(deps, user, unitId, { from: report.from, to: report.to }) }
}

function renderInput({ report, plan }: Awaited<ReturnType<typeof withPlan>>) {
  return {
    unitName: report.unitName,
    periodLabel: report.periodLabel,
    surveyTitle: report.survey.title,
    blocks: reportBlocks(report, { plan }),
  }
}
