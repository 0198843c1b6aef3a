import type { ImportSummary } from '../../shared/admin-contract'
import { formatCount } from '../../shared/format'

// The CSV import's pure parts: what a refusal shows, line by line, and how a success is told.

export type RefusedLine = { line: number | undefined; text: string; message: string }
export type Refusal = { message: string; lines: RefusedLine[] }

type Issue = { path: (string | number)[]; message: string }

/** The import is all or nothing, so a refusal lists every bad line beside what the file held there. */
export function refusalOf(refused: { message: string; issues: Issue[] } | undefined, csv: string): Refusal {
  if (!refused) return { message: 'Không kết nối được máy chủ.', lines: [] }
  const physicalLines = csv.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)
  return {
    message: refused.message,
    lines: refused.issues.map((issue) => {
      const line = typeof issue.path[0] === 'number' ? issue.path[0] : undefined
      return { line, text: line === undefined ? '' : (physicalLines[line - 1] ?? ''), message: issue.message }
    }),
  }
}

/** The sentence above a refusal: how many lines to fix, or the server's message when no line is named. */
export const refusalHeadline = (refusal: Refusal) =>
  refusal.lines.length > 0
    ? `Có ${new Set(refusal.lines.map((l) => l.line)).size} dòng lỗi; hãy sửa các dòng dưới đây rồi nhập lại cả tệp.`
    : refusal.message

export function importedText({ created, updated, unchanged }: ImportSummary) {
  const total = created + updated + unchanged
  return `Đã nhập ${formatCount(total)} dòng: ${formatCount(created)} thêm mới, ${formatCount(updated)} cập nhật, ${formatCount(unchanged)} không đổi.`
}

export const emptyImport: Refusal = { message: 'Hãy chọn tệp hoặc dán nội dung CSV.', lines: [] }
