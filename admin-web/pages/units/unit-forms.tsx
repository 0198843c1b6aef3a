import { useEffect, useState } from 'hono/jsx/dom'
import { UnitLevel, type UnitOnDate } from '../../../shared/admin-contract'
import { formatDate } from '../../../shared/format'
import { adminApi } from '../../admin-api'
import { Field, FormIssues, SubmitButton, useForm } from '../../components/form-state'
import { dayBefore, levelNames, todayInVietnam } from '../../vietnamese-labels'
import { dateText, isIsoDate, labelOf, nameIn, requireChoice, versionBody, versionChanges, versionQuestion } from './units-model'

/** What every unit form is given: the units to choose from, the user's draft prefix, and what to do once written. */
export type UnitFormProps = { units: UnitOnDate[]; draftKey: (name: string) => string; done: (message: string) => Promise<void> }

function UnitOptions({ units, placeholder }: { units: UnitOnDate[]; placeholder?: { value: string; label: string }[] }) {
  return (
    <>
      {(placeholder ?? []).map((p) => (
        <option value={p.value}>{p.label}</option>
      ))}
      {units.map((u) => (
        <option value={String(u.id)}>{labelOf(u)}</option>
      ))}
    </>
  )
}

const chooseUnit = { value: '', label: '— Chọn đơn vị —' }
const noParent = { value: '', label: 'Không có (đơn vị cấp cao nhất)' }

export function NewUnitForm({ units, draftKey, done }: UnitFormProps) {
  const form = useForm(
    'nu',
    draftKey('unit-new'),
    { code: '', name: '', level: 'xa', parentId: '', validFrom: todayInVietnam() },
    { code: 'Mã đơn vị', name: 'Tên đơn vị', level: 'Cấp', parentId: 'Đơn vị cấp trên', validFrom: 'Có hiệu lực từ ngày' },
  )
  const submit = form.submit(async (v) => {
    const parentId = v.parentId ? Number(v.parentId) : null
    await adminApi.createUnit({ code: v.code, name: v.name, level: UnitLevel.parse(v.level), parentId, validFrom: v.validFrom })
    await done(`Đã thêm "${v.name.trim()}" từ ngày ${formatDate(v.validFrom)}.`)
  })
  return (
    <form class="card" aria-labelledby="nu-title" onSubmit={submit} novalidate>
      <h2 id="nu-title">Thêm đơn vị</h2>
      <FormIssues form={form} />
      <Field form={form} name="code" hint='Chữ, số, ".", "_" hoặc "-", ví dụ "HD-CL-SD".'>
        {(control) => <input {...control} required maxlength={40} autocomplete="off" />}
      </Field>
      <Field form={form} name="name">
        {(control) => <input {...control} required maxlength={200} />}
      </Field>
      <Field form={form} name="level">
        {(control) => (
          <select {...control}>
            {UnitLevel.options.map((level) => (
              <option value={level}>{levelNames[level]}</option>
            ))}
          </select>
        )}
      </Field>
      <Field form={form} name="parentId">
        {(control) => (
          <select {...control}>
            <UnitOptions units={units} placeholder={[noParent]} />
          </select>
        )}
      </Field>
      <Field form={form} name="validFrom">
        {(control) => <input {...control} type="date" required />}
      </Field>
      <SubmitButton form={form} label="Thêm đơn vị" busyLabel="Đang lưu…" />
    </form>
  )
}

/** A rename, a change of level or of parent from a date on; the tree before that date stays as it was. */
export function UnitVersionForm({ units, draftKey, done }: UnitFormProps) {
  const form = useForm(
    'uv',
    draftKey('unit-version'),
    { unitId: '', validFrom: '', name: '', level: '', parentId: 'keep' },
    { unitId: 'Đơn vị', validFrom: 'Áp dụng từ ngày', name: 'Tên mới', level: 'Cấp mới', parentId: 'Đơn vị cấp trên mới' },
  )
  const nameOf = (id: string) => nameIn(units, id)
  const submit = form.submit(
    async (v) => {
      if (!confirm(versionQuestion(v, nameOf))) return false
      await adminApi.addUnitVersion(Number(v.unitId), versionBody(v))
      await done(
        `Đã ghi phiên bản mới của ${nameOf(v.unitId)} từ ngày ${formatDate(v.validFrom)}: ${versionChanges(v, nameOf).join(', ')}.`,
      )
    },
    (v) => requireChoice(v, form.labels, 'unitId'),
  )
  return (
    <form class="card" aria-labelledby="uv-title" onSubmit={submit} novalidate>
      <h2 id="uv-title">Đổi tên, đổi cấp hoặc chuyển đơn vị cấp trên</h2>
      <FormIssues form={form} />
      <Field form={form} name="unitId">
        {(control) => (
          <select {...control}>
            <UnitOptions units={units} placeholder={[chooseUnit]} />
          </select>
        )}
      </Field>
      <Field form={form} name="validFrom" hint="Phiên bản cũ kết thúc vào ngày hôm trước.">
        {(control) => <input {...control} type="date" required />}
      </Field>
      <Field form={form} name="name" hint="Để trống nếu giữ tên.">
        {(control) => <input {...control} maxlength={200} />}
      </Field>
      <Field form={form} name="level">
        {(control) => (
          <select {...control}>
            <option value="">Giữ nguyên</option>
            {UnitLevel.options.map((level) => (
              <option value={level}>{levelNames[level]}</option>
            ))}
          </select>
        )}
      </Field>
      <Field form={form} name="parentId">
        {(control) => (
          <select {...control}>
            <UnitOptions
              units={units.filter((u) => String(u.id) !== form.values.unitId)}
              placeholder={[{ value: 'keep', label: 'Giữ nguyên' }, noParent]}
            />
          </select>
        )}
      </Field>
      <SubmitButton form={form} label="Ghi phiên bản mới" busyLabel="Đang lưu…" />
    </form>
  )
}

