import { Hono } from 'hono'
import { ByIdParams } from '../../shared/admin-contract'
import {
  AlertsQuery,
  CaseAnswerBody,
  CasesQuery,
  FiguresQuery,
  InboxQuery,
  NewCase,
  ThemesQuery,
  WebhookBody,
} from '../../shared/feedback-contract'
import { vietnameseErrorMap as vi } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import {
  advanceCase,
  createCase,
  getCase,
  handlingFigures,
  listAlerts,
  listCases,
  listInbox,
  listThemes,
  removeWebhook,
  setWebhook,
} from './service'

/**
 * /api/v1/feedback: the inbox of citizens' comments and reasons (read by analysts and managers in their
 * scope), feedback cases (taken up and answered by managers) and the handling figures.
 */
export function feedbackRoutes(deps: Deps) {
  const reader = requireUser(deps, 'analyst', 'manager')
  const handler = requireUser(deps, 'manager')
  return new Hono<UserEnv>()
    .get('/inbox', reader, validate('query', InboxQuery, vi), async (c) => c.json(await listInbox(deps, c.var.user, c.req.valid('query'))))
    .get('/themes', reader, validate('query', ThemesQuery, vi), async (c) =>
      c.json(await listThemes(deps, c.var.user, c.req.valid('query'))),
    )
    .get('/figures', reader, validate('query', FiguresQuery, vi), async (c) =>
      c.json(await handlingFigures(deps, c.var.user, c.req.valid('query'))),
    )
    .get('/alerts', reader, validate('query', AlertsQuery, vi), async (c) =>
      c.json(await listAlerts(deps, c.var.user, c.req.valid('query'))),
    )
    .put('/webhooks/:id', handler, validate('param', ByIdParams, vi), validate('json', WebhookBody, vi), async (c) =>
      c.json(await setWebhook(deps, c.var.user, c.req.valid('param').id, c.req.valid('json').url)),
    )
    .delete('/webhooks/:id', handler, validate('param', ByIdParams, vi), async (c) => {
      await removeWebhook(deps, c.var.user, c.req.valid('param').id)
      return c.body(null, 204)
    })
    .get('/cases', reader, validate('query', CasesQuery, vi), async (c) => c.json(await listCases(deps, c.var.user, c.req.valid('query'))))
    .post('/cases', handler, validate('json', NewCase, vi), async (c) =>
      c.json(await createCase(deps, c.var.user, c.req.valid('json')), 201),
    )
    .get('/cases/:id', reader, validate('param', ByIdParams, vi), async (c) =>
      c.json(await getCase(deps, c.var.user, c.req.valid('param').id)),
    )
    .post('/cases/:id/start', handler, validate('param', ByIdParams, vi), async (c) =>
      c.json(await advanceCase(deps, c.var.user, c.req.valid('param').id, 'start')),
    )
    .post('/cases/:id/answer', handler, validate('param', ByIdParams, vi), validate('json', CaseAnswerBody, vi), async (c) =>
      c.json(await advanceCase(deps, c.var.user, c.req.valid('param').id, 'answer', c.req.valid('json').answer)),
    )
    .post('/cases/:id/close', handler, validate('param', ByIdParams, vi), async (c) =>
      c.json(await advanceCase(deps, c.var.user, c.req.valid('param').id, 'close')),
    )
}
