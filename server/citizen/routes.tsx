import { randomUUID } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { NewResponse } from '../../shared/response-contract'
import { SurveyDefinition } from '../../shared/survey-definition'
import { MessagePage } from '../../survey-web/pages/message-page'
import { SurveyPage } from '../../survey-web/pages/survey-page'
import { strings, type Lang } from '../../survey-web/strings'
import { findServedSurvey, type ServedSurvey } from '../counters/service'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { submitResponse } from '../responses/service'
import { issuesOf } from '../validate'
import { answersFromForm, formText } from './form'

const langOf = (c: Context): Lang => (c.req.query('lang') === 'en' ? 'en' : 'vi')

export function citizenRoutes(deps: Deps) {
  const notFound = (c: Context) => {
    const t = strings[langOf(c)]
    return c.html(<MessagePage lang={langOf(c)} title={t.notFoundTitle} body={t.notFoundBody} />, 404)
  }

  const page = (c: Context, served: ServedSurvey, extra: Partial<Parameters<typeof SurveyPage>[0]> = {}) => (
    <SurveyPage
      lang={langOf(c)}
      action={c.req.url.replace(/^https?:\/\/[^/]+/, '')}
      counterName={served.counterName}
      unitName={served.unitName}
      definition={SurveyDefinition.parse(served.definition)}
      fields={served.fields}
      submissionId={randomUUID()}
      {...extra}
    />
  )

  return new Hono()
    .get('/:code', async (c) => {
      const served = await findServedSurvey(deps, c.req.param('code'))
      if (!served) return notFound(c)
      return c.html(page(c, served))
    })
    .post('/:code', async (c) => {
      const code = c.req.param('code')
      const served = await findServedSurvey(deps, code)
      if (!served) return notFound(c)
      const body = await c.req.parseBody({ all: true })
      const definition = SurveyDefinition.parse(served.definition)
      const answers = answersFromForm(definition, body)
      const fieldCode = formText(body, 'fieldCode')
      const comment = formText(body, 'comment')
      const submissionId = formText(body, 'submissionId') ?? randomUUID()
      try {
        const parsed = NewResponse.safeParse({ counterCode: code, submissionId, fieldCode, answers, comment })
        if (!parsed.success) throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', issuesOf(parsed.error))
        await submitResponse(deps, parsed.data)
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'invalid_input') throw error
        const errors = Object.fromEntries(
          (error.issues ?? []).map((issue) => [String(issue.path.at(-1)), issue.message]),
        )
        return c.html(page(c, served, { answers, fieldCode, comment, submissionId, errors }), 400)
      }
      const lang = langOf(c)
      return c.redirect(`/q/${code}/cam-on${lang === 'en' ? '?lang=en' : ''}`, 303)
    })
    .get('/:code/cam-on', (c) => {
      const t = strings[langOf(c)]
      return c.html(<MessagePage lang={langOf(c)} title={t.thanksTitle} body={t.thanksBody} />)
    })
}
