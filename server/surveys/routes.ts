import { Hono } from 'hono'
import type { Deps } from '../deps'
import { getPublicSurvey } from './service'

export function publicSurveyRoutes(deps: Deps) {
  return new Hono().get('/:code', async (c) => c.json(await getPublicSurvey(deps, c.req.param('code'))))
}
