import type { Field as CatalogueField, Procedure } from '../../admin-api'
import { matchingProcedures, procedureCountLine } from './catalogue-model'

type ProceduresProps = {
  fields: CatalogueField[] | undefined
  procedures: Procedure[] | undefined
  fieldId: string
  search: string
  setFilter: (key: string, value: string) => void
}

/** The procedures of one field or all, searched by code or name as the user types. */
export function ProceduresCard({ fields, procedures, fieldId, search, setFilter }: ProceduresProps) {
  const fieldNameOf = new Map((fields ?? []).map((f) => [f.id, f.name]))
  const shown = matchingProcedures(procedures ?? [], search)
  return (
    <section class="card" aria-labelledby="procedures-title">
      <h2 id="procedures-title">Thủ tục hành chính</h2>
      <div class="filters">
        <div>
          <label for="p-field">Lĩnh vực</label>
          <select
            id="p-field"
            value={fieldId}
            onChange={(event: Event) => setFilter('fieldId', (event.currentTarget as HTMLSelectElement).value)}
          >
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
            {procedureCountLine(shown.length, procedures.length)}
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
  )
}

export function FieldsCard({ fields }: { fields: CatalogueField[] | undefined }) {
  return (
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
  )
}
