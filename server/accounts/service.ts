import { createHash, randomBytes } from 'node:crypto'
import type { CurrentUser, LoginRequest } from '../../shared/auth-contract'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { beginLoginAttempt, settleSuccessfulLogin } from './login-throttle'
import { insertAuditRows } from '../audit/service'
import { hashPassword, isPasswordOf } from './passwords'
import {
  deleteExpiredSessions,
  deleteOtherSessionsOf,
  deleteSession,
  findSession,
  findUserByUsername,
  insertSession,
  updatePassword,
  updateSessionLastSeen,
  type SessionRow,
} from './queries'

export { hashPassword } from './passwords'
// For users, whose admins reset passwords.
export { updatePassword } from './queries'

export const sessionIdleMs = 30 * 60_000
export const sessionMaxAgeMs = 12 * 60 * 60_000
// last_seen_at is written at most this often, so a busy dashboard does not write on every request.
const lastSeenResolutionMs = 60_000

const sessionIdPattern = /^[A-Za-z0-9_-]{43}$/

let dummyHash: Promise<string> | undefined
/** A hash to verify against when the username is unknown, so the answer takes as long as for a real user. */
const dummyHashOnce = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')))

const sessionIdHashOf = (sessionId: string) => createHash('sha256').update(sessionId).digest()

export type LoggedIn = { user: CurrentUser; sessionId: string }

/**
 * Checks the password and opens a new session. Unknown user, wrong password and disabled account get the
 * same answer after the same work; a session the browser still holds is ended, never reused.
 */
export async function logIn(
  deps: Deps,
  { username, password, clientIp, previousSessionId }: LoginRequest & { clientIp: string; previousSessionId: string | undefined },
): Promise<LoggedIn> {
  const attempt = await beginLoginAttempt(deps, username, clientIp)
  const user = await findUserByUsername(deps.sql, username)
  const isPasswordRight = await isPasswordOf(user?.passwordHash ?? (await dummyHashOnce()), password)
  if (!user || user.isDisabled || !isPasswordRight) {
    // The account's id when the name is one (never the name typed, which may be a mistyped password).
    await auditLogin(deps, 'login_failed', user ? { id: user.id, unitId: user.unitId } : undefined)
    throw new AppError('unauthenticated', 'Tên đăng nhập hoặc mật khẩu không đúng.')
  }
  await settleSuccessfulLogin(deps, attempt)
  await auditLogin(deps, 'login', { id: user.id, unitId: user.unitId })

  const now = deps.clock()
  await deleteExpiredSessions(deps.sql, { now, idleSince: new Date(now.getTime() - sessionIdleMs) })
  if (previousSessionId !== undefined) await logOut(deps, previousSessionId)
  const sessionId = randomBytes(32).toString('base64url')
  await insertSession(deps.sql, {
    idHash: sessionIdHashOf(sessionId),
    userId: user.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + sessionMaxAgeMs),
  })
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, unitId: user.unitId },
    sessionId,
  }
}

/** Logins and failed logins land in the audit log, without the address they came from. */
async function auditLogin(deps: Deps, action: 'login' | 'login_failed', user: { id: number; unitId: number | null } | undefined) {
  await deps.sql.begin((tx) =>
    insertAuditRows(tx, [
      {
        userId: user?.id ?? null,
        action,
        entity: 'user',
        entityId: user ? String(user.id) : null,
        unitId: user?.unitId ?? null,
        details: {},
      },
    ]),
  )
}

/**
 * Changes one's own password (any role): the current one is checked first, and every other session of the
 * account is ended. Audited.
 */
export async function changeOwnPassword(
  deps: Deps,
  user: CurrentUser,
  currentSessionId: string,
  { currentPassword, newPassword }: { currentPassword: string; newPassword: string },
) {
  const account = await findUserByUsername(deps.sql, user.username)
  if (!account || !(await isPasswordOf(account.passwordHash, currentPassword))) {
    throw new AppError('invalid_input', 'Mật khẩu hiện tại không đúng.', [
      { path: ['currentPassword'], message: 'Mật khẩu hiện tại không đúng.' },
    ])
  }
  const passwordHash = await hashPassword(newPassword)
  await deps.sql.begin(async (tx) => {
    await updatePassword(tx, user.id, passwordHash, deps.clock())
    const endedSessions = await deleteOtherSessionsOf(tx, user.id, sessionIdHashOf(currentSessionId))
    await insertAuditRows(tx, [
      {
        userId: user.id,
        action: 'change_password',
        entity: 'user',
        entityId: String(user.id),
        unitId: user.unitId,
        details: { endedSessions },
      },
    ])
  })
}

export async function logOut(deps: Pick<Deps, 'sql'>, sessionId: string) {
  if (sessionIdPattern.test(sessionId)) await deleteSession(deps.sql, sessionIdHashOf(sessionId))
}

/** The user a session cookie belongs to; an expired session, or one of a disabled user, is deleted. */
export async function findSessionUser(deps: Pick<Deps, 'sql' | 'clock'>, sessionId: string | undefined): Promise<CurrentUser | undefined> {
  if (sessionId === undefined || !sessionIdPattern.test(sessionId)) return undefined
  const idHash = sessionIdHashOf(sessionId)
  const session = await findSession(deps.sql, idHash)
  if (!session) return undefined
  const nowMs = deps.clock().getTime()
  if (isSessionOver(session, nowMs)) {
    await deleteSession(deps.sql, idHash)
    return undefined
  }
  if (nowMs - session.lastSeenAt.getTime() >= lastSeenResolutionMs) await updateSessionLastSeen(deps.sql, idHash, new Date(nowMs))
  return { id: session.userId, username: session.username, displayName: session.displayName, role: session.role, unitId: session.unitId }
}

function isSessionOver(session: SessionRow, nowMs: number) {
  return session.isDisabled || nowMs >= session.expiresAt.getTime() || nowMs - session.lastSeenAt.getTime() >= sessionIdleMs
}
