import { Hono } from 'hono'
import { ByIdParams, CounterChange, CounterFields, CountersQuery, NewCounter } from '../../shared/admin-contract'
import { vietnameseErrorMap as vi } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import {
  changeCounter,
  counterQrPng,
  counterQrSvg,
  createCounter,
  getCounter,
  listCounters,
  rotateCounterCode,
  setCounterFields,
} from './service'

// A QR code is only as current as the counter's live code, which a rotation replaces.
const qrHeaders = { 'cache-control': 'private, no-cache' }

/** Counters and their QR codes: read by anyone within their scope, written by admins and managers in their subtree. */
export function counterRoutes(deps: Deps) {
  const reader = requireUser(deps)
  const writer = requireUser(deps, 'manager')
  const byId = validate('param', ByIdParams, vi)
  return new Hono<UserEnv>()
    .get('/', reader, validate('query', CountersQuery, vi), async (c) => c.json(await listCounters(deps, c.var.user, c.req.valid('query'))))
    .get('/:id', reader, byId, async (c) => c.json(await getCounter(deps, c.var.user, c.req.valid('param').id)))
    .get('/:id/qr.svg', reader, byId, async (c) => {
      const svg = await counterQrSvg(deps, c.var.user, c.req.valid('param').id)
      return c.body(svg, 200, { ...qrHeaders, 'content-type': 'image/svg+xml; charset=utf-8' })
    })
    .get('/:id/qr.png', reader, byId, async (c) => {
      const png = await counterQrPng(deps, c.var.user, c.req.valid('param').id)
      return c.body(new Uint8Array(png), 200, { ...qrHeaders, 'content-type': 'image/png' })
    })
    .post('/', writer, validate('json', NewCounter, vi), async (c) =>
      c.json(await createCounter(deps, c.var.user, c.req.valid('json')), 201),
    )
    .patch('/:id', writer, byId, validate('json', CounterChange, vi), async (c) =>
      c.json(await changeCounter(deps, c.var.user, c.req.valid('param').id, c.req.valid('json'))),
    )
    .put('/:id/fields', writer, byId, validate('json', CounterFields, vi), async (c) =>
      c.json(await setCounterFields(deps, c.var.user, c.req.valid('param').id, c.req.valid('json').fieldIds)),
    )
    .post('/:id/rotate-code', writer, byId, async (c) => c.json(await rotateCounterCode(deps, c.var.user, c.req.valid('param').id)))
}
