import { randomUUID } from 'node:crypto'
import { Hono } from 'hono'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import { z } from 'zod'
import { ByIdParams } from '../../shared/admin-contract'
import { vietnameseErrorMap as vi } from '../../shared/zod-vietnamese'
import { SurveyPage } from '../../survey-web/pages/survey-page'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { getPreviewDefinition } from './service'

const PreviewQuery = z.object({
  version: z.union([z.literal('draft'), z.coerce.number().int().positive()]),
  lang: z.enum(['vi', 'en']).default('vi'),
})

type Env = UserEnv & { Variables: { secureHeadersNonce?: string } }

/**
 * GET /admin/surveys/{id}/preview?version=draft|{versionId}: the citizen's page itself (survey-web), with
 * sending disabled, so an official sees exactly what citizens will see. The app may frame it.
 */
export function surveyPreviewRoutes(deps: Deps) {
  const policy = secureHeaders({
    crossOriginEmbedderPolicy: false,
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: [NONCE],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'self'"],
    },
    xFrameOptions: 'SAMEORIGIN',
  })
  return new Hono<Env>().get(
    '/:id/preview',
    policy,
    requireUser(deps, 'manager'),
    validate('param', ByIdParams, vi),
    validate('query', PreviewQuery, vi),
    async (c) => {
      const { version, lang } = c.req.valid('query')
      const { survey, label, definition } = await getPreviewDefinition(deps, c.req.valid('param').id, version)
      return c.html(
        <SurveyPage
          lang={lang}
          nonce={c.get('secureHeadersNonce') ?? ''}
          langSwitchHref={`${c.req.path}?version=${version}${lang === 'vi' ? '&lang=en' : ''}`}
          action="#"
          target={{ counterCode: 'xem-truoc' }}
          unitName="Xem trước phiếu khảo sát"
          place={`${survey.code} · ${label}`}
          definition={definition}
          fields={[]}
          procedures={[]}
          submissionId={randomUUID()}
          formToken=""
          isPreview
        />,
      )
    },
  )
}