export function CloseUnitForm({ units, draftKey, done }: UnitFormProps) {
  const form = useForm(
    'uc',
    draftKey('unit-close'),
    { unitId: '', validTo: '' },
    { unitId: 'Đơn vị', validTo: 'Không còn tồn tại từ ngày' },
  )
  const submit = form.submit(
    async (v) => {
      const [unit, when] = [nameIn(units, v.unitId), dateText(v.validTo)]
      if (!confirm(`Giải thể ${unit}: từ ngày ${when} đơn vị không còn tồn tại. Việc này không hoàn tác được. Tiếp tục?`)) return false
      await adminApi.closeUnit(Number(v.unitId), v.validTo)
      await done(`Đã giải thể ${unit} từ ngày ${when}.`)
    },
    (v) => requireChoice(v, form.labels, 'unitId'),
  )
  return (
    <form class="card" aria-labelledby="uc-title" onSubmit={submit} novalidate>
      <h2 id="uc-title">Giải thể đơn vị</h2>
      <FormIssues form={form} />
      <Field form={form} name="unitId">
        {(control) => (
          <select {...control}>
            <UnitOptions units={units} placeholder={[chooseUnit]} />
          </select>
        )}
      </Field>
      <Field form={form} name="validTo" hint="Ngày làm việc cuối cùng của đơn vị là ngày hôm trước.">
        {(control) => <input {...control} type="date" required />}
      </Field>
      <SubmitButton form={form} label="Giải thể đơn vị" busyLabel="Đang lưu…" />
    </form>
  )
}

/** A succession (a merger): the predecessor is chosen among the units of the day before it. */
export function PredecessorForm({ units, draftKey, done, on }: UnitFormProps & { on: string }) {
  const form = useForm(
    'us',
    draftKey('unit-predecessor'),
    { unitId: '', predecessorId: '', effectiveOn: '' },
    { unitId: 'Đơn vị kế thừa', predecessorId: 'Đơn vị tiền thân', effectiveOn: 'Kế thừa từ ngày' },
  )
  // A predecessor existed the day before the succession, not necessarily on the date shown.
  const predecessorDate = isIsoDate(form.values.effectiveOn) ? dayBefore(form.values.effectiveOn) : on
  const [choices, setChoices] = useState<UnitOnDate[]>([])
  useEffect(() => {
    adminApi.units(predecessorDate).then(setChoices, () => setChoices([]))
  }, [predecessorDate])
  const submit = form.submit(
    async (v) => {
      const [unit, predecessor, when] = [nameIn(units, v.unitId), nameIn(choices, v.predecessorId), dateText(v.effectiveOn)]
      if (!confirm(`Ghi nhận ${unit} kế thừa ${predecessor} từ ngày ${when}? Liên kết này không xóa được.`)) return false
      await adminApi.addPredecessor(Number(v.unitId), { predecessorId: Number(v.predecessorId), effectiveOn: v.effectiveOn })
      await done(`Đã ghi nhận ${unit} kế thừa ${predecessor} từ ngày ${when}.`)
    },
    (v) => requireChoice(v, form.labels, 'unitId', 'predecessorId'),
  )
  return (
    <form class="card" aria-labelledby="us-title" onSubmit={submit} novalidate>
      <h2 id="us-title">Ghi nhận đơn vị tiền thân</h2>
      <FormIssues form={form} />
      <Field form={form} name="unitId">
        {(control) => (
          <select {...control}>
            <UnitOptions units={units} placeholder={[chooseUnit]} />
          </select>
        )}
      </Field>
      <Field form={form} name="effectiveOn" hint="Thường là ngày sáp nhập, ví dụ 01/07/2025.">
        {(control) => <input {...control} type="date" required />}
      </Field>
      <Field form={form} name="predecessorId" hint={`Các đơn vị tồn tại ngày ${formatDate(predecessorDate)}.`}>
        {(control) => (
          <select {...control}>
            <UnitOptions units={choices} placeholder={[chooseUnit]} />
          </select>
        )}
      </Field>
      <SubmitButton form={form} label="Ghi nhận tiền thân" busyLabel="Đang lưu…" />
    </form>
  )
}
