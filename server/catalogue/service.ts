import type { z } from 'zod'
import { FieldCsvRow, ProcedureCsvRow, type Field, type ImportSummary, type NewField, type Procedure } from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import { vietnameseErrorMap } from '../../shared/zod-vietnamese'
import { recordAudit } from '../audit/service'
import type { Deps } from '../deps'
import { AppError, type Issue } from '../errors'
import { servedSurveysChanged } from '../served-cache'
import { parseCsv } from './parse-csv'
import {
  findExistingFieldIds,
  findFieldIdsByCodes,
  findFields,
  findProcedures,
  insertField,
  upsertFields,
  upsertProcedures,
} from './queries'

export { parseCsv, type CsvRecord } from './parse-csv'

export const listFields = (deps: Deps): Promise<Field[]> => findFields(deps.sql)

export const listProcedures = (deps: Deps, fieldId?: number): Promise<Procedure[]> => findProcedures(deps.sql, fieldId ?? null)

/** Refuses, as invalid input on `path`, field ids that are not in the catalogue. */
export async function requireFields(deps: Pick<Deps, 'sql'>, fieldIds: number[], path = 'fieldIds') {
  if (fieldIds.length === 0) return
  const found = new Set(await findExistingFieldIds(deps.sql, fieldIds))
  const issues = fieldIds.flatMap((id, i) => (found.has(id) ? [] : [{ path: [path, i], message: `Không có lĩnh vực mã số ${id}.` }]))
  if (issues.length > 0) throw new AppError('invalid_input', 'Dữ liệu không hợp lệ.', issues)
}

export async function createField(deps: Deps, user: CurrentUser, input: NewField): Promise<Field> {
  return deps.sql.begin(async (tx) => {
    if ((await findFieldIdsByCodes(tx, [input.code])).length > 0) throw new AppError('conflict', `Mã lĩnh vực "${input.code}" đã có.`)
    const field = await insertField(tx, input)
    await recordAudit(tx, user, { action: 'create', entity: 'field', entityId: field.id, unitId: null, details: input })
    return field
  })
}

type Row<T> = { line: number; value: T }

/**
 * Reads a CSV import: the header names the columns (any order, case ignored, other columns ignored), each
 * further line is parsed with `schema`. Every bad line is reported as an issue whose path starts with the
 * line number; a duplicate key repeats an earlier line.
 */
function readCsvRows<S extends z.ZodObject>(text: string, schema: S, key: keyof z.output<S> & string) {
  if (text.includes('\uFFFD')) {
    throw new AppError('invalid_input', 'Tệp không phải UTF-8: hãy lưu lại dưới dạng "CSV UTF-8".')
  }
  const [header, ...records] = parseCsv(text)
  const columns = Object.keys(schema.shape)
  const names = header?.cells.map((cell) => cell.trim().toLowerCase()) ?? []
  const missing = columns.filter((column) => !names.includes(column))
  if (!header || missing.length > 0) {
    throw new AppError('invalid_input', 'Dòng tiêu đề không đúng.', [
      {
        path: [1],
        message: `Dòng 1: tiêu đề phải có các cột ${columns.join(',')}${missing.length > 0 ? `; thiếu ${missing.join(', ')}` : ''}.`,
      },
    ])
  }
  if (records.length === 0) throw new AppError('invalid_input', 'Tệp không có dòng dữ liệu nào.')
  const issues: Issue[] = []
  const rows: Row<z.output<S>>[] = []
  const firstLineOf = new Map<unknown, number>()
  for (const { line, cells } of records) {
    const raw = Object.fromEntries(columns.map((column) => [column, cells[names.indexOf(column)]]))
    const parsed = schema.safeParse(raw, { error: vietnameseErrorMap })
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? '')
        issues.push({ path: [line, column], message: `Dòng ${line}, cột ${column}: ${issue.message}` })
      }
      continue
    }
    const earlier = firstLineOf.get(parsed.data[key])
    if (earlier !== undefined) {
      issues.push({ path: [line, key], message: `Dòng ${line}: mã "${String(parsed.data[key])}" trùng với dòng ${earlier}.` })
      continue
    }
    firstLineOf.set(parsed.data[key], line)
    rows.push({ line, value: parsed.data })
  }
  return { rows, issues }
}

function refuseIfAny(issues: Issue[]) {
  if (issues.length === 0) return
  const lines = new Set(issues.map((issue) => issue.path[0])).size
  throw new AppError('invalid_input', `Có ${lines} dòng lỗi; chưa lưu dòng nào. Hãy sửa các dòng được liệt kê rồi nhập lại.`, issues)
}

const summaryOf = (total: number, changed: { isNew: boolean }[]): ImportSummary => {
  const created = changed.filter((row) => row.isNew).length
  return { created, updated: changed.length - created, unchanged: total - changed.length }
}

/**
 * Imports procedures from CSV (`code,name,field`, field being a field code). All or nothing: one bad line
 * and nothing is saved, with every bad line listed; otherwise every line is upserted by code, so importing
 * the same file again changes nothing.
 */
export async function importProcedures(deps: Deps, user: CurrentUser, text: string): Promise<ImportSummary> {
  const { rows, issues } = readCsvRows(text, ProcedureCsvRow, 'code')
  const fieldCodes = [...new Set(rows.map((row) => row.value.field))]
  const fieldIdOf = new Map((await findFieldIdsByCodes(deps.sql, fieldCodes)).map((f) => [f.code, f.id]))
  for (const { line, value } of rows) {
    if (!fieldIdOf.has(value.field)) {
      issues.push({ path: [line, 'field'], message: `Dòng ${line}, cột field: lĩnh vực "${value.field}" chưa có trong danh mục.` })
    }
  }
  refuseIfAny(issues.sort((a, b) => Number(a.path[0]) - Number(b.path[0])))
  const imported = await deps.sql.begin(async (tx) => {
    const changed = await upsertProcedures(
      tx,
      rows.map(({ value }) => ({ code: value.code, name: value.name, fieldId: fieldIdOf.get(value.field)! })),
    )
    const summary = summaryOf(rows.length, changed)
    await recordAudit(tx, user, {
      action: 'import',
      entity: 'procedure',
      entityId: null,
      unitId: null,
      details: { ...summary, codes: changed.map((row) => row.code) },
    })
    return summary
  })
  // A counter serves its procedures by name.
  await servedSurveysChanged(deps)
  return imported
}

/** Imports fields from CSV (`code,name`), all or nothing like procedures. */
export async function importFields(deps: Deps, user: CurrentUser, text: string): Promise<ImportSummary> {
  const { rows, issues } = readCsvRows(text, FieldCsvRow, 'code')
  refuseIfAny(issues)
  const imported = await deps.sql.begin(async (tx) => {
    const changed = await upsertFields(
      tx,
      rows.map(({ value }) => value),
    )
    const summary = summaryOf(rows.length, changed)
    await recordAudit(tx, user, {
      action: 'import',
      entity: 'field',
      entityId: null,
      unitId: null,
      details: { ...summary, codes: changed.map((row) => row.code) },
    })
    return summary
  })
  // A counter serves its fields by name.
  await servedSurveysChanged(deps)
  return imported
}
