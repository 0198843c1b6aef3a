import { useState } from 'hono/jsx/dom'
import type { ImportSummary } from '../../shared/admin-contract'
import { formatCount } from '../../shared/format'
import { ApiError } from '../api'
import { useForm } from './form-state'

type Refusal = { message: string; lines: { line: number | undefined; text: string; message: string }[] }

/** The import is all or nothing, so a refusal lists every bad line beside what the file held there. */
function refusalOf(error: unknown, csv: string): Refusal {
  if (!(error instanceof ApiError)) return { message: 'Không kết nối được máy chủ.', lines: [] }
  const physicalLines = csv.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)
  return {
    message: error.message,
    lines: error.issues.map((issue) => {
      const line = typeof issue.path[0] === 'number' ? issue.path[0] : undefined
      return { line, text: line === undefined ? '' : (physicalLines[line - 1] ?? ''), message: issue.message }
    }),
  }
}

/** A CSV import: pick a file (its text lands in the box, to check or fix) or paste; sends the box's text. */
export function CsvImportForm({
  id,
  draftKey,
  title,
  columns,
  example,
  send,
  onImported,
}: {
  id: string
  draftKey: string
  title: string
  columns: string
  example: string
  send: (csv: string) => Promise<ImportSummary>
  onImported: () => void
}) {
  const form = useForm(id, draftKey, { csv: '' }, { csv: 'Nội dung CSV' })
  const [refusal, setRefusal] = useState<Refusal | undefined>(undefined)
  const [summary, setSummary] = useState('')
  const [isBusy, setBusy] = useState(false)
  const [fileError, setFileError] = useState('')

  const readFile = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0]
    if (!file) return
    try {
      form.set('csv', await file.text())
      setFileError('')
    } catch {
      setFileError('Không đọc được tệp này.')
    }
  }
  const submit = async (event: Event) => {
    event.preventDefault()
    const csv = form.values.csv
    if (csv.trim() === '') {
      setSummary('')
      setRefusal({ message: 'Hãy chọn tệp hoặc dán nội dung CSV.', lines: [] })
      return
    }
    setBusy(true)
    setSummary('')
    setRefusal(undefined)
    try {
      const result = await send(csv)
      const total = result.created + result.updated + result.unchanged
      setSummary(
        `Đã nhập ${formatCount(total)} dòng: ${formatCount(result.created)} thêm mới, ${formatCount(result.updated)} cập nhật, ${formatCount(result.unchanged)} không đổi.`,
      )
      form.set('csv', '')
      onImported()
    } catch (error) {
      setRefusal(refusalOf(error, csv))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="card" aria-labelledby={`${id}-title`} onSubmit={submit} novalidate>
      <h2 id={`${id}-title`}>{title}</h2>
      {refusal && (
        <div class="issues" role="alert">
          <p>
            <strong>Chưa lưu dòng nào.</strong>{' '}
            {refusal.lines.length > 0
              ? `Có ${new Set(refusal.lines.map((l) => l.line)).size} dòng lỗi; hãy sửa các dòng dưới đây rồi nhập lại cả tệp.`
              : refusal.message}
          </p>
          {refusal.lines.length > 0 && (
            <table aria-label="Các dòng bị từ chối">
              <thead>
                <tr>
                  <th class="num">Dòng</th>
                  <th>Nội dung dòng</th>
                  <th>Lỗi</th>
                </tr>
              </thead>
              <tbody>
                {refusal.lines.map((line) => (
                  <tr>
                    <td class="num">{line.line ?? '—'}</td>
                    <td>
                      <code>{line.text}</code>
                    </td>
                    <td>{line.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      <p role="status">{summary}</p>
      <p class="muted">
        Dòng đầu là tiêu đề <code>{columns}</code>, mã hóa UTF-8. Ví dụ: <code>{example}</code>. Nếu có dòng lỗi, cả tệp bị từ chối và không
        dòng nào được lưu.
      </p>
      <div class="field">
        <label for={`${id}-file`}>Chọn tệp CSV</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          onChange={readFile}
          aria-describedby={fileError ? `${id}-file-error` : undefined}
        />
        {fileError && (
          <span class="error" id={`${id}-file-error`}>
            {fileError}
          </span>
        )}
      </div>
      <div class="field">
        <label for={`${id}-csv`}>Hoặc dán nội dung CSV</label>
        <textarea
          id={`${id}-csv`}
          name="csv"
          rows={8}
          class="csv"
          spellcheck={false}
          value={form.values.csv}
          onInput={(event: Event) => form.set('csv', (event.currentTarget as HTMLTextAreaElement).value)}
        />
      </div>
      <button type="submit" disabled={isBusy}>
        {isBusy ? 'Đang nhập…' : 'Nhập'}
      </button>
    </form>
  )
}
