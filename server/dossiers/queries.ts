import type { Db, Tx } from '../db'

export type ImportCounter = { id: number; code: string | null; unitId: number }

/** Counters by number or by any QR code they ever had (codes rotate; an old file still names the old one). */
export async function findCountersByIdsOrCodes(db: Db, ids: number[], codes: string[]) {
  return db<ImportCounter[]>`
    select c.id, cc.code, sp.unit_id
    from counters c
    join service_points sp on sp.id = c.service_point_id
    left join counter_codes cc on cc.counter_id = c.id and cc.code = any(${codes}::text[])
    where c.id = any(${ids}::int[])
      or cc.code is not null
  `
}

export type DossierCountRow = {
  day: string
  counterId: number
  procedureCode: string | null
  received: number
  returned: number
  overdue: number
}

const oid = { int4: 23, text: 25, date: 1082 } as const

/** Inserts or overwrites one row per (day, counter, procedure); answers how many rows were new. */
export async function upsertDossierCounts(tx: Tx, rows: DossierCountRow[]) {
  const [result] = await tx<[{ inserted: number }]>`
    with upserted as (
      insert into dossier_counts (day, counter_id, procedure_code, received, returned, overdue)
      select * from unnest(
        ${tx.array(
          rows.map((r) => r.day),
          oid.date,
        )}::date[],
        ${tx.array(
          rows.map((r) => r.counterId),
          oid.int4,
        )}::int[],
        ${tx.array(
          rows.map((r) => r.procedureCode),
          oid.text,
        )}::text[],
        ${tx.array(
          rows.map((r) => r.received),
          oid.int4,
        )}::int[],
        ${tx.array(
          rows.map((r) => r.returned),
          oid.int4,
        )}::int[],
        ${tx.array(
          rows.map((r) => r.overdue),
          oid.int4,
        )}::int[]
      )
      on conflict (day, counter_id, coalesce(procedure_code, '')) do update
      set received = excluded.received, returned = excluded.returned, overdue = excluded.overdue, imported_at = now()
      returning xmax = 0 as is_inserted
    )
    select count(*) filter (where is_inserted)::int as inserted
    from upserted
  `
  return result.inserted
}
