import { Hono } from 'hono'
import { validator } from 'hono/validator'
import { ByIdParams, SurveyVersionParams, NewAssignment, NewSurvey } from '../../shared/admin-contract'
import { vietnameseErrorMap as vi } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import {
  assignSurvey,
  createSurvey,
  draftFromVersion,
  getPublicSurvey,
  getSurvey,
  getSurveyVersion,
  listSurveys,
  parseSurveyDefinition,
  publishSurvey,
  saveDraft,
} from './service'

export function publicSurveyRoutes(deps: Deps) {
  return new Hono().get('/:code', async (c) => c.json(await getPublicSurvey(deps, c.req.param('code'))))
}

/** Questionnaires: every signed-in user reads them (managers assign them); only admins edit and publish. */
export function surveyRoutes(deps: Deps) {
  const admin = requireUser(deps, 'admin')
  const byId = validate('param', ByIdParams, vi)
  return new Hono<UserEnv>()
    .get('/', requireUser(deps), async (c) => c.json(await listSurveys(deps)))
    .get('/:id', requireUser(deps), byId, async (c) => c.json(await getSurvey(deps, c.req.valid('param').id)))
    .get('/:id/versions/:versionId', requireUser(deps), validate('param', SurveyVersionParams, vi), async (c) => {
      const { id, versionId } = c.req.valid('param')
      return c.json(await getSurveyVersion(deps, id, versionId))
    })
    .post('/', admin, validate('json', NewSurvey, vi), async (c) => c.json(await createSurvey(deps, c.var.user, c.req.valid('json')), 201))
    .put('/:id/draft', admin, byId, validator('json', parseSurveyDefinition), async (c) =>
      c.json(await saveDraft(deps, c.var.user, c.req.valid('param').id, c.req.valid('json'))),
    )
    .post('/:id/publish', admin, byId, async (c) => c.json(await publishSurvey(deps, c.var.user, c.req.valid('param').id), 201))
    .post('/:id/draft-from/:versionId', admin, validate('param', SurveyVersionParams, vi), async (c) => {
      const { id, versionId } = c.req.valid('param')
      return c.json(await draftFromVersion(deps, c.var.user, id, versionId))
    })
}

/** POST /api/v1/assignments: admins anywhere, managers for counters of their subtree. */
export function assignmentRoutes(deps: Deps) {
  return new Hono<UserEnv>().post('/', requireUser(deps, 'manager'), validate('json', NewAssignment, vi), async (c) =>
    c.json(await assignSurvey(deps, c.var.user, c.req.valid('json'))),
  )
}
