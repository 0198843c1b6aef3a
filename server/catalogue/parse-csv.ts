export type CsvRecord = { line: number; cells: string[] }

/**
 * Splits RFC 4180 CSV text into records, each with the line it starts on (1 = the header), so an import can
 * name the lines it refuses. Quoted cells may hold the separator, quotes ("") and line breaks; blank lines
 * are skipped. The separator is "," unless the header has ";" and no "," (Excel saves ";" under
 * Vietnamese regional settings). A leading byte-order mark is dropped.
 */
export function parseCsv(text: string): CsvRecord[] {
  const source = text.replace(/^\uFEFF/, '')
  const firstLine = source.slice(0, source.search(/\r\n|\n|\r|$/))
  const separator = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ','
  const records: CsvRecord[] = []
  let cells: string[] = []
  let cell = ''
  let line = 1
  let recordLine = 1
  let isQuoted = false
  let hasContent = false

  const endCell = () => {
    cells.push(cell)
    cell = ''
  }
  const endRecord = () => {
    endCell()
    if (hasContent || cells.some((c) => c.trim() !== '')) records.push({ line: recordLine, cells })
    cells = []
    hasContent = false
  }

  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!
    if (isQuoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') {
        isQuoted = false
      } else {
        if (ch === '\n' || (ch === '\r' && source[i + 1] !== '\n')) line++
        cell += ch
      }
    } else if (ch === '"') {
      isQuoted = true
      hasContent = true
    } else if (ch === separator) {
      endCell()
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && source[i + 1] === '\n') i++
      endRecord()
      line++
      recordLine = line
    } else {
      cell += ch
    }
  }
  if (cell !== '' || cells.length > 0 || hasContent) endRecord()
  return records
}
