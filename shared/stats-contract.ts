import { z } from 'zod'

// GET /api/v1/stats (docs/api.md): the answer as the server builds it (server/stats/groups.ts), the admin app
// and the reports read it, and the tests check it. One definition: a renamed field fails `tsc` on every side.

/** One counted question of a group: its valid answers, the satisfied among them and each level's count. */
export const StatsItem = z.object({
  key: z.string(),
  label: z.string(),
  valid: z.number(),
  satisfied: z.number(),
  rate: z.number().nullable(),
  mean: z.number().nullable(),
  counts: z.record(z.string(), z.number()),
})
export type StatsItem = z.infer<typeof StatsItem>

export const StatsTarget = z.object({ value: z.number(), met: z.boolean().nullable(), source: z.string() })
export type StatsTarget = z.infer<typeof StatsTarget>

/** Dossier figures beside a unit's or a counter's rate, when dossier counts were imported for its days. */
export const DossierFigures = z.object({
  /** Ratings per dossier returned in the period. */
  responseRate: z.number().nullable(),
  dossiers: z.object({ received: z.number(), returned: z.number(), overdue: z.number() }),
  /** QĐ 766/QĐ-TTg's real-time index as far as dossier counts allow: a different metric, shown apart. */
  realtimeIndex: z.object({ rate: z.number().nullable(), label: z.string() }),
})
export type DossierFigures = z.infer<typeof DossierFigures>

export const StatsGroup = z.object({
  key: z.string(),
  label: z.string(),
  responses: z.number(),
  /** Flagged responses set apart from every figure of the group, counted here. */
  excluded: z.number().optional(),
  /** Fewer than 5 responses: rate, interval and counts are withheld. */
  suppressed: z.boolean(),
  rate: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  sufficient: z.boolean(),
  targets: z.array(StatsTarget),
  items: z.array(StatsItem),
  ...DossierFigures.partial().shape,
})
export type StatsGroup = z.infer<typeof StatsGroup>

export const groupings = ['none', 'field', 'unit', 'counter', 'procedure', 'month', 'question', 'hour-weekday'] as const
export type Grouping = (typeof groupings)[number]

/**
 * Where the figures were read and up to when they are complete: `asOf` is the moment up to which every
 * committed rating is counted; `isBehind` says the read replica had not caught up with the primary.
 */
export const StatsFreshness = z.object({ source: z.enum(['primary', 'replica']), isBehind: z.boolean(), asOf: z.string() })
export type StatsFreshness = z.infer<typeof StatsFreshness>

export const StatsAnswer = z.object({
  from: z.string(),
  to: z.string(),
  /** The period in words: "Quý III/2025 (15/06/2025 – 14/09/2025)" or "01/07/2025 – 31/07/2025". */
  label: z.string(),
  survey: z.object({ id: z.number(), code: z.string(), title: z.string(), metric: z.string() }),
  groupBy: z.enum(groupings),
  verified: z.enum(['all', 'only']),
  overall: StatsGroup,
  groups: z.array(StatsGroup),
  /** Where the figures were read and up to when they are complete (a lagging replica says so here). */
  freshness: StatsFreshness,
})
export type StatsAnswer = z.infer<typeof StatsAnswer>

/** One pooled-field card of the dashboard: the fields a target pools and their figures together. */
export const DashboardFieldCard = z.object({
  fields: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
  group: StatsGroup,
})
export type DashboardFieldCard = z.infer<typeof DashboardFieldCard>

/**
 * GET /api/v1/stats/dashboard: what the dashboard shows of one selection, in one answer. `overall` is the answer
 * of /api/v1/stats without a grouping; each list is the `groups` of /api/v1/stats with that `groupBy`
 * (month, field, unit, counter, question); `fieldCards` is one card per set of fields the visible targets of
 * the questionnaire's metric pool over the period (the overall group of /api/v1/stats with those `fields`).
 */
export const DashboardAnswer = z.object({
  overall: StatsAnswer,
  months: z.array(StatsGroup),
  fields: z.array(StatsGroup),
  units: z.array(StatsGroup),
  counters: z.array(StatsGroup),
  items: z.array(StatsGroup),
  fieldCards: z.array(DashboardFieldCard),
})
export type DashboardAnswer = z.infer<typeof DashboardAnswer>
