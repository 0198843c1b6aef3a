import { z } from 'zod'

/**
 * GET /api/v1/widget/{code}: what the embeddable widget of the online public-service portal shows, with a
 * fresh submission id and form token for one rating. Only the headline question is asked in the widget;
 * `ratingUrl` opens the full questionnaire.
 */
export const WidgetForm = z.object({
  counterCode: z.string(),
  submissionId: z.uuid(),
  formToken: z.string(),
  title: z.string(),
  question: z.object({
    key: z.string(),
    label: z.string(),
    options: z.array(z.object({ value: z.number().int(), label: z.string() })).min(2),
  }),
  ratingUrl: z.string(),
})
export type WidgetForm = z.infer<typeof WidgetForm>
