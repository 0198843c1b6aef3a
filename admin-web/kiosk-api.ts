import { CreatedKiosk, type NewKiosk } from '../shared/kiosk-contract'
import { request } from './api'

/** Kiosks (tablets at a counter) and their one-time pairing codes (shared/kiosk-contract.ts). */
export const kioskApi = {
  createKiosk: (body: NewKiosk) => request(CreatedKiosk, 'POST', '/kiosks', body),
}
