import type { AuditEntry } from '../../shared/admin-contract'
import type { Db, Tx } from '../db'

export type AuditRow = {
  userId: number | null
  action: string
  entity: string
  entityId: string | null
  unitId: number | null
  details: Record<string, unknown>
}

export async function insertAuditRows(tx: Tx, rows: AuditRow[]) {
  await tx`
    insert into audit_log ${tx(
      rows.map((row) => ({ ...row, details: tx.json(row.details as never) })),
      'userId',
      'action',
      'entity',
      'entityId',
      'unitId',
      'details',
    )}
  `
}

/** An audit row as GET /api/v1/audit answers it, but for its time, still a Date here. */
export type AuditEntryRow = Omit<AuditEntry, 'at'> & { at: Date }

/** Newest first; `unitIds` null reads every row, else only rows about those units. */
export async function findAuditRows(
  db: Db,
  { unitIds, before, limit }: { unitIds: number[] | null; before: number | null; limit: number },
) {
  return db<AuditEntryRow[]>`
    select a.id::int as id, a.at, a.user_id, u.username, a.action, a.entity, a.entity_id, a.unit_id, a.details
    from audit_log a
    left join users u on u.id = a.user_id
    where (${before}::bigint is null or a.id < ${before}::bigint)
    and (${unitIds}::int[] is null or a.unit_id = any(${unitIds}::int[]))
    order by a.id desc
    limit ${limit}
  `
}
