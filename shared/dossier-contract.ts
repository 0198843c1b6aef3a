import { z } from 'zod'
import { isValidDate } from './periods'
import { procedureCodePattern } from './procedure-code'

/**
 * POST /api/v1/dossier-counts/import: a CSV with a header line naming these columns (any order, more are
 * ignored), comma- or semicolon-separated (Excel in a Vietnamese locale writes ";"). `counter` is the
 * counter's number (id) or one of its QR codes, current or revoked; `procedure` may be empty.
 */
export const dossierColumns = ['date', 'counter', 'procedure', 'received', 'returned', 'overdue'] as const

const Count = z
  .string()
  .trim()
  .regex(/^\d{1,7}$/, 'Phải là số nguyên không âm.')
  .transform(Number)

/** 2025-08-04 or 04/08/2025 (dd/mm/yyyy, as Vietnamese spreadsheets write it) → 2025-08-04. */
function isoDateOf(text: string): string {
  const vietnamese = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
  return vietnamese ? `${vietnamese[3]}-${vietnamese[2]!.padStart(2, '0')}-${vietnamese[1]!.padStart(2, '0')}` : text
}

export const DossierRow = z
  .object({
    date: z.string().trim().transform(isoDateOf).refine(isValidDate, 'Phải là ngày có thật dạng YYYY-MM-DD hoặc dd/mm/yyyy.'),
    counter: z
      .string()
      .trim()
      // An export neutralises a code starting with "-" with an apostrophe; take it back off.
      .transform((text) => text.replace(/^'/, ''))
      .pipe(z.string().min(1, 'Cần số hiệu hoặc mã QR của quầy.').max(64, 'Tối đa 64 ký tự.')),
    procedure: z
      .string()
      .trim()
      .refine((code) => code === '' || procedureCodePattern.test(code), 'Mã TTHC không hợp lệ (ví dụ 1.001193 hoặc 1.014465.H50).')
      .transform((code) => (code === '' ? null : code)),
    received: Count,
    returned: Count,
    overdue: Count,
  })
  .refine((row) => row.overdue <= row.returned, { path: ['overdue'], message: 'Số hồ sơ trễ hạn không được lớn hơn số hồ sơ đã trả.' })
export type DossierRow = z.output<typeof DossierRow>

export const DossierImportResult = z.object({ imported: z.number(), inserted: z.number(), updated: z.number() })
export type DossierImportResult = z.infer<typeof DossierImportResult>
