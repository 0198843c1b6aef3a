import { useEffect, useState } from 'hono/jsx/dom'
import type { ServicePointWithCounters, UnitOnDate } from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import { api, ApiError, type FieldItem, type SurveyItem } from '../api'
import { fieldErrorsOf } from '../components/field-errors'
import { todayInVietnam } from '../vietnamese-labels'

/** Service points and their counters: create, rename, rotate the QR code, deactivate, print posters. */
export function CountersPage({ user }: { user: CurrentUser }) {
  const [points, setPoints] = useState<ServicePointWithCounters[] | undefined>(undefined)
  const [fields, setFields] = useState<FieldItem[]>([])
  const [surveys, setSurveys] = useState<SurveyItem[]>([])
  const [units, setUnits] = useState<UnitOnDate[]>([])
  const [pointErrors, setPointErrors] = useState<Record<string, string>>({})
  const [status, setStatus] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const canWrite = user.role !== 'analyst'
  const reload = () => api.servicePoints().then(setPoints, (e: unknown) => setStatus(e instanceof ApiError ? e.message : 'Không tải được.'))
  useEffect(() => {
    void reload()
    void api.fields().then(setFields, () => setFields([]))
    void api.surveys().then(setSurveys, () => setSurveys([]))
    void api.units(todayInVietnam()).then(setUnits, () => setUnits([]))
  }, [])

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work()
      setStatus(done)
      await reload()
    } catch (e) {
      setStatus(e instanceof ApiError ? e.message : 'Không thực hiện được.')
    }
  }
  const rotate = (id: number, name: string) => {
    if (!confirm(`Đổi mã QR của "${name}"? Mã đang dán tại quầy sẽ ngừng hoạt động; cần in áp phích mới.`)) return
    void act(() => api.rotateCode(id), `Đã đổi mã QR của ${name}. Hãy in và dán áp phích mới.`)
  }
  const deactivate = (id: number, name: string) => {
    if (!confirm(`Ngừng hoạt động "${name}"? Mã QR của quầy sẽ không nhận đánh giá nữa.`)) return
    void act(() => api.changeCounter(id, { isActive: false }), `Đã ngừng hoạt động ${name}.`)
  }
  const rename = (id: number, current: string) => {
    const name = prompt('Tên mới của quầy', current)?.trim()
    if (name && name !== current) void act(() => api.changeCounter(id, { name }), `Đã đổi tên quầy thành "${name}".`)
  }
  const renamePoint = (id: number, current: string) => {
    const name = prompt('Tên mới của bộ phận', current)?.trim()
    if (name && name !== current) void act(() => api.changeServicePoint(id, { name }), `Đã đổi tên thành "${name}".`)
  }
  const deactivatePoint = (id: number, name: string) => {
    if (!confirm(`Ngừng hoạt động "${name}"? Mọi quầy của bộ phận sẽ không nhận đánh giá nữa.`)) return
    void act(() => api.changeServicePoint(id, { isActive: false }), `Đã ngừng hoạt động ${name}.`)
  }
  const createPoint = async (event: Event) => {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    try {
      await api.createServicePoint({ unitId: Number(data.get('unitId')), name: String(data.get('name') ?? ''), kind: data.get('kind') as 'mot_cua' })
      setPointErrors({})
      form.reset()
      setStatus(`Đã tạo "${String(data.get('name'))}".`)
      await reload()
    } catch (e) {
      setPointErrors(fieldErrorsOf(e))
    }
  }
  const createCounter = async (event: Event) => {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    try {
      await api.createCounter({
        servicePointId: Number(data.get('servicePointId')),
        name: String(data.get('name') ?? ''),
        fieldIds: data.getAll('fieldIds').map(Number),
        surveyVersionId: data.get('surveyVersionId') ? Number(data.get('surveyVersionId')) : null,
      })
      setErrors({})
      form.reset()
      setStatus(`Đã tạo quầy "${String(data.get('name'))}".`)
      await reload()
    } catch (e) {
      setErrors(fieldErrorsOf(e))
    }
  }

  if (!points) return <p aria-live="polite">{status || 'Đang tải…'}</p>
  return (
    <section>
      <h1>Quầy và mã QR</h1>
      <p>
        <a href={`/admin/posters${user.unitId ? `?unitId=${user.unitId}` : ''}`} target="_blank" rel="noopener">
          In áp phích mã QR của tất cả các quầy
        </a>
      </p>
      <p role="status">{status}</p>
      {points.map((point) => (
        <section class="card" aria-label={point.name}>
          <h2>
            {point.name}
            {!point.isActive && <span class="muted"> (ngừng hoạt động)</span>}
          </h2>
          {canWrite && point.isActive && (
            <p>
              <button type="button" class="secondary" onClick={() => renamePoint(point.id, point.name)}>
                Đổi tên bộ phận
              </button>{' '}
              <button type="button" class="secondary" onClick={() => deactivatePoint(point.id, point.name)}>
                Ngừng hoạt động bộ phận
              </button>
            </p>
          )}
          <table>
            <thead>
              <tr>
                <th>Quầy</th>
                <th>Mã QR</th>
                <th>Trạng thái</th>
                {canWrite && <th>Thao tác</th>}
              </tr>
            </thead>
            <tbody>
              {point.counters.map((counter) => (
                <tr>
                  <td>{counter.name}</td>
                  <td>
                    <a href={counter.surveyUrl} target="_blank" rel="noopener">
                      {counter.code}
                    </a>{' '}
                    · <a href={`/api/v1/counters/${counter.id}/qr.svg`} target="_blank" rel="noopener">SVG</a> ·{' '}
                    <a href={`/api/v1/counters/${counter.id}/qr.png`} download={`qr-${counter.code}.png`}>
                      PNG
                    </a>
                  </td>
                  <td>{counter.isActive ? 'Đang hoạt động' : 'Ngừng hoạt động'}</td>
                  {canWrite && (
                    <td>
                      <button type="button" class="secondary" onClick={() => rename(counter.id, counter.name)}>
                        Đổi tên
                      </button>{' '}
                      <button type="button" class="secondary" onClick={() => rotate(counter.id, counter.name)}>
                        Đổi mã QR
                      </button>{' '}
                      {counter.isActive && (
                        <button type="button" class="secondary" onClick={() => deactivate(counter.id, counter.name)}>
                          Ngừng hoạt động
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {canWrite && (
        <form class="card" onSubmit={createPoint} aria-label="Thêm bộ phận một cửa">
          <h2>Thêm Bộ phận Một cửa / Trung tâm Phục vụ hành chính công</h2>
          {pointErrors[''] && (
            <p class="error" role="alert">
              {pointErrors['']}
            </p>
          )}
          <p>
            <label for="p-unit">Đơn vị</label>
            <br />
            <select id="p-unit" name="unitId">
              {units.map((u) => (
                <option value={String(u.id)}>{u.name}</option>
              ))}
            </select>
          </p>
          <p>
            <label for="p-name">Tên</label>
            <br />
            <input id="p-name" name="name" required maxlength={200} aria-describedby={pointErrors.name ? 'p-name-error' : undefined} />
            {pointErrors.name && (
              <span class="error" id="p-name-error">
                {' '}
                {pointErrors.name}
              </span>
            )}
          </p>
          <p>
            <label for="p-kind">Loại</label>
            <br />
            <select id="p-kind" name="kind">
              <option value="mot_cua">Bộ phận Một cửa</option>
              <option value="pvhcc">Trung tâm Phục vụ hành chính công</option>
              <option value="chi_nhanh">Chi nhánh (văn phòng đăng ký đất đai…)</option>
            </select>
          </p>
          <button type="submit">Tạo bộ phận</button>
        </form>
      )}
      {canWrite && points.length > 0 && (
        <form class="card" onSubmit={createCounter} aria-label="Thêm quầy">
          <h2>Thêm quầy</h2>
          {errors[''] && (
            <p class="error" role="alert">
              {errors['']}
            </p>
          )}
          <p>
            <label for="c-point">Bộ phận Một cửa</label>
            <br />
            <select id="c-point" name="servicePointId">
              {points.map((p) => (
                <option value={String(p.id)}>{p.name}</option>
              ))}
            </select>
          </p>
          <p>
            <label for="c-name">Tên quầy</label>
            <br />
            <input id="c-name" name="name" required maxlength={200} aria-describedby={errors.name ? 'c-name-error' : undefined} />
            {errors.name && (
              <span class="error" id="c-name-error">
                {' '}
                {errors.name}
              </span>
            )}
          </p>
          <p>
            <label for="c-survey">Phiếu khảo sát (bản phát hành mới nhất)</label>
            <br />
            <select id="c-survey" name="surveyVersionId">
              {surveys
                .filter((s) => s.versions.length > 0)
                .map((s) => (
                  <option value={String(s.versions.at(-1)!.id)}>{`${s.title} — bản ${s.versions.at(-1)!.version}`}</option>
                ))}
              <option value="">Chưa gán phiếu (mã QR chưa nhận đánh giá)</option>
            </select>
          </p>
          <fieldset>
            <legend>Lĩnh vực quầy phục vụ</legend>
            {fields.map((f) => (
              <label style="display:inline-block;margin-right:1rem;font-weight:400">
                <input type="checkbox" name="fieldIds" value={String(f.id)} /> {f.name}
              </label>
            ))}
          </fieldset>
          <button type="submit">Tạo quầy</button>
        </form>
      )}
    </section>
  )
}
