import { z } from 'zod'

/** GET /api/v1/stats (docs/api.md): one group's rate, interval, targets and item counts. */
export const StatsItem = z.object({
  key: z.string(),
  valid: z.number(),
  satisfied: z.number(),
  rate: z.number().nullable(),
  counts: z.record(z.string(), z.number()),
})
export type StatsItem = z.infer<typeof StatsItem>

export const StatsTarget = z.object({ value: z.number(), met: z.boolean().nullable(), source: z.string() })
export type StatsTarget = z.infer<typeof StatsTarget>

export const StatsGroup = z.looseObject({
  key: z.string(),
  label: z.string(),
  responses: z.number(),
  rate: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  sufficient: z.boolean(),
  targets: z.array(StatsTarget),
  items: z.array(StatsItem),
})
export type StatsGroup = z.infer<typeof StatsGroup>

/**
 * Where the figures were read and up to when they are complete: `asOf` is the moment up to which every
 * committed rating is counted; `isBehind` says the read replica had not caught up with the primary.
 */
export const StatsFreshness = z.object({ source: z.enum(['primary', 'replica']), isBehind: z.boolean(), asOf: z.string() })
export type StatsFreshness = z.infer<typeof StatsFreshness>

export const StatsAnswer = z.looseObject({
  from: z.string(),
  to: z.string(),
  overall: StatsGroup,
  groups: z.array(StatsGroup),
  freshness: StatsFreshness.optional(),
})
export type StatsAnswer = z.infer<typeof StatsAnswer>

export const groupings = ['none', 'field', 'unit', 'counter', 'procedure', 'month', 'question', 'hour-weekday'] as const
export type Grouping = (typeof groupings)[number]
