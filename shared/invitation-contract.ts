import { z } from 'zod'
import { procedureCodePattern } from './procedure-code'

// POST /api/v1/invitations: a one-stop system (with its API key) asks for a single-use rating link for one
// dossier returned at a counter. Messages stay in English: the callers are systems, not citizens.

export const NewInvitation = z.strictObject({
  counterId: z.number().int().positive(),
  dossierCode: z.string().trim().min(1).max(100),
  fieldCode: z.string().min(1).max(60).optional(),
  procedureCode: z.string().regex(procedureCodePattern, 'must be a mã TTHC such as 1.001193').optional(),
  /** `online` when the one-stop system returns the dossier's result online (the portal, e-mail). */
  channel: z.enum(['invitation', 'online']).default('invitation'),
  expiresInDays: z.number().int().min(1).max(90).default(30),
})
export type NewInvitation = z.output<typeof NewInvitation>

/** The token is shown once; only its hash is kept. */
export const MintedInvitation = z.object({ token: z.string(), url: z.string(), expiresAt: z.string() })
export type MintedInvitation = z.infer<typeof MintedInvitation>
