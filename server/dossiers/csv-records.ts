export type CsvRecord = { line: number; cells: string[] }

/**
 * Splits CSV text into records (RFC 4180 quoting, CRLF or LF, a leading BOM dropped), each with the line it
 * starts on, so errors can name the line a person sees in their editor. The delimiter is the header's: ";"
 * when it has one and no comma, else ",".
 */
export function parseCsvRecords(text: string): CsvRecord[] {
  const source = text.replace(/^\uFEFF/, '')
  const firstLine = source.slice(0, source.search(/\r?\n|$/))
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ','
  const records: CsvRecord[] = []
  let cells: string[] = []
  let cell = ''
  let isQuoted = false
  let line = 1
  let startLine = 1
  const endRecord = () => {
    cells.push(cell)
    records.push({ line: startLine, cells })
    cells = []
    cell = ''
  }
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!
    if (ch === '\n') line += 1
    if (isQuoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"'
        i += 1
      } else if (ch === '"') isQuoted = false
      else cell += ch
    } else if (ch === '"') isQuoted = true
    else if (ch === delimiter) {
      cells.push(cell)
      cell = ''
    } else if (ch === '\n') {
      endRecord()
      startLine = line
    } else if (ch !== '\r') cell += ch
  }
  if (cell !== '' || cells.length > 0) endRecord()
  return records.filter((record) => record.cells.some((c) => c.trim() !== ''))
}
