import { useEffect, useState } from 'hono/jsx/dom'
import type { CurrentUser } from '../../shared/auth-contract'
import { adminApi, type Field as CatalogueField, type Procedure } from '../admin-api'
import { ApiError } from '../api'
import { CsvImportForm } from '../components/csv-import-form'
import { Field, FormIssues, SubmitButton, useForm } from '../components/form-state'
import { navigate, type Route } from '../router'
import { FieldsCard, ProceduresCard } from './catalogue/catalogue-cards'
import { withFilter } from './catalogue/catalogue-model'

/** Both catalogues: every field, and the procedures of the field chosen (all without one). */
function useCatalogue(fieldId: string) {
  const [fields, setFields] = useState<CatalogueField[] | undefined>(undefined)
  const [procedures, setProcedures] = useState<Procedure[] | undefined>(undefined)
  const [loadError, setLoadError] = useState('')
  const fail = (error: unknown) => setLoadError(error instanceof ApiError ? error.message : 'Không tải được danh mục.')
  const loadFields = () => adminApi.fields().then(setFields, fail)
  const loadProcedures = () => adminApi.procedures(fieldId ? Number(fieldId) : undefined).then(setProcedures, fail)
  useEffect(() => {
    void loadFields()
  }, [])
  useEffect(() => {
    void loadProcedures()
  }, [fieldId])
  return { fields, procedures, loadError, loadFields, loadProcedures }
}

/** Lĩnh vực and thủ tục: everyone reads; admins add fields and import both catalogues from CSV. */
export function CataloguePage({ route, user }: { route: Route; user: CurrentUser }) {
  const fieldId = route.params.get('fieldId') ?? ''
  const { fields, procedures, loadError, loadFields, loadProcedures } = useCatalogue(fieldId)
  const [status, setStatus] = useState('')
  const isAdmin = user.role === 'admin'
  const setFilter = (key: string, value: string) => navigate('/danh-muc', withFilter(route.params, key, value), { replace: true })
  const fieldAdded = async (message: string) => {
    setStatus(message)
    await loadFields()
  }
  return (
    <section>
      <h1>Lĩnh vực và thủ tục</h1>
      {loadError && (
        <p class="error" role="alert">
          {loadError}
        </p>
      )}
      <p role="status">{status}</p>
      <ProceduresCard
        fields={fields}
        procedures={procedures}
        fieldId={fieldId}
        search={route.params.get('q') ?? ''}
        setFilter={setFilter}
      />
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
      <FieldsCard fields={fields} />
      {isAdmin && (
        <div class="forms">
          <NewFieldForm user={user} added={fieldAdded} />
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

function NewFieldForm({ user, added }: { user: CurrentUser; added: (message: string) => Promise<void> }) {
  const form = useForm('f', `${user.id}:field-new`, { code: '', name: '' }, { code: 'Mã lĩnh vực', name: 'Tên lĩnh vực' })
  const submit = form.submit(async (values) => {
    const field = await adminApi.createField({ code: values.code.trim(), name: values.name })
    await added(`Đã thêm lĩnh vực "${field.name}".`)
  })
  return (
    <form class="card" aria-labelledby="f-title" onSubmit={submit} novalidate>
      <h2 id="f-title">Thêm lĩnh vực</h2>
      <FormIssues form={form} />
      <Field form={form} name="code" hint='Chữ thường không dấu, số và dấu "-", ví dụ "dat-dai".'>
        {(control) => <input {...control} required maxlength={60} autocomplete="off" />}
      </Field>
      <Field form={form} name="name">
        {(control) => <input {...control} required maxlength={200} />}
      </Field>
      <SubmitButton form={form} label="Thêm lĩnh vực" busyLabel="Đang lưu…" />
    </form>
  )
}
