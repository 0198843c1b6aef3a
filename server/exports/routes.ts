import { Readable } from 'node:stream'
import { Hono } from 'hono'
import { ExportQuery } from '../../shared/stats-query'
import { vietnameseErrorMap } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { exportResponses, type ExportFile, type ExportFormat } from './service'

const download = (file: ExportFile) =>
  new Response(Readable.toWeb(file.body) as ReadableStream<Uint8Array>, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'no-store',
    },
  })

/** GET /api/v1/exports/responses.csv and .xlsx (docs/api.md). */
export function exportRoutes(deps: Deps) {
  const signedIn = requireUser(deps, 'analyst', 'manager')
  const query = validate('query', ExportQuery, vietnameseErrorMap)
  const route = (format: ExportFormat) => `/responses.${format}`
  return new Hono<UserEnv>()
    .get(route('csv'), signedIn, query, async (c) => download(await exportResponses(deps, c.var.user, c.req.valid('query'), 'csv')))
    .get(route('xlsx'), signedIn, query, async (c) => download(await exportResponses(deps, c.var.user, c.req.valid('query'), 'xlsx')))
}
