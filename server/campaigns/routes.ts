import { Hono } from 'hono'
import { ByIdParams } from '../../shared/admin-contract'
import { NewCampaign, PaperForm } from '../../shared/campaign-contract'
import { vietnameseErrorMap as vi } from '../../shared/zod-vietnamese'
import { requireUser, type UserEnv } from '../accounts/require-user'
import type { Deps } from '../deps'
import { validate } from '../validate'
import { createCampaign, enterForm, getCampaign, getDemographics, importForms, listCampaigns } from './service'

/** Paper survey campaigns: set up by managers, typed in by their enumerators (any role named as one). */
export function campaignRoutes(deps: Deps) {
  const id = validate('param', ByIdParams, vi)
  return new Hono<UserEnv>()
    .get('/', requireUser(deps), async (c) => c.json(await listCampaigns(deps, c.var.user)))
    .post('/', requireUser(deps, 'manager'), validate('json', NewCampaign, vi), async (c) =>
      c.json(await createCampaign(deps, c.var.user, c.req.valid('json')), 201),
    )
    .get('/:id', requireUser(deps), id, async (c) => c.json(await getCampaign(deps, c.var.user, c.req.valid('param').id)))
    .get('/:id/demographics', requireUser(deps), id, async (c) => c.json(await getDemographics(deps, c.var.user, c.req.valid('param').id)))
    .post('/:id/forms', requireUser(deps), id, validate('json', PaperForm, vi), async (c) => {
      const receipt = await enterForm(deps, c.var.user, c.req.valid('param').id, c.req.valid('json'))
      return c.json(receipt, receipt.isNew ? 201 : 200)
    })
    .post('/:id/import', requireUser(deps), id, async (c) =>
      c.json(await importForms(deps, c.var.user, c.req.valid('param').id, await c.req.text())),
    )
}
