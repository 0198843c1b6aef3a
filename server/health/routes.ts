import { Hono } from 'hono'
import type { Deps } from '../deps'

const probeTimeoutMs = 2000

export function healthRoutes(deps: Deps) {
  return new Hono().get('/', async (c) => {
    const isUp = await Promise.race([
      deps.sql`select 1`.then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((done) => setTimeout(() => done(false), probeTimeoutMs).unref()),
    ])
    return isUp ? c.json({ status: 'ok' }) : c.json({ status: 'unavailable' }, 503)
  })
}
