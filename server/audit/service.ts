import type { AuditPage } from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import type { Tx } from '../db'
import type { Deps } from '../deps'
import { scopeOf } from '../units/scope'
import { findAuditRows, insertAuditRows } from './queries'

export type AuditEntry = {
  action: string
  entity: string
  entityId: number | string | null
  /** The unit the entity belongs to, so a manager sees the changes made in their subtree. */
  unitId: number | null
  details?: Record<string, unknown>
}

/** The one way a write is logged: inside the write's own transaction, so both land or neither does. */
export async function recordAudit(tx: Tx, user: Pick<CurrentUser, 'id'>, entries: AuditEntry | AuditEntry[]) {
  const list = Array.isArray(entries) ? entries : [entries]
  if (list.length === 0) return
  await insertAuditRows(
    tx,
    list.map((e) => ({
      userId: user.id,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId === null ? null : String(e.entityId),
      unitId: e.unitId,
      details: e.details ?? {},
    })),
  )
}

/** An admin reads every row; a manager the rows about units of their subtree (rows about no unit are admin-only). */
export async function listAudit(
  deps: Deps,
  user: CurrentUser,
  { limit, before }: { limit: number; before?: number | undefined },
): Promise<AuditPage> {
  const unitIds = await scopeOf(deps, user)
  const rows = await findAuditRows(deps.sql, { unitIds, before: before ?? null, limit })
  const items = rows.map((row) => ({ ...row, at: row.at.toISOString() }))
  return { items, nextBefore: items.length === limit ? (items.at(-1)?.id ?? null) : null }
}

// For a login, which has no signed-in user to name (a failed one, or one for an unknown name).
export { insertAuditRows } from './queries'
