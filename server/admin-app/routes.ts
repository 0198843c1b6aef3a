import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

const builtApp = join(import.meta.dirname, '../../dist/admin')

/**
 * The admin and analyst app built by Vite (`npm run build`): hashed assets cached for a year, and every
 * other path under /admin answered with index.html, so a shared link opens its own screen.
 */
export function adminAppRoutes() {
  let indexHtml: string | undefined
  const readIndex = () => {
    try {
      return (indexHtml ??= readFileSync(join(builtApp, 'index.html'), 'utf8'))
    } catch {
      throw new Error(`${builtApp}/index.html is missing: run "npm run build" first`)
    }
  }
  return new Hono()
    .use(
      secureHeaders({
        crossOriginEmbedderPolicy: false,
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
        },
      }),
    )
    .use('/assets/*', async (c, next) => {
      await next()
      if (c.res.ok) c.header('cache-control', 'public, max-age=31536000, immutable')
    })
    .use('/assets/*', serveStatic({ root: builtApp, rewriteRequestPath: (path) => path.replace(/^\/admin/, '') }))
    .get('*', (c) => {
      c.header('cache-control', 'no-cache')
      return c.html(readIndex())
    })
}
