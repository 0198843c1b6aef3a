import { Hono } from 'hono'
import { NewField, ProceduresQuery } from '../../shared/admin-contract'
import { vietnameseErrorMap as vi } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { createField, importFields, importProcedures, listFields, listProcedures } from './service'

/** Lĩnh vực: a catalogue every signed-in user reads and only admins change. */
export function fieldRoutes(deps: Deps) {
  const admin = requireUser(deps, 'admin')
  return new Hono<UserEnv>()
    .get('/', requireUser(deps), async (c) => c.json(await listFields(deps)))
    .post('/', admin, validate('json', NewField, vi), async (c) => c.json(await createField(deps, c.var.user, c.req.valid('json')), 201))
    .post('/import', admin, async (c) => c.json(await importFields(deps, c.var.user, await c.req.text())))
}

/** Thủ tục hành chính: read by every signed-in user, imported from CSV by admins. */
export function procedureRoutes(deps: Deps) {
  return new Hono<UserEnv>()
    .get('/', requireUser(deps), validate('query', ProceduresQuery, vi), async (c) =>
      c.json(await listProcedures(deps, c.req.valid('query').fieldId)),
    )
    .post('/import', requireUser(deps, 'admin'), async (c) => c.json(await importProcedures(deps, c.var.user, await c.req.text())))
}
