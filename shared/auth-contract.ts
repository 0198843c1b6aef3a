import { z } from 'zod'

export const Role = z.enum(['admin', 'manager', 'analyst'])
export type Role = z.infer<typeof Role>

/** POST /api/v1/auth/login. Lengths are capped so a huge password cannot make hashing slow. */
export const LoginRequest = z.object({
  username: z.string().trim().toLowerCase().min(1).max(100),
  password: z.string().min(1).max(1024),
})
export type LoginRequest = z.infer<typeof LoginRequest>

/** POST /api/v1/auth/password: one's own password, the current one first. */
export const PasswordChange = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(10).max(1024),
})
export type PasswordChange = z.infer<typeof PasswordChange>

export const CurrentUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  unitId: z.number().int().nullable(),
})
export type CurrentUser = z.infer<typeof CurrentUser>

/** The answer of POST /api/v1/auth/login and GET /api/v1/auth/me. */
export const AuthAnswer = z.object({ user: CurrentUser })
export type AuthAnswer = z.infer<typeof AuthAnswer>
