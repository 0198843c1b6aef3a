/** Officials type dates as they write them, dd/mm/yyyy, whatever language the browser's own date picker speaks. */
export const datePlaceholder = 'dd/mm/yyyy'

export const dateFormatMessage = 'Nhập ngày dạng dd/mm/yyyy, ví dụ 31/12/2025.'

/** dd/mm/yyyy (or d/m/yyyy, with "/", "." or "-") → YYYY-MM-DD; undefined when it is no real day. */
export function parseVietnameseDate(text: string): string | undefined {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim())
  if (!match) return undefined
  const [, day, month, year] = match
  const iso = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`
  const date = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined
}
