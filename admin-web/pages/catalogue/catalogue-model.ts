import { formatCount } from '../../../shared/format'

// The catalogue screen's search: a procedure matches by code or name, typed with or without Vietnamese marks.

/** Lowercase without diacritics, so "dang ky" finds "Đăng ký". */
export const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()

/** The procedures whose code or name contains the search, marks and case aside; all of them for a blank search. */
export function matchingProcedures<P extends { code: string; name: string }>(procedures: P[], search: string) {
  const needle = folded(search.trim())
  return procedures.filter((p) => needle === '' || folded(`${p.code} ${p.name}`).includes(needle))
}

/** "1.234 thủ tục", or how many of them match the search. */
export const procedureCountLine = (shown: number, total: number) =>
  shown === total ? `${formatCount(total)} thủ tục` : `${formatCount(shown)} trên ${formatCount(total)} thủ tục khớp với tìm kiếm`

/** The URL's filters with one set, or removed when blank. */
export function withFilter(current: URLSearchParams, key: string, value: string) {
  const params = new URLSearchParams(current)
  if (value) params.set(key, value)
  else params.delete(key)
  return params
}
