import { useEffect, useState } from 'hono/jsx/dom'
import type { CurrentUser } from '../../shared/auth-contract'
import { formatCount } from '../../shared/format'
import { adminApi, type Field as CatalogueField, type Procedure } from '../admin-api'
import { ApiError } from '../api'
import { CsvImportForm } from '../components/csv-import-form'
import { Field, FormIssues, SubmitButton, useForm } from '../components/form-state'
import { navigate, type Route } from '../router'

/** Lowercase without diacritics, so "dang ky" finds "Đăng ký". */
const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()

/** Lĩnh vực and thủ tục: everyone reads; admins add fields and import both catalogues from CSV. */
export function CataloguePage({ route, user }: { route: Route; user: CurrentUser }) {
  const [fields, setFields] = useState<CatalogueField[] | undefined>(undefined)
  const [procedures, setProcedures] = useState<Procedure[] | undefined>(undefined)
  const [loadError, setLoadError] = useState('')
  const [status, setStatus] = useState('')
  const isAdmin = user.role === 'admin'
  const fieldId = route.params.get('fieldId') ?? ''
  const search = route.params.get('q') ?? ''

  const fail = (error: unknown) => setLoadError(error instanceof ApiError ? error.message : 'Không tải được danh mục.')
  const loadFields = () => adminApi.fields().then(setFields, fail)
  const loadProcedures = () => adminApi.procedures(fieldId ? Number(fieldId) : undefined).then(setProcedures, fail)
  useEffect(() => {
    void loadFields()
  }, [])
  useEffect(() => {
    void loadProcedures()
  }, [fieldId])

  const setFilter = (key: string, value: string) => {
    const params = new URLSearchParams(route.params)
    if (value) params.set(key, value)
    else params.delete(key)
    navigate('/danh-muc', params, { replace: true })
  }

  const fieldForm = useForm('f', `${user.id}:field-new`, { code: '', name: '' }, { code: 'Mã lĩnh vực', name: 'Tên lĩnh vực' })
  const createField = fieldForm.submit(async (values) => {
    const field = await adminApi.createField({ code: values.code.trim(), name: values.name })
    setStatus(`Đã thêm lĩnh vực "${field.name}".`)
    await loadFields()
  })

  const needle = folded(search.trim())
  const shown = (procedures ?? []).filter((p) => needle === '' || folded(`${p.code} ${p.name}`).includes(needle))
  const fieldNameOf = new Map((fields ?? []).map((f) => [f.id, f.name]))

  return (
    <section>
      <h1>Lĩnh vực và thủ tục</h1>
      {loadError && (
        <p class="error" role="alert">
          {loadError}
        </p>
      )}
      <p role="status">{status}</p>

      <section class="card" aria-labelledby="procedures-title">
        <h2 id="procedures-title">Thủ tục hành chính</h2>
        <div class="filters">
          <div>
            <label for="p-field">Lĩnh vực</label>
            <select id="p-field" value={fieldId} onChange={(event: Event) => setFilter('fieldId', (event.currentTarget as HTMLSelectElement).value)}>
              <option value="">Tất cả lĩnh vực</option>
              {(fields ?? []).map((f) => (
                <option value={String(f.id)}>{f.name}</option>
              ))}
            </select>
          </div>
          <div>
            <label for="p-search">Tìm theo mã hoặc tên</label>
            <input
              id="p-search"
              type="search"
              value={search}
              onInput={(event: Event) => setFilter('q', (event.currentTarget as HTMLInputElement).value)}
            />
          </div>
        </div>
        {procedures === undefined ? (
          <p>Đang tải…</p>
        ) : (
          <>
            <p class="muted" aria-live="polite">
              {shown.length === procedures.length
                ? `${formatCount(procedures.length)} thủ tục`
                : `${formatCount(shown.length)} trên ${formatCount(procedures.length)} thủ tục khớp với tìm kiếm`}
            </p>
            <table aria-label="Danh sách thủ tục">
              <thead>
                <tr>
                  <th>Mã TTHC</th>
                  <th>Tên thủ tục</th>
                  <th>Lĩnh vực</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <tr>
                    <td>{p.code}</td>
                    <td>{p.name}</td>
                    <td>{fieldNameOf.get(p.fieldId) ?? p.fieldCode}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      {isAdmin && (
        <CsvImportForm
          id="import-procedures"
          draftKey={`${user.id}:import-procedures`}
          title="Nhập thủ tục từ tệp CSV"
          columns="code,name,field"
          example="1.001193,Đăng ký khai sinh,ho-tich"
          send={adminApi.importProcedures}
          onImported={() => void loadProcedures()}
        />
      )}

      <section class="card" aria-labelledby="fields-title">
        <h2 id="fields-title">Lĩnh vực</h2>
        {fields === undefined ? (
          <p>Đang tải…</p>
        ) : (
          <table aria-label="Danh sách lĩnh vực">
            <thead>
              <tr>
                <th>Mã lĩnh vực</th>
                <th>Tên lĩnh vực</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => (
                <tr>
                  <td>{f.code}</td>
                  <td>{f.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {isAdmin && (
        <div class="forms">
          <form class="card" aria-labelledby="f-title" onSubmit={createField} novalidate>
            <h2 id="f-title">Thêm lĩnh vực</h2>
            <FormIssues form={fieldForm} />
            <Field form={fieldForm} name="code" hint='Chữ thường không dấu, số và dấu "-", ví dụ "dat-dai".'>
              {(control) => <input {...control} required maxlength={60} autocomplete="off" />}
            </Field>
            <Field form={fieldForm} name="name">
              {(control) => <input {...control} required maxlength={200} />}
            </Field>
            <SubmitButton form={fieldForm} label="Thêm lĩnh vực" busyLabel="Đang lưu…" />
          </form>
          <CsvImportForm
            id="import-fields"
            draftKey={`${user.id}:import-fields`}
            title="Nhập lĩnh vực từ tệp CSV"
            columns="code,name"
            example="ho-tich,Hộ tịch"
            send={adminApi.importFields}
            onImported={() => void loadFields()}
          />
        </div>
      )}
    </section>
  )
}
