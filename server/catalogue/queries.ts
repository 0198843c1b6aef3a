import type { Field, Procedure } from '../../shared/admin-contract'
import type { Db, Tx } from '../db'

export async function findFields(db: Db) {
  return db<Field[]>`
    select id, code, name, valid_from::text as valid_from, valid_to::text as valid_to
    from fields
    order by name, id
  `
}

export async function findFieldIdsByCodes(db: Db | Tx, codes: string[]) {
  return db<{ id: number; code: string }[]>`
    select id, code
    from fields
    where code = any(${codes}::text[])
  `
}

export async function findExistingFieldIds(db: Db | Tx, ids: number[]) {
  const rows = await db<{ id: number }[]>`
    select id
    from fields
    where id = any(${ids}::int[])
  `
  return rows.map((row) => row.id)
}

export async function insertField(tx: Tx, f: { code: string; name: string }) {
  const [row] = await tx<[Field]>`
    insert into fields (code, name)
    values (${f.code}, ${f.name})
    returning id, code, name, valid_from::text as valid_from, valid_to::text as valid_to
  `
  return row
}

/** Inserts new codes and renames changed ones; rows that change nothing are not returned. */
export async function upsertFields(tx: Tx, rows: { code: string; name: string }[]) {
  return tx<{ code: string; isNew: boolean }[]>`
    insert into fields (code, name)
    select *
    from unnest(${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.name)}::text[])
    on conflict (code) do update
    set name = excluded.name
    where fields.name is distinct from excluded.name
    returning code, (xmax = 0) as is_new
  `
}

export async function findProcedures(db: Db, fieldId: number | null) {
  return db<Procedure[]>`
    select p.id, p.code, p.base_code, p.name, p.field_id, f.code as field_code
    from procedures p
    join fields f on f.id = p.field_id
    where (${fieldId}::int is null or p.field_id = ${fieldId}::int)
    order by p.code
  `
}

/** Inserts new codes and updates changed ones; rows that change nothing are not returned. */
export async function upsertProcedures(tx: Tx, rows: { code: string; name: string; fieldId: number }[]) {
  return tx<{ code: string; isNew: boolean }[]>`
    insert into procedures (code, name, field_id)
    select *
    from unnest(${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.fieldId)}::int[])
    on conflict (code) do update
    set name = excluded.name, field_id = excluded.field_id
    where (procedures.name, procedures.field_id) is distinct from (excluded.name, excluded.field_id)
    returning code, (xmax = 0) as is_new
  `
}
