import { z } from 'zod'

// The officials serving a counter, the per-official results (only above a minimum n, only to supervising
// levels) and the yearly emulation (thi đua) classification of units and officials against their targets.

const Id = z.number().int().positive().max(2_147_483_647)
const IdText = z.coerce.number().int().positive().max(2_147_483_647)
const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày dạng YYYY-MM-DD.')

/** POST /api/v1/officials (admin, manager): an official serving a counter, named as citizens see them. */
export const NewOfficial = z.strictObject({
  counterId: Id,
  displayName: z.string().trim().min(1).max(120),
  /** The official's staff account, if any: that account never sees its own results. */
  userId: Id.nullable().default(null),
})
export type NewOfficial = z.infer<typeof NewOfficial>

export const Official = z.object({ id: z.number(), counterId: z.number(), displayName: z.string(), userId: z.number().nullable() })
export type Official = z.infer<typeof Official>

export const OfficialsQuery = z.object({ counterId: IdText })

/** GET /api/v1/officials/results: a period (both days inclusive, at most about three years), optionally a unit's subtree. */
export const OfficialResultsQuery = z
  .object({ from: DateText, to: DateText, unitId: IdText.optional() })
  .refine((q) => q.from <= q.to, { message: 'Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.', path: ['to'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < 3 * 366, {
    message: 'Khoảng thời gian tối đa 1098 ngày.',
    path: ['to'],
  })
export type OfficialResultsQuery = z.infer<typeof OfficialResultsQuery>

/**
 * One official's figures for one questionnaire: below the minimum n, `suppressed` and no rate or interval (the
 * count alone is given, so a supervisor knows more ratings are needed).
 */
export const OfficialResult = z.object({
  officialId: z.number(),
  displayName: z.string(),
  counterId: z.number(),
  counterName: z.string(),
  unitId: z.number(),
  surveyId: z.number(),
  surveyTitle: z.string(),
  responses: z.number(),
  suppressed: z.boolean(),
  rate: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
})
export type OfficialResult = z.infer<typeof OfficialResult>

export const OfficialResultsAnswer = z.object({
  from: z.string(),
  to: z.string(),
  /** Ratings naming an official are shown per official only from this many kept ratings on. */
  minResponses: z.number(),
  items: z.array(OfficialResult),
})
export type OfficialResultsAnswer = z.infer<typeof OfficialResultsAnswer>

// --- thi đua (emulation) ---

export const emulationLevels = ['xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh', 'chua_du_mau', 'chua_co_chi_tieu'] as const
export type EmulationLevel = (typeof emulationLevels)[number]

export const emulationLabels: Record<EmulationLevel, string> = {
  xuat_sac: 'Hoàn thành xuất sắc',
  tot: 'Hoàn thành tốt',
  hoan_thanh: 'Hoàn thành',
  khong_hoan_thanh: 'Không hoàn thành',
  chua_du_mau: 'Chưa đủ mẫu để xếp loại',
  chua_co_chi_tieu: 'Chưa có chỉ tiêu',
}

/**
 * The indicative rule (docs/emulation.md), from the 95% interval against the target (a share, 0..1):
 * - lower bound ≥ target: above the target beyond the margin of error → Hoàn thành xuất sắc;
 * - rate ≥ target: the target met → Hoàn thành tốt;
 * - upper bound < target: below the target beyond the margin of error → Không hoàn thành;
 * - otherwise the rate is under the target within the margin of error (not conclusive) → Hoàn thành.
 * Fewer responses than `minResponses` or no rate: not classified; no target: not classified either.
 */
export function classifyAgainstTarget(
  figure: { responses: number; rate: number | null; ci95: readonly [number, number] | null },
  target: number | null,
  minResponses: number,
): EmulationLevel {
  if (figure.responses < minResponses || figure.rate === null || figure.ci95 === null) return 'chua_du_mau'
  if (target === null) return 'chua_co_chi_tieu'
  const tolerance = 1e-9
  if (figure.ci95[0] >= target - tolerance) return 'xuat_sac'
  if (figure.rate >= target - tolerance) return 'tot'
  if (figure.ci95[1] < target - tolerance) return 'khong_hoan_thanh'
  return 'hoan_thanh'
}

/** GET /api/v1/emulation?year=2025&unitId=…: every unit of the subtree (and official above the minimum n) classified. */
export const EmulationQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  unitId: IdText.optional(),
})
export type EmulationQuery = z.infer<typeof EmulationQuery>

export const EmulationRow = z.object({
  kind: z.enum(['unit', 'official']),
  /** The unit's id, or the official's. */
  id: z.number(),
  label: z.string(),
  unitId: z.number(),
  surveyId: z.number(),
  surveyTitle: z.string(),
  metric: z.string(),
  responses: z.number(),
  rate: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  /** The strictest target that applies (a share), null when none does. */
  target: z.number().nullable(),
  level: z.enum(emulationLevels),
  levelLabel: z.string(),
})
export type EmulationRow = z.infer<typeof EmulationRow>

export const EmulationAnswer = z.object({
  year: z.number(),
  minResponses: z.number(),
  /** The rule in words, shown above the table: the classification is indicative, the council decides. */
  rule: z.string(),
  rows: z.array(EmulationRow),
})
export type EmulationAnswer = z.infer<typeof EmulationAnswer>

export const emulationRuleText =
  'Xếp loại tham khảo theo khoảng tin cậy 95% so với chỉ tiêu: cận dưới ≥ chỉ tiêu → Hoàn thành xuất sắc; tỷ lệ ≥ chỉ tiêu → Hoàn thành tốt; ' +
  'cận trên < chỉ tiêu → Không hoàn thành; còn lại (thấp hơn chỉ tiêu trong sai số) → Hoàn thành. Hội đồng thi đua quyết định xếp loại chính thức.'
