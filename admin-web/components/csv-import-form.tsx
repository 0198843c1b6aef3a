import { useState } from 'hono/jsx/dom'
import type { ImportSummary } from '../../shared/admin-contract'
import { ApiError } from '../api'
import { emptyImport, importedText, refusalOf, type Refusal } from './csv-import-model'
import { CsvRefusal } from './csv-refusal'
import { useForm } from './form-state'

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
      setRefusal(emptyImport)
      return
    }
    setBusy(true)
    setSummary('')
    setRefusal(undefined)
    try {
      setSummary(importedText(await send(csv)))
      form.set('csv', '')
      onImported()
    } catch (error) {
      setRefusal(refusalOf(error instanceof ApiError ? error : undefined, csv))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="card" aria-labelledby={`${id}-title`} onSubmit={submit} novalidate>
      <h2 id={`${id}-title`}>{title}</h2>
      {refusal && <CsvRefusal refusal={refusal} />}
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
