import type { CurrentUser } from '../../shared/auth-contract'
import { dossierColumns, DossierRow, type DossierImportResult } from '../../shared/dossier-contract'
import { recordAudit } from '../audit/service'
import type { Deps } from '../deps'
import { AppError, type Issue } from '../errors'
import { isInScope, scopeOf } from '../units/scope'
import { parseCsv, type CsvRecord } from '../catalogue/service'
import { findCountersByIdsOrCodes, upsertDossierCounts, type DossierCountRow, type ImportCounter } from './queries'

export const maxImportRows = 50_000

type ParsedRow = { line: number; row: DossierRow }

/**
 * POST /api/v1/dossier-counts/import: every row is checked (zod, counter in the user's scope, no key twice)
 * before any is written; one bad row rejects the file with each problem's line number. Then all rows are
 * upserted in one transaction, so importing the same file again changes nothing.
 */
export async function importDossierCounts(deps: Deps, user: CurrentUser, csv: string): Promise<DossierImportResult> {
  const [head, ...records] = parseCsv(csv)
  if (!head || records.length === 0) throw invalid([{ path: ['file'], message: 'Tệp không có dòng dữ liệu nào.' }])
  if (records.length > maxImportRows) throw invalid([{ path: ['file'], message: `Tối đa ${maxImportRows} dòng mỗi lần nhập.` }])
  const columns = head.cells.map((cell) => cell.trim().toLowerCase())
  const missing = dossierColumns.filter((column) => !columns.includes(column))
  if (missing.length > 0) throw invalid([{ path: [head.line], message: `Dòng ${head.line}: thiếu cột ${missing.join(', ')}.` }])

  const issues: Issue[] = []
  const parsed = records.flatMap((record) => parseRecord(record, columns, issues))
  const counterOf = await resolveCounters(deps, user, parsed)
  const firstLineOf = new Map<string, number>()
  const rows: DossierCountRow[] = []
  for (const { line, row } of parsed) {
    const counter = counterOf(row.counter)
    if (!counter) {
      issues.push(issueAt(line, 'counter', `Không tìm thấy quầy "${row.counter}" trong phạm vi của bạn.`))
      continue
    }
    const key = `${row.date}|${counter.id}|${row.procedure ?? ''}`
    const first = firstLineOf.get(key)
    if (first !== undefined) {
      issues.push(issueAt(line, 'date', `Trùng ngày, quầy và thủ tục với dòng ${first}.`))
      continue
    }
    firstLineOf.set(key, line)
    rows.push({
      day: row.date,
      counterId: counter.id,
      procedureCode: row.procedure,
      received: row.received,
      returned: row.returned,
      overdue: row.overdue,
    })
  }
  if (issues.length > 0) {
    const lines = new Set(issues.map((issue) => issue.path[0]))
    throw new AppError(
      'invalid_input',
      `Có ${lines.size} dòng không hợp lệ; chưa nhập dòng nào.`,
      issues.sort((a, b) => Number(a.path[0]) - Number(b.path[0])),
    )
  }

  const days = rows.map((row) => row.day).sort()
  return deps.sql.begin(async (tx) => {
    const inserted = await upsertDossierCounts(tx, rows)
    const result = { imported: rows.length, inserted, updated: rows.length - inserted }
    await recordAudit(tx, user, {
      action: 'import',
      entity: 'dossier_counts',
      entityId: null,
      unitId: user.unitId,
      details: { ...result, from: days[0], to: days.at(-1) },
    })
    return result
  })
}

const invalid = (issues: Issue[]) => new AppError('invalid_input', 'Tệp số liệu hồ sơ không hợp lệ; chưa nhập dòng nào.', issues)

const issueAt = (line: number, column: string, message: string): Issue => ({
  path: [line, column],
  message: `Dòng ${line}, cột ${column}: ${message}`,
})

function parseRecord(record: CsvRecord, columns: string[], issues: Issue[]): ParsedRow[] {
  const input = Object.fromEntries(dossierColumns.map((column) => [column, record.cells[columns.indexOf(column)] ?? '']))
  const result = DossierRow.safeParse(input)
  if (result.success) return [{ line: record.line, row: result.data }]
  for (const issue of result.error.issues) issues.push(issueAt(record.line, String(issue.path[0] ?? 'date'), issue.message))
  return []
}

/** Looks every named counter up at once; those outside the user's subtree (today) are as unknown. */
async function resolveCounters(deps: Deps, user: CurrentUser, parsed: ParsedRow[]) {
  const names = [...new Set(parsed.map(({ row }) => row.counter))]
  const ids = names.filter((name) => /^\d{1,9}$/.test(name)).map(Number)
  const found = names.length === 0 ? [] : await findCountersByIdsOrCodes(deps.sql, ids, names)
  const scope = await scopeOf(deps, user)
  const inScope = found.filter((counter) => isInScope(scope, counter.unitId))
  const byName = new Map<string, ImportCounter>()
  // A number names a counter by id before any (all-digit) QR code.
  for (const counter of inScope) if (counter.code !== null) byName.set(counter.code, counter)
  for (const counter of inScope) byName.set(String(counter.id), counter)
  return (name: string) => byName.get(name)
}
