import { z } from 'zod'
import { isValidDate } from './periods'
import { boardStatuses, daysBetween, parsePeriodKey, reportKinds, reportPeriodModes } from './reporting-calendar'
import { maxRangeDays } from './stats-query'

// Requests and answers of /api/v1/reporting: the reporting calendar, a unit's report drafted, sent and frozen,
// the deadline board and the consolidated report of a supervising unit.

const Id = z.coerce.number().int().positive().max(2_147_483_647)
const Year = z.coerce.number().int().min(2000).max(2100)
const PeriodKey = z
  .string()
  .refine(
    (key) => parsePeriodKey(key) !== undefined,
    'Kỳ báo cáo không hợp lệ (ví dụ: quy-2025-3, 6-thang-2025, nam-2025, giai-doan-2021-2025).',
  )

/** /units/:unitId/reports/:periodKey */
export const ReportParams = z.object({ unitId: Id, periodKey: PeriodKey })
export type ReportParams = z.infer<typeof ReportParams>
export const VersionParams = ReportParams.extend({ version: Id })

/** GET /calendar and /board: a unit (the user's own by default) and a year. */
export const CalendarQuery = z.object({ unitId: Id.optional(), year: Year })
export type CalendarQuery = z.infer<typeof CalendarQuery>

/** GET /consolidated: a supervising unit, a period and optionally the questionnaire to pool. */
export const ConsolidatedQuery = z.object({ unitId: Id.optional(), periodKey: PeriodKey, surveyId: Id.optional() })
export type ConsolidatedQuery = z.infer<typeof ConsolidatedQuery>

const Section = z.string().trim().max(20_000)
/** The free text of a report: kết quả, hạn chế, nguyên nhân, đề xuất. */
export const ReportSections = z.strictObject({ ketQua: Section, hanChe: Section, nguyenNhan: Section, deXuat: Section })
export type ReportSections = z.infer<typeof ReportSections>
export const sectionTitles: Record<keyof ReportSections, string> = {
  ketQua: 'Kết quả đạt được',
  hanChe: 'Hạn chế',
  nguyenNhan: 'Nguyên nhân',
  deXuat: 'Đề xuất, kiến nghị',
}
export const emptySections: ReportSections = { ketQua: '', hanChe: '', nguyenNhan: '', deXuat: '' }

const DateText = z.string().refine(isValidDate, 'Phải là ngày có thật dạng YYYY-MM-DD.')

/**
 * PUT /units/:unitId/reports/:periodKey: the draft (questionnaire by default: the one with most ratings). An
 * ad-hoc report (dot-xuat-…) also needs its subject and the deadline its request sets (the first late day).
 */
export const DraftBody = z.strictObject({
  surveyId: Id.optional(),
  sections: ReportSections,
  title: z.string().trim().min(1).max(300).optional(),
  dueBefore: DateText.optional(),
})
export type DraftBody = z.infer<typeof DraftBody>

/** POST …/submit: a reason is required from the second submission on. */
export const SubmitBody = z.strictObject({ reason: z.string().trim().min(1).max(2000).optional() })
export type SubmitBody = z.infer<typeof SubmitBody>

const Figure = z.looseObject({
  responses: z.number(),
  rate: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  sufficient: z.boolean(),
})
const TargetRow = z.looseObject({
  scope: z.string(),
  value: z.number(),
  rate: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable().optional(),
  met: z.boolean().nullable(),
  source: z.string(),
  responses: z.number(),
})

export const DueReport = z.object({
  key: z.string(),
  label: z.string(),
  from: z.string(),
  to: z.string(),
  dueBefore: z.string(),
  deadlineLabel: z.string(),
})
export const CalendarAnswer = z.object({
  unitId: z.number(),
  year: z.number(),
  reports: z.array(DueReport.extend({ recipientUnitId: z.number().nullable(), recipientLabel: z.string() })),
})
export type CalendarAnswer = z.infer<typeof CalendarAnswer>

export const VersionSummary = z.object({
  version: z.number(),
  submittedAt: z.string(),
  submittedOn: z.string(),
  submittedBy: z.string(),
  reason: z.string().nullable(),
  recipientLabel: z.string(),
})
export type VersionSummary = z.infer<typeof VersionSummary>

