/** What replaces personal data found in free text (docs/domain.md §9). */
export const redactedMark = '[đã ẩn]'

const email = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu
// Vietnamese phone numbers: 0 or +84 / 84, then 9 digits, with optional spaces, dots or dashes between groups.
const phone = /(?<![\p{N}])(?:\+?84|0)(?:[\s.-]?\d){9}(?![\p{N}])/gu
// CMND (9 digits) and CCCD (12 digits), possibly grouped with spaces or dots.
const idNumber = /(?<![\p{N}])(?:\d[\s.]?){11}\d(?![\p{N}])|(?<![\p{N}])(?:\d[\s.]?){8}\d(?![\p{N}])/gu

/** Hides e-mail addresses, phone numbers and 9- or 12-digit ID numbers in a citizen's comment. */
export function redactPersonalData(text: string): string {
  return text.replace(email, redactedMark).replace(phone, redactedMark).replace(idNumber, redactedMark)
}
