/** Mã TTHC of the national catalogue and its local variants (docs/domain.md §6). */
export const procedureCodePattern = /^[123]\.\d{6}(\.H\d{2}|\.000\.00\.00\.H\d{2})?$/

/** Statistics aggregate local variants on the national code: its first 8 characters. */
export function baseProcedureCode(code: string): string {
  return code.slice(0, 8)
}