/** GET /units/:unitId/reports/:periodKey: the draft, live figures, and every version sent. */
export const ReportAnswer = z.object({
  unitId: z.number(),
  unitName: z.string(),
  due: DueReport,
  recipientLabel: z.string(),
  canEdit: z.boolean(),
  draft: z
    .object({
      surveyId: z.number(),
      sections: ReportSections,
      title: z.string().nullable(),
      dueBefore: z.string().nullable(),
      updatedAt: z.string(),
    })
    .nullable(),
  /** Today's figures from the stats service; null when the unit has no rating in the period. */
  live: z
    .looseObject({ overall: Figure, targets: z.array(TargetRow), survey: z.looseObject({ id: z.number(), title: z.string() }) })
    .nullable(),
  versions: z.array(VersionSummary),
})
export type ReportAnswer = z.infer<typeof ReportAnswer>

/** One frozen version as sent. */
export const FrozenVersion = VersionSummary.extend({
  unitId: z.number(),
  periodKey: z.string(),
  periodLabel: z.string(),
  from: z.string(),
  to: z.string(),
  dueBefore: z.string(),
  figures: z.looseObject({ overall: Figure, targets: z.array(TargetRow), survey: z.looseObject({ id: z.number(), title: z.string() }) }),
  sections: ReportSections,
})
export type FrozenVersion = z.infer<typeof FrozenVersion>

export const BoardRow = z.object({
  unitId: z.number(),
  unitName: z.string(),
  periodKey: z.string(),
  periodLabel: z.string(),
  dueBefore: z.string(),
  status: z.enum(boardStatuses),
  statusLabel: z.string(),
  daysLeft: z.number().nullable(),
  daysLate: z.number().nullable(),
  latestVersion: z.number().nullable(),
})
export type BoardRow = z.infer<typeof BoardRow>
export const BoardAnswer = z.object({ unitId: z.number(), year: z.number(), today: z.string(), rows: z.array(BoardRow) })
export type BoardAnswer = z.infer<typeof BoardAnswer>

export const ConsolidatedRow = z.object({
  unitId: z.number(),
  unitName: z.string(),
  rank: z.number().nullable(),
  version: z.number().nullable(),
  submittedOn: z.string().nullable(),
  frozen: Figure.nullable(),
  targets: z.array(TargetRow),
  live: Figure,
  /** The frozen figures no longer match a recount (a flag, a restore or a late rating since). */
  differsFromLive: z.boolean(),
})
export type ConsolidatedRow = z.infer<typeof ConsolidatedRow>
export const ConsolidatedAnswer = z.object({
  unitId: z.number(),
  unitName: z.string(),
  periodKey: z.string(),
  periodLabel: z.string(),
  survey: z.looseObject({ id: z.number(), title: z.string() }),
  own: z.looseObject({ overall: Figure, targets: z.array(TargetRow) }),
  rows: z.array(ConsolidatedRow),
  /** Sums over the subordinates' frozen figures. */
  frozenTotals: z.object({ reports: z.number(), responses: z.number() }),
})
export type ConsolidatedAnswer = z.infer<typeof ConsolidatedAnswer>

/** The longest ad-hoc range of the whole-plan view: the statistics' own limit, a plan's whole phase. */
export const maxPlanRangeDays = maxRangeDays

/** GET /plan-view: every target of a plan over a report's period (periodKey) or an ad-hoc range (from, to). */
export const PlanViewQuery = z
  .object({ planId: Id, periodKey: PeriodKey.optional(), from: DateText.optional(), to: DateText.optional() })
  .superRefine((q, ctx) => {
    const hasRange = q.from !== undefined || q.to !== undefined
    if (q.periodKey !== undefined && hasRange) {
      ctx.addIssue({ code: 'custom', path: ['periodKey'], message: 'Chọn hoặc kỳ báo cáo, hoặc khoảng ngày from–to, không chọn cả hai.' })
    } else if (q.periodKey === undefined && (q.from === undefined || q.to === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [q.from === undefined ? 'from' : 'to'],
        message: 'Cần kỳ báo cáo (periodKey) hoặc khoảng ngày from và to.',
      })
    } else if (q.from !== undefined && q.to !== undefined) {
      if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.' })
      else if (daysBetween(q.from, q.to) + 1 > maxPlanRangeDays) {
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: `Khoảng thời gian tối đa ${maxPlanRangeDays} ngày (một giai đoạn kế hoạch).`,
        })
      }
    }
  })
