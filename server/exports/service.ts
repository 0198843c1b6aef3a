import { createHmac, hash } from 'node:crypto'
import { PassThrough, type Readable, type Writable } from 'node:stream'
import type { CurrentUser } from '../../shared/auth-contract'
import type { ExportQuery } from '../../shared/stats-query'
import type { Tx } from '../db'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { resolveReadScope } from '../stats/scope'
import { analyticsReader, requireSurvey } from '../stats/service'
import {
  copyResponsesCsv,
  cursorResponses,
  findSurveyQuestions,
  setExportParameters,
  type ExportParameters,
  type ExportQuestion,
} from './queries'

declare module '../deps' {
  interface Deps {
    /** Downloads holding a database connection now (at most config.exports.concurrency). */
    exportSlots: { inUse: number }
  }
}

export type ExportFormat = 'csv' | 'xlsx'

/** The key of exported ids, derived from the server secret (which never leaves the process). */
export const exportIdKeyOf = (secretKey: string) => createHmac('sha256', secretKey).update('export-ids').digest('hex')

/**
 * The id a rating has in exports: `r-` and 24 hex characters of a keyed hash of its id. Stable across exports,
 * carrying no time (a UUIDv7 carries its millisecond), never a UUID, so no endpoint that takes a rating id accepts it.
 */
export const exportIdOf = (secretKey: string, responseId: string) => exportIdsOf(secretKey)(responseId)

/** exportIdOf for the many rows of one export: the key is derived once. */
export function exportIdsOf(secretKey: string) {
  const key = exportIdKeyOf(secretKey)
  return (responseId: string) => `r-${hash('sha256', key + responseId, 'hex').slice(0, 24)}`
}
export type ExportFile = { filename: string; contentType: string; body: Readable }

const fixedColumns = [
  'response_id',
  'submitted_at',
  'unit_code',
  'unit_name',
  'counter_code',
  'field_code',
  'procedure_code',
  'channel',
  'verified',
  'flagged',
  'survey_version',
]
const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}
// Excel reads a CSV as UTF-8 only after a byte-order mark; without it Vietnamese diacritics come out garbled.
const byteOrderMark = Buffer.from('\uFEFF', 'utf8')
const xlsxBatchRows = 1000
const idLength = 36
const exportIdLength = 26
const comma = 0x2c
const newline = 0x0a
const chunkBytes = 64 * 1024

/**
 * GET /api/v1/exports/responses.{csv,xlsx}: one row per response in scope and period, excluded ones
 * included with flagged = true (so the rows number stats' responses + excluded). Streamed from one
 * transaction: the file never sits in memory whole.
 */
export async function exportResponses(primaryDeps: Deps, user: CurrentUser, query: ExportQuery, format: ExportFormat): Promise<ExportFile> {
  // Read from the replica when there is one; the file is as complete as the replica (see analyticsReader).
  const { deps } = await analyticsReader(primaryDeps)
  const { range } = query
  const read = await resolveReadScope(deps, user, { unitId: query.unitId }, range)
  const survey = await requireSurvey(deps, query.surveyId, {
    scope: read.scope,
    units: read.units,
    counterId: null,
    fieldIds: null,
    isVerifiedOnly: false,
  })
  const questions = await findSurveyQuestions(deps.sql, survey.id)
  const parameters: ExportParameters = {
    surveyId: survey.id,
    from: range.from,
    to: range.to,
    timeZone: deps.config.timeZone,
    scope: read.units,
  }
  const body = format === 'csv' ? await streamCsv(deps, parameters, questions) : await streamXlsx(deps, parameters, questions)
  return { filename: `phieu-${survey.code}-${range.from}-${range.to}.${format}`, contentType: contentTypes[format], body }
}

/**
 * Runs `write` in a read transaction and answers its output stream once `write` calls `start` (after the
 * query has begun, so an SQL error still becomes an error answer rather than a truncated file).
 */
function streamFromTransaction(deps: Deps, write: (tx: Tx, out: PassThrough, start: () => void) => Promise<void>) {
  // At most EXPORT_CONCURRENCY downloads hold a connection at once: the rest of the pool stays for everyone else.
  const slots = deps.exportSlots
  if (slots.inUse >= deps.config.exports.concurrency) {
    throw new AppError('unavailable', 'Đang có nhiều lượt tải xuống cùng lúc. Vui lòng thử lại sau ít phút.', undefined, 30)
  }
  slots.inUse++
  const out = new PassThrough()
  // A download cut short destroys the stream; late writes must not raise an unhandled 'error'.
  out.on('error', () => {})
  // A client that reads too slowly cannot keep the transaction open: past EXPORT_MAX_SECONDS the download is cut,
  // and the writers below stop (forward and isDrained see the stream closed).
  const deadline = setTimeout(
    () => out.destroy(new Error('export took longer than EXPORT_MAX_SECONDS')),
    deps.config.exports.maxSeconds * 1000,
  )
  deadline.unref()
  return new Promise<Readable>((resolve, reject) => {
    let isStarted = false
    const start = () => {
      if (isStarted) return
      isStarted = true
      resolve(out)
    }
    deps.sql
      .begin((tx) => write(tx, out, start))
      .catch((error: unknown) => {
        if (!isStarted) return reject(error)
        deps.logger.error({ err: error }, 'export failed while streaming')
        out.destroy(error as Error)
      })
      .finally(() => {
        clearTimeout(deadline)
        slots.inUse--
      })
  })
}

