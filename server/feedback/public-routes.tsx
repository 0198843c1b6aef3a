import { type Context, Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import { caseStatusNames } from '../../shared/feedback-contract'
import type { PageContext } from '../../survey-web/pages/layout'
import { MessagePage } from '../../survey-web/pages/message-page'
import { strings, type Lang } from '../../survey-web/strings'
import { clientIpOf } from '../client-ip'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { limitPerIp } from '../rate-limit'
import { followUpOf } from './service'

type Env = { Variables: { secureHeadersNonce?: string } }

/**
 * The citizen's follow-up, with the code shown after a comment: /phan-hoi/{code} (a page) and
 * /api/v1/public/follow-up/{code} (JSON). Only the case's status and the unit's answer are told. Both are
 * limited per address, so codes cannot be tried in bulk.
 */
export function followUpRoutes(deps: Deps) {
  const app = new Hono<Env>()
  // Mounted at the root: every middleware names its paths, so no other route is touched.
  const paths = ['/phan-hoi/*', '/api/v1/public/follow-up/*']
  if (deps.config.isRateLimited) {
    const perIp = limitPerIp(deps.config.feedback.followUpPerMinute, deps.clock, (c) => clientIpOf(c, deps.config.trustedProxies))
    for (const path of paths) app.use(path, perIp)
  }
  app.use(
    '/phan-hoi/*',
    secureHeaders({
      crossOriginEmbedderPolicy: false,
      contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: [NONCE], baseUri: ["'none'"], frameAncestors: ["'none'"] },
    }),
  )
  const noStore = createMiddleware(async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  })
  for (const path of paths) app.use(path, noStore)
  app.get('/api/v1/public/follow-up/:code', async (c) => c.json(await followUpOf(deps, c.req.param('code'))))
  app.get('/phan-hoi/:code', async (c) => {
    const context = contextOf(c)
    const t = strings[context.lang]
    try {
      const found = await followUpOf(deps, c.req.param('code'))
      const statusLabel = context.lang === 'vi' ? caseStatusNames[found.status] : englishStatus[found.status]
      return c.html(
        <MessagePage {...context} title={t.followUpTitle} body={`${t.followUpStatus}: ${statusLabel}`}>
          <h2>{t.followUpAnswer}</h2>
          <p class="follow-up-answer">{found.answer ?? t.followUpNoAnswer}</p>
        </MessagePage>,
      )
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'not_found') throw error
      return c.html(<MessagePage {...context} title={t.followUpNotFoundTitle} body={t.followUpNotFoundBody} />, 404)
    }
  })
  return app
}

const englishStatus = { received: 'Received', in_progress: 'Being handled', answered: 'Answered', closed: 'Closed' } as const

function contextOf(c: Context<Env>): PageContext {
  const lang: Lang = c.req.query('lang') === 'en' ? 'en' : 'vi'
  return { lang, nonce: c.get('secureHeadersNonce') ?? '', langSwitchHref: `${c.req.path}${lang === 'en' ? '' : '?lang=en'}` }
}
