import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import type { Deps } from '../deps'
import { getWidgetForm } from './service'

const builtWidget = join(import.meta.dirname, '../../dist/widget.js')
let cachedWidget: string | undefined

/**
 * The widget's form, read from any origin (the provincial portal's pages). No credentials: the widget sends
 * no cookie and is given none, so the per-device interval does not apply to it (the form token, the burst
 * rule and the per-IP limit do).
 */
export function widgetApiRoutes(deps: Deps) {
  return new Hono().use('*', cors({ origin: '*', allowMethods: ['GET'] })).get('/:code', async (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json(await getWidgetForm(deps, c.req.param('code')))
  })
}

/** GET /widget.js: the one script a portal page embeds; `npm run build` makes it. */
export function widgetScriptRoutes() {
  return new Hono().get('/', (c) => {
    cachedWidget ??= readFileSync(builtWidget, 'utf8')
    // Loaded by other origins' pages: the app-wide same-origin resource policy would block it.
    c.header('Cross-Origin-Resource-Policy', 'cross-origin')
    c.header('Cache-Control', 'public, max-age=3600')
    return c.body(cachedWidget, 200, { 'Content-Type': 'text/javascript; charset=utf-8' })
  })
}