function streamCsv(deps: Deps, parameters: ExportParameters, questions: ExportQuestion[]) {
  const idOf = exportIdsOf(deps.config.secretKey)
  let isHeader = true
  // Each row starts with the rating's id (36 characters, then a comma); its export id (26) is written over the
  // last 26 of them, and the row is passed on from there.
  const withExportId = (row: Buffer) => {
    if (isHeader) {
      isHeader = false
      return row
    }
    if (row.length < idLength + 2 || row[idLength] !== comma || row[row.length - 1] !== newline) {
      throw new Error('export: a COPY message is not one row beginning with its id')
    }
    const at = idLength - exportIdLength
    row.write(idOf(row.toString('latin1', 0, idLength)), at, 'latin1')
    return row.subarray(at)
  }
  return streamFromTransaction(deps, async (tx, out, start) => {
    await setExportParameters(tx, parameters, deps.config.exports.maxSeconds)
    const copy = await copyResponsesCsv(tx, questions).readable()
    out.write(byteOrderMark)
    start()
    await forward(copy, out, withExportId)
  })
}

async function streamXlsx(deps: Deps, parameters: ExportParameters, questions: ExportQuestion[]) {
  const idOf = exportIdsOf(deps.config.secretKey)
  // Loaded on the first spreadsheet asked for, not at start: exceljs alone is about 20 MB of every process's memory.
  const { default: ExcelJS } = await import('exceljs')
  return streamFromTransaction(deps, async (tx, out, start) => {
    await setExportParameters(tx, parameters, deps.config.exports.maxSeconds)
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false })
    const sheet = workbook.addWorksheet('Phiếu khảo sát')
    sheet.addRow([...fixedColumns, ...questions.map((q) => q.key), 'comment']).commit()
    for await (const rows of cursorResponses(tx, questions, xlsxBatchRows)) {
      start()
      for (const [id, ...cells] of rows) sheet.addRow([idOf(id as string), ...cells]).commit()
      // Rows stop while the client's stream is full: at most one batch is in flight inside exceljs and zlib.
      if (!(await isDrained(out))) return
    }
    start()
    sheet.commit()
    await workbook.commit()
  })
}

/**
 * Copies with backpressure, in chunks of about 64 KB: PostgreSQL sends one message per row, and passing
 * each on alone cost more than the query. `eachRow` sees each row whole: the protocol makes each CopyData
 * message one row, postgres.js pushes each message as one chunk, and a flowing stream emits its chunks one
 * 'data' event each. When the client goes away, the rest of the COPY is read and dropped rather than
 * cancelled: a cancel request can land on whatever query the connection runs next.
 */
function forward(from: Readable, to: Writable, eachRow: (row: Buffer) => Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    let pending: Buffer[] = []
    let pendingBytes = 0
    const flush = () => {
      const chunk = Buffer.concat(pending, pendingBytes)
      pending = []
      pendingBytes = 0
      return to.write(chunk)
    }
    // A row that cannot be passed on cuts the download, as a client going away does (the close handler below).
    let failure: unknown
    const write = (row: Buffer) => {
      if (failure !== undefined) return
      let chunk: Buffer
      try {
        chunk = eachRow(row)
      } catch (error) {
        failure = error
        to.destroy(error as Error)
        return
      }
      pending.push(chunk)
      pendingBytes += chunk.length
      if (pendingBytes >= chunkBytes && !flush()) from.pause()
    }
    from.on('data', write)
    to.on('drain', () => from.resume())
    to.once('close', () => {
      if (to.writableFinished) return
      from.off('data', write)
      from.on('data', () => {})
      from.resume()
    })
    from.once('end', () => {
      resumeConnection(from)
      if (failure !== undefined) return reject(failure)
      if (pendingBytes > 0 && !to.destroyed) flush()
      to.end()
      resolve()
    })
    from.once('error', reject)
  })
}

/**
 * postgres.js 3.4 pauses the connection's socket when a COPY row fills the stream's buffer and resumes it
 * only when the stream is read again; when CopyDone came in the same packet, nothing reads again and the
 * connection hangs with the COMMIT's answer unread (porsager/postgres#1016, not yet released). The stream's
 * read hook is what resumes the socket, so it is called once more after the end.
 */
function resumeConnection(copy: Readable) {
  ;(copy as Readable & { _read: (size: number) => void })._read(0)
}

/** Waits until `stream` wants more; false when it closed instead (the client went away). */
function isDrained(stream: Writable): Promise<boolean> {
  if (stream.destroyed) return Promise.resolve(false)
  if (!stream.writableNeedDrain) return Promise.resolve(true)
  return new Promise((resolve) => {
    const settle = (isOpen: boolean) => {
      stream.off('drain', onDrain)
      stream.off('close', onClose)
      resolve(isOpen)
    }
    const onDrain = () => settle(true)
    const onClose = () => settle(false)
    stream.once('drain', onDrain)
    stream.once('close', onClose)
  })
}
