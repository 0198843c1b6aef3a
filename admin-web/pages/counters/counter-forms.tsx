import { useState } from 'hono/jsx/dom'
import type { ServicePointWithCounters, UnitOnDate } from '../../../shared/admin-contract'
import { api, type FieldItem, type SurveyItem } from '../../api'
import { fieldErrorsOf } from '../../components/field-errors'
import { counterOf, latestVersionChoices, servicePointOf } from './counters-model'

type Created = (message: string) => Promise<void>

/** A form read on submit: sent, emptied and reported on success, or refused with each issue by its field. */
function useSubmit(send: (data: FormData) => Promise<string>, created: Created) {
  const [errors, setErrors] = useState<Record<string, string>>({})
  const onSubmit = async (event: Event) => {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    try {
      const message = await send(new FormData(form))
      setErrors({})
      form.reset()
      await created(message)
    } catch (e) {
      setErrors(fieldErrorsOf(e))
    }
  }
  return { errors, onSubmit }
}

function FormError({ errors }: { errors: Record<string, string> }) {
  return errors[''] ? (
    <p class="error" role="alert">
      {errors['']}
    </p>
  ) : null
}

function NameInput({ id, errors }: { id: string; errors: Record<string, string> }) {
  return (
    <>
      <input id={id} name="name" required maxlength={200} aria-describedby={errors.name ? `${id}-error` : undefined} />
      {errors.name && (
        <span class="error" id={`${id}-error`}>
          {' '}
          {errors.name}
        </span>
      )}
    </>
  )
}

export function NewServicePointForm({ units, created }: { units: UnitOnDate[]; created: Created }) {
  const { errors, onSubmit } = useSubmit(async (data) => {
    await api.createServicePoint(servicePointOf(data))
    return `Đã tạo "${String(data.get('name'))}".`
  }, created)
  return (
    <form class="card" onSubmit={onSubmit} aria-label="Thêm bộ phận một cửa">
      <h2>Thêm Bộ phận Một cửa / Trung tâm Phục vụ hành chính công</h2>
      <FormError errors={errors} />
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
        <NameInput id="p-name" errors={errors} />
      </p>
      <p>
        <label for="p-kind">Loại</label>
        <br />
        <select id="p-kind" name="kind">
          <option value="mot_cua">Bộ phận Một cửa</option>
          <option value="pvhcc">Trung tâm Phục vụ hành chính công</option>
          <option value="chi_nhanh">Chi nhánh (văn phòng đăng ký đất đai…)</option>
          <option value="truc_tuyen">Cổng dịch vụ công trực tuyến</option>
          <option value="y_te">Cơ sở y tế công lập</option>
          <option value="giao_duc">Trường học công lập</option>
        </select>
      </p>
      <button type="submit">Tạo bộ phận</button>
    </form>
  )
}

type CounterFormProps = { points: ServicePointWithCounters[]; surveys: SurveyItem[]; fields: FieldItem[]; created: Created }

export function NewCounterForm({ points, surveys, fields, created }: CounterFormProps) {
  const { errors, onSubmit } = useSubmit(async (data) => {
    await api.createCounter(counterOf(data))
    return `Đã tạo quầy "${String(data.get('name'))}".`
  }, created)
  return (
    <form class="card" onSubmit={onSubmit} aria-label="Thêm quầy">
      <h2>Thêm quầy</h2>
      <FormError errors={errors} />
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
        <NameInput id="c-name" errors={errors} />
      </p>
      <p>
        <label for="c-survey">Phiếu khảo sát (bản phát hành mới nhất)</label>
        <br />
        <select id="c-survey" name="surveyVersionId">
          {latestVersionChoices(surveys).map((choice) => (
            <option value={choice.value}>{choice.label}</option>
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
  )
}
