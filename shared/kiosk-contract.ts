import { z } from 'zod'

const PairingCode = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[A-Z0-9]{8}$/, 'Mã ghép nối gồm 8 chữ và số.'))

/** POST /api/v1/kiosks (manager): a kiosk for a counter, answered with its one-time pairing code. */
export const NewKiosk = z.strictObject({
  counterId: z.number().int().positive().max(2_147_483_647),
  name: z.string().trim().min(1).max(100),
})
export type NewKiosk = z.infer<typeof NewKiosk>

export const CreatedKiosk = z.object({
  id: z.number(),
  counterId: z.number(),
  name: z.string(),
  /** Shown once, as `ABCD-EFGH`; typed on the tablet within `pairingExpiresAt`. */
  pairingCode: z.string(),
  pairingExpiresAt: z.string(),
})
export type CreatedKiosk = z.infer<typeof CreatedKiosk>

/** POST /api/v1/kiosks/pair (the tablet): the code shown to the admin, spent by this call. */
export const KioskPairing = z.strictObject({ pairingCode: PairingCode })
export type KioskPairing = z.infer<typeof KioskPairing>

export const KioskToken = z.object({ token: z.string() })
export type KioskToken = z.infer<typeof KioskToken>

/** GET /api/v1/kiosks/me (Bearer kiosk token): what the tablet shows. */
export const KioskForm = z.object({
  kioskName: z.string(),
  unitName: z.string(),
  place: z.string(),
  title: z.string(),
  question: z.object({
    key: z.string(),
    label: z.string(),
    options: z.array(z.object({ value: z.number().int(), label: z.string(), face: z.string().optional() })).min(2),
  }),
})
export type KioskForm = z.infer<typeof KioskForm>

/**
 * POST /api/v1/kiosks/ratings (Bearer kiosk token): one tap, made and queued on the tablet (perhaps offline);
 * `ratedAt` is the tablet's time of the tap, `submissionId` made once per tap so a resend is stored once.
 */
export const KioskRating = z.strictObject({
  submissionId: z.uuid(),
  ratedAt: z.iso.datetime({ offset: true }),
  answers: z.record(z.string().max(40), z.number().int().min(0).max(99)),
})
export type KioskRating = z.infer<typeof KioskRating>
