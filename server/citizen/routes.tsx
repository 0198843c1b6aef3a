import { randomBytes, randomUUID } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import { noRatingMessage, requiredMessage } from '../../shared/answers'
import { formatFollowUpCode, normalizeFollowUpCode } from '../../shared/feedback-contract'
import { NewResponse } from '../../shared/response-contract'
import type { PageContext } from '../../survey-web/pages/layout'
import { MessagePage } from '../../survey-web/pages/message-page'
import { SurveyPage, type SurveyPageProps } from '../../survey-web/pages/survey-page'
import { strings, type Lang } from '../../survey-web/strings'
import { readSessionId } from '../accounts/session-cookie'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { findInvitation } from '../invitations/service'
import { mintFormToken } from '../responses/form-token'
import { deviceCookie } from '../responses/device-intervals'
import { submitResponse } from '../responses/service'
import { findSurveyByCode, type ServedSurvey } from '../serving/service'
import { issuesOf } from '../validate'
import { surveyClientScript } from './client-script'
import { answersFromForm, formText, procedureFromText } from './form'

type Target = { counterCode: string } | { invitationToken: string }

/**
 * Carries a follow-up code from the form's POST to the thank-you page it redirects to, once: the code stays out
 * of the address (no proxy log or browser history keeps it) and a kiosk's next citizen does not see it.
 */
const followUpCookie = 'sipas_follow_up'
type Env = { Variables: { secureHeadersNonce?: string } }

