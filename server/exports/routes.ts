import { pipeline, Readable } from 'node:stream'
import { createGzip } from 'node:zlib'
import { type Context, Hono } from 'hono'
import { accepts } from 'hono/accepts'
import { ExportQuery } from '../../shared/stats-query'
import { vietnameseErrorMap } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { exportResponses, type ExportFile, type ExportFormat } from './service'

/**
 * The file as the answer. A CSV is gzipped here, by Node's zlib under the stream's backpressure, when the client
 * takes gzip. Through the compress middleware (a web CompressionStream) a million-row export held about 140 MB
 * more in the server than the stream itself. The middleware leaves an answer with its own Content-Encoding
 * alone, and does not compress a spreadsheet's type (a zip already).
 */
function download(c: Context, file: ExportFile) {
  const isGzipped =
    file.contentType.startsWith('text/csv') && accepts(c, { header: 'Accept-Encoding', supports: ['gzip'], default: 'identity' }) === 'gzip'
  // pipeline destroys the file's stream (and so ends its query) when the download is cut short.
  const body = isGzipped ? pipeline(file.body, createGzip({ level: 1 }), () => {}) : file.body
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'no-store',
      vary: 'Accept-Encoding',
      ...(isGzipped ? { 'content-encoding': 'gzip' } : {}),
    },
  })
}

/** GET /api/v1/exports/responses.csv and .xlsx (docs/api.md). */
export function exportRoutes(deps: Deps) {
  const signedIn = requireUser(deps, 'analyst', 'manager')
  const query = validate('query', ExportQuery, vietnameseErrorMap)
  const route = (format: ExportFormat) => `/responses.${format}`
  return new Hono<UserEnv>()
    .get(route('csv'), signedIn, query, async (c) => download(c, await exportResponses(deps, c.var.user, c.req.valid('query'), 'csv')))
    .get(route('xlsx'), signedIn, query, async (c) => download(c, await exportResponses(deps, c.var.user, c.req.valid('query'), 'xlsx')))
}
