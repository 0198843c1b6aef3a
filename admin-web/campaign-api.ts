import { Campaign, CampaignList, ImportResult, PaperReceipt, type PaperForm } from '../shared/campaign-contract'
import { request } from './api'

/** Survey campaigns and their paper forms (shared/campaign-contract.ts). */
export const campaignApi = {
  campaigns: () => request(CampaignList, 'GET', '/campaigns'),
  campaign: (id: number) => request(Campaign, 'GET', `/campaigns/${id}`),
  enterForm: (id: number, form: PaperForm) => request(PaperReceipt, 'POST', `/campaigns/${id}/forms`, form),
  importForms: (id: number, csv: string) => request(ImportResult, 'POST', `/campaigns/${id}/import`, csv),
}
