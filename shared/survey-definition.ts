import { z } from 'zod'
import { scaleIds } from './scales'

export const QuestionKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _, starting with a letter (max 40)')

const Label = z.string().trim().min(1).max(300)

export const Aspect = z.object({
  key: QuestionKey,
  label: Label,
  labelEn: Label.optional(),
  weight: z.number().positive().max(100).default(1),
})
export type Aspect = z.infer<typeof Aspect>

export const Option = z.object({
  value: z.number().int().min(1).max(99),
  label: Label,
  labelEn: Label.optional(),
})
export type Option = z.infer<typeof Option>

export const Question = z.object({
  key: QuestionKey,
  type: z.enum(['scale', 'choice', 'multi', 'text']),
  scale: z.enum(scaleIds).optional(),
  label: Label,
  labelEn: Label.optional(),
  required: z.boolean().default(false),
  allowNotApplicable: z.boolean().default(false),
  options: z.array(Option).min(2).max(20).optional(),
  aspect: QuestionKey.optional(),
  // A follow-up: asked only when an earlier question got one of these values.
  showWhen: z.object({ question: QuestionKey, values: z.array(z.number().int()).min(1) }).optional(),
  maxLength: z.number().int().min(1).max(1000).optional(),
})
export type Question = z.infer<typeof Question>

export const SurveyDefinition = z
  .object({
    title: Label,
    titleEn: Label.optional(),
    intro: z.string().max(1000).optional(),
    introEn: z.string().max(1000).optional(),
    // The question whose rate is the survey's rate when it has no aspects (the quick rating's overall one).
    headline: QuestionKey.optional(),
    aspects: z.array(Aspect).max(20).default([]),
    questions: z.array(Question).min(1).max(80),
  })
  .superRefine((survey, ctx) => {
    const aspectKeys = new Set<string>()
    survey.aspects.forEach((aspect, i) => {
      if (aspectKeys.has(aspect.key)) ctx.addIssue({ code: 'custom', path: ['aspects', i, 'key'], message: 'duplicate aspect key' })
      aspectKeys.add(aspect.key)
    })
    const seen = new Map<string, Question>()
    survey.questions.forEach((q, i) => {
      const at = (...path: (string | number)[]) => ['questions', i, ...path]
      if (seen.has(q.key)) ctx.addIssue({ code: 'custom', path: at('key'), message: 'duplicate question key' })
      if ((q.type === 'scale') !== (q.scale !== undefined)) {
        ctx.addIssue({ code: 'custom', path: at('scale'), message: 'a scale question needs a scale; other types have none' })
      }
      const needsOptions = q.type === 'choice' || q.type === 'multi'
      if (needsOptions !== (q.options !== undefined)) {
        ctx.addIssue({ code: 'custom', path: at('options'), message: 'choice and multi questions need options; others have none' })
      }
      if (q.options && new Set(q.options.map((o) => o.value)).size !== q.options.length) {
        ctx.addIssue({ code: 'custom', path: at('options'), message: 'option values must be unique' })
      }
      if (q.aspect !== undefined && !aspectKeys.has(q.aspect)) {
        ctx.addIssue({ code: 'custom', path: at('aspect'), message: `unknown aspect "${q.aspect}"` })
      }
      if (q.aspect !== undefined && q.type !== 'scale') {
        ctx.addIssue({ code: 'custom', path: at('aspect'), message: 'only scale questions belong to an aspect' })
      }
      if (q.showWhen && !seen.has(q.showWhen.question)) {
        ctx.addIssue({ code: 'custom', path: at('showWhen'), message: 'a follow-up must depend on an earlier question' })
      }
      seen.set(q.key, q)
    })
    if (survey.headline !== undefined && seen.get(survey.headline)?.type !== 'scale') {
      ctx.addIssue({ code: 'custom', path: ['headline'], message: 'the headline must be a scale question' })
    }
  })
export type SurveyDefinition = z.infer<typeof SurveyDefinition>