/** The citizen's pages: the survey by counter QR code (/q) or by dossier invitation (/i), and the thanks. */
export function citizenRoutes(deps: Deps) {
  const isHttps = deps.config.publicUrl.startsWith('https:')

  const contextOf = (c: Context<Env>): PageContext => {
    const lang: Lang = c.req.query('lang') === 'en' ? 'en' : 'vi'
    return { lang, nonce: c.get('secureHeadersNonce') ?? '', langSwitchHref: `${c.req.path}${lang === 'en' ? '' : '?lang=en'}` }
  }
  const message = (c: Context<Env>, kind: 'notFound' | 'used' | 'expired' | 'thanks' | 'staff', status: 200 | 403 | 404 | 410 = 200) => {
    const context = contextOf(c)
    const t = strings[context.lang]
    const texts: Record<typeof kind, [string, string]> = {
      notFound: [t.notFoundTitle, t.notFoundBody],
      used: [t.usedTitle, t.usedBody],
      expired: [t.expiredTitle, t.expiredBody],
      thanks: [t.thanksTitle, t.thanksBody],
      staff: [t.staffTitle, t.staffBody],
    }
    const [title, body] = texts[kind]
    return c.html(<MessagePage {...context} title={title} body={body} />, status)
  }

  const page = (c: Context<Env>, served: ServedSurvey, target: Target, extra: Partial<SurveyPageProps> = {}) => {
    const submissionId = extra.submissionId ?? randomUUID()
    const isInvited = 'invitationToken' in target
    return (
      <SurveyPage
        {...contextOf(c)}
        action={c.req.path}
        target={target}
        unitName={served.unitName}
        place={`${served.servicePointName} · ${served.counterName}`}
        definition={served.definition}
        fields={isInvited ? [] : served.fields}
        procedures={isInvited ? [] : served.procedures}
        officials={served.officials}
        submissionId={submissionId}
        formToken={mintFormToken(deps.config.secretKey, submissionId, deps.clock(), target)}
        script={surveyClientScript()}
        {...extra}
      />
    )
  }

  const showSurvey = (c: Context<Env>, served: ServedSurvey, target: Target) => {
    if (!getCookie(c, deviceCookie)) {
      // A random first-party token for the per-device interval; never stored with answers (docs/domain.md §9).
      setCookie(c, deviceCookie, randomBytes(16).toString('base64url'), {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isHttps,
        path: '/',
        maxAge: 365 * 86_400,
      })
    }
    return c.html(page(c, served, target))
  }

  const acceptForm = async (c: Context<Env>, served: ServedSurvey, target: Target) => {
    const body = await c.req.parseBody({ all: true })
    const definition = served.definition
    const answers = answersFromForm(definition, body)
    const values = {
      answers,
      fieldCode: formText(body, 'fieldCode'),
      procedure: formText(body, 'procedure'),
      comment: formText(body, 'comment'),
      officialId: formText(body, 'officialId'),
    }
    const submissionId = formText(body, 'submissionId') ?? randomUUID()
    const t = strings[contextOf(c).lang].errors
    let followUpCode: string | undefined
    try {
      const procedureCode = procedureFromText(values.procedure, served.procedures)
      if (procedureCode === 'invalid') {
        throw new AppError('invalid_input', 'Mã thủ tục không hợp lệ.', [{ path: ['procedureCode'], message: t.procedure }])
      }
      const parsed = NewResponse.safeParse({
        ...target,
        submissionId,
        fieldCode: values.fieldCode,
        procedureCode,
        answers,
        comment: values.comment,
        // A number only: any other text is refused by the contract and shown as the select's error.
        officialId: values.officialId === undefined ? undefined : /^\d{1,10}$/.test(values.officialId) ? Number(values.officialId) : -1,
        formToken: formText(body, 'formToken'),
        website: formText(body, 'website'),
      })
      if (!parsed.success) throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', issuesOf(parsed.error))
      const receipt = await submitResponse(deps, parsed.data, {
        deviceToken: getCookie(c, deviceCookie),
        sessionId: readSessionId(c, deps.config),
      })
      followUpCode = receipt.followUpCode
    } catch (error) {
      if (error instanceof AppError && error.code === 'gone') return message(c, 'used', 410)
      if (error instanceof AppError && error.code === 'forbidden') return message(c, 'staff', 403)
      if (!(error instanceof AppError) || error.code !== 'invalid_input') throw error
      const textOf = (key: string, issue: string) =>
        key === 'fieldCode'
          ? t.field
          : key === 'procedureCode'
            ? t.procedure
            : key === 'comment'
              ? t.comment
              : key === 'officialId'
                ? t.official
                : issue === requiredMessage || issue === noRatingMessage
                  ? t.required
                  : t.invalid
      const errors = Object.fromEntries(
        (error.issues ?? []).map((issue) => [String(issue.path.at(-1)), textOf(String(issue.path.at(-1)), issue.message)]),
      )
      return c.html(page(c, served, target, { values, submissionId, errors }), 400)
    }
    if (followUpCode !== undefined) {
      setCookie(c, followUpCookie, followUpCode, { httpOnly: true, sameSite: 'Lax', secure: isHttps, path: '/cam-on', maxAge: 600 })
    }
    return c.redirect(`/cam-on${contextOf(c).lang === 'en' ? '?lang=en' : ''}`, 303)
  }

  const app = new Hono<Env>()
  // The citizen pages' own strict policy: inline style and script by nonce only. Scoped to these paths,
  // as this router is mounted at the root.
  const citizenPolicy = secureHeaders({
    crossOriginEmbedderPolicy: false,
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: [NONCE],
      styleSrc: [NONCE],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
  })
  for (const path of ['/q/*', '/i/*', '/cam-on']) app.use(path, citizenPolicy)
  app.get('/q/:code', async (c) => {
    const code = c.req.param('code')
    const served = await findSurveyByCode(deps, code)
    return served ? showSurvey(c, served, { counterCode: code }) : message(c, 'notFound', 404)
  })
  app.post('/q/:code', async (c) => {
    const code = c.req.param('code')
    const served = await findSurveyByCode(deps, code)
    return served ? acceptForm(c, served, { counterCode: code }) : message(c, 'notFound', 404)
  })
  app.get('/i/:token', async (c) => {
    const state = await findInvitation(deps, c.req.param('token'))
    if (state.kind === 'open') return showSurvey(c, state.served, { invitationToken: c.req.param('token') })
    return state.kind === 'unknown' ? message(c, 'notFound', 404) : message(c, state.kind, 410)
  })
  app.post('/i/:token', async (c) => {
    const state = await findInvitation(deps, c.req.param('token'))
    if (state.kind === 'open') return acceptForm(c, state.served, { invitationToken: c.req.param('token') })
    return state.kind === 'unknown' ? message(c, 'notFound', 404) : message(c, state.kind, 410)
  })
  app.get('/cam-on', (c) => {
    const code = normalizeFollowUpCode(getCookie(c, followUpCookie) ?? '')
    if (code === undefined) return message(c, 'thanks')
    deleteCookie(c, followUpCookie, { path: '/cam-on', secure: isHttps })
    c.header('Cache-Control', 'no-store')
    const context = contextOf(c)
    const t = strings[context.lang]
    const address = `${deps.config.publicUrl}/phan-hoi/${formatFollowUpCode(code)}`
    return c.html(
      <MessagePage {...context} title={t.thanksTitle} body={t.thanksBody}>
        <p>
          {t.followUpCode}: <strong class="follow-up-code">{formatFollowUpCode(code)}</strong>
        </p>
        <p>{t.followUpCodeHint}</p>
        <p>
          <a href={address}>{address}</a>
        </p>
      </MessagePage>,
    )
  })
  return app
}
