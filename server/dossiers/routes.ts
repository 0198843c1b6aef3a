import { Hono } from 'hono'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { importDossierCounts } from './service'

/** POST /api/v1/dossier-counts/import: a CSV as the body (text/csv) or as the `file` of a multipart form. */
export function dossierRoutes(deps: Deps) {
  return new Hono<UserEnv>().post('/import', requireUser(deps, 'manager'), async (c) => {
    const type = c.req.header('content-type') ?? ''
    let csv: string
    if (/^multipart\/form-data/i.test(type)) {
      const file = (await c.req.parseBody()).file
      if (!(file instanceof File)) throw new AppError('invalid_input', 'Biểu mẫu cần một tệp CSV ở trường "file".')
      csv = await file.text()
    } else if (/^text\/(csv|plain)/i.test(type)) {
      csv = await c.req.text()
    } else {
      throw new AppError('invalid_input', 'Gửi tệp CSV (Content-Type: text/csv) hoặc biểu mẫu multipart có trường "file".')
    }
    return c.json(await importDossierCounts(deps, c.var.user, csv))
  })
}
