/** What replaces personal data found in free text. */
export const redactedMark = '[đã ẩn]'

// What people put between the digits of a phone or ID number: spaces of any kind (also invisible ones), dots,
// dashes of any kind, slashes, underscores, brackets. Full-width forms are folded to these by NFKC first.
const separator = String.raw`[\s\p{Zs}\p{Cf}\p{Pd}.\/\\_()·•*~]`
// Up to four separators between two digits ("0912  345 678", "024 - 3826 - 1234").
const digitRun = new RegExp(String.raw`\+?\p{Nd}(?:${separator}{0,4}\p{Nd})*`, 'gu')
// An e-mail address, also with spaces around "@" or written "(at)".
const email = /[\p{L}\p{N}._%+-]+\s*(?:@|\(at\)|\[at\])\s*[\p{L}\p{N}-]+(?:\s?\.\s?[\p{L}\p{N}-]+)*/giu

/**
 * Nine digits or more in one run are hidden whatever their grouping: that covers mobile and landline numbers
 * (0…, +84…, 0084…) and 9- or 12-digit ID numbers (CMND, CCCD), and also two of them written one after the
 * other. Dates, amounts and procedure codes have fewer digits and are left alone.
 */
const minDigits = 9

/**
 * Hides e-mail addresses, phone numbers and ID numbers in a citizen's free text, after NFKC normalisation
 * (full-width digits and "＠" become plain ones), and cuts the result to `maxLength` characters (code points,
 * as PostgreSQL counts them): a short address replaced by the mark is longer than it was.
 */
export function redactPersonalData(text: string, maxLength = Infinity): string {
  const redacted = text
    .normalize('NFKC')
    .replace(email, redactedMark)
    .replace(digitRun, (run) => (run.replace(/\P{Nd}/gu, '').length >= minDigits ? redactedMark : run))
  return truncate(redacted, maxLength)
}

/** The first `maxLength` code points of `text`. */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text
  return Array.from(text).slice(0, maxLength).join('')
}