export type PlanViewQuery = z.infer<typeof PlanViewQuery>

const RateFigure = z.object({ responses: z.number(), rate: z.number().nullable(), ci95: z.tuple([z.number(), z.number()]).nullable() })
/**
 * Process figures from imported dossier counts, each its own metric beside satisfaction (never mixed with it):
 * ratings per dossier returned, the share of returned dossiers that were on time, and the QĐ 766 real-time
 * index as far as counts allow. Null when no dossier counts cover the period (or the row pools fields).
 */
export const ProcessFigures = z.object({
  dossiersReturned: z.number(),
  dossiersOverdue: z.number(),
  responseRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  realtimeIndex: z.number().nullable(),
})
export type ProcessFigures = z.infer<typeof ProcessFigures>
export const PlanViewRow = z.object({
  targetId: z.number(),
  unitId: z.number(),
  /** The unit, and the pooled fields when the target has some: "Thành phố Chí Linh · Lĩnh vực Đất đai + Xây dựng". */
  scope: z.string(),
  metric: z.string(),
  value: z.number(),
  /** Null when no questionnaire measures the target's metric: the row says so, with no figures. */
  surveyId: z.number().nullable(),
  surveyTitle: z.string(),
  current: RateFigure.extend({ met: z.boolean().nullable(), gapPoints: z.number().nullable() }),
  previous: RateFigure,
  lastYear: RateFigure,
  /** The same target's value in the plan's last year (2025, 2030) and how far the current rate is from it. */
  finalTarget: z.object({ year: z.number(), value: z.number(), gapPoints: z.number().nullable() }).nullable(),
  process: ProcessFigures.nullable(),
})
export type PlanViewRow = z.infer<typeof PlanViewRow>
export const PlanViewAnswer = z.object({
  planId: z.number(),
  planTitle: z.string(),
  periodKey: z.string().nullable(),
  periodLabel: z.string(),
  previousLabel: z.string(),
  lastYearLabel: z.string(),
  rows: z.array(PlanViewRow),
})
export type PlanViewAnswer = z.infer<typeof PlanViewAnswer>

/** /plans/:planId/cycle */
export const PlanParams = z.object({ planId: Id })

/**
 * PUT /plans/:planId/cycle: a plan's reporting cycle. The phase report (giai-doan) needs the phase's years
 * (2 to 10 of them); by cut-off days the deadline day comes after the 14th, when the figures close.
 */
export const PlanCycleBody = z
  .strictObject({
    reportKinds: z
      .array(z.enum(reportKinds))
      .min(1, 'Chọn ít nhất một loại báo cáo.')
      .refine((kinds) => new Set(kinds).size === kinds.length, 'Mỗi loại báo cáo chỉ chọn một lần.'),
    periodMode: z.enum(reportPeriodModes),
    deadlineDay: z.number().int().min(1).max(28).nullable(),
    phase: z.strictObject({ fromYear: Year, toYear: Year }).nullable(),
  })
  .superRefine((c, ctx) => {
    if (c.phase && (c.phase.toYear - c.phase.fromYear < 1 || c.phase.toYear - c.phase.fromYear > 9)) {
      ctx.addIssue({ code: 'custom', path: ['phase', 'toYear'], message: 'Giai đoạn dài từ 2 đến 10 năm.' })
    }
    if (c.reportKinds.includes('giai-doan') && c.phase === null) {
      ctx.addIssue({ code: 'custom', path: ['phase'], message: 'Báo cáo giai đoạn cần năm đầu và năm cuối của giai đoạn.' })
    }
    if (c.periodMode === 'cutoff' && c.deadlineDay !== null && c.deadlineDay < 15) {
      ctx.addIssue({
        code: 'custom',
        path: ['deadlineDay'],
        message: 'Chốt số liệu ngày 14: hạn gửi phải từ ngày 15 của tháng cuối kỳ trở đi.',
      })
    }
  })
export type PlanCycleBody = z.infer<typeof PlanCycleBody>
export const PlanCycleAnswer = z.object({ planId: z.number(), planTitle: z.string(), canEdit: z.boolean(), cycle: PlanCycleBody })
export type PlanCycleAnswer = z.infer<typeof PlanCycleAnswer>
