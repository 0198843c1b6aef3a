import { z } from 'zod'

// The flags panel (GET /api/v1/flags, /flags/anomalies) and setting a flagged rating apart or back
// (POST /api/v1/responses/:id/exclude, /restore): requests and answers, for the server, the admin app and tests.

export const ResponseParam = z.object({ id: z.uuid() })

/** Why a rating is set apart or restored: kept in the audit log. */
export const ExclusionRequest = z.strictObject({ reason: z.string().trim().min(3).max(500) })
export type ExclusionRequest = z.infer<typeof ExclusionRequest>

/** The state reached; `changed` is false when the rating already had it. */
export const Exclusion = z.object({ id: z.string(), excluded: z.boolean(), changed: z.boolean() })
export type Exclusion = z.infer<typeof Exclusion>

const CounterRef = z.object({ id: z.number(), name: z.string() })

export const FlaggedRating = z.object({
  id: z.string(),
  submittedAt: z.string(),
  counter: CounterRef,
  unitId: z.number(),
  reasons: z.array(z.string()),
  excluded: z.boolean(),
})
export type FlaggedRating = z.infer<typeof FlaggedRating>

/** How many ratings were flagged in the period, per reason, and one page of them, newest first. */
export const FlagsAnswer = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number(),
  excluded: z.number(),
  counts: z.record(z.string(), z.number()),
  items: z.array(FlaggedRating),
  limit: z.number(),
  offset: z.number(),
})
export type FlagsAnswer = z.infer<typeof FlagsAnswer>

/** Counter-days with many ratings of near-zero variance, and the rule that found them. */
export const AnomaliesAnswer = z.object({
  from: z.string(),
  to: z.string(),
  rule: z.object({ minRatings: z.number(), maxVariance: z.number() }),
  items: z.array(
    z.object({
      counter: CounterRef,
      unitId: z.number(),
      day: z.string(),
      ratings: z.number(),
      mean: z.number(),
      variance: z.number(),
    }),
  ),
})
export type AnomaliesAnswer = z.infer<typeof AnomaliesAnswer>
