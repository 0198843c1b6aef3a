import { useEffect, useState } from 'hono/jsx/dom'
import { UnitLevel, type UnitOnDate } from '../../shared/admin-contract'
import type { CurrentUser } from '../../shared/auth-contract'
import { formatDate } from '../../shared/format'
import { adminApi } from '../admin-api'
import { ApiError } from '../api'
import { Field, FormIssues, SubmitButton, useForm, type Form } from '../components/form-state'
import { navigate, type Route } from '../router'
import { dayBefore, levelNames, todayInVietnam } from '../vietnamese-labels'

const isIsoDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value)
const labelOf = (unit: Pick<UnitOnDate, 'name' | 'code'>) => `${unit.name} (${unit.code})`

type BranchProps = { units: UnitOnDate[]; parentId: number | null; label: string; seen: Set<number>; nameOf: (id: number) => string }

function UnitBranch({ units, parentId, label, seen, nameOf }: BranchProps) {
  const ids = new Set(units.map((u) => u.id))
  const children = units.filter((u) => !seen.has(u.id) && (parentId === null ? u.parentId === null || !ids.has(u.parentId) : u.parentId === parentId))
  if (children.length === 0) return null
  return (
    <ul aria-label={label}>
      {children.map((unit) => {
        const below = new Set([...seen, unit.id])
        return (
          <li>
            <span class="unit-name">{unit.name}</span>{' '}
            <span class="muted">
              · {levelNames[unit.level]} · mã {unit.code} · từ {formatDate(unit.validFrom)}
              {unit.validTo && ` đến hết ${formatDate(dayBefore(unit.validTo))}`}
              {unit.predecessorIds.length > 0 && ` · kế thừa ${unit.predecessorIds.map(nameOf).join(', ')}`}
            </span>
            <UnitBranch units={units} parentId={unit.id} label={`Trực thuộc ${unit.name}`} seen={below} nameOf={nameOf} />
          </li>
        )
      })}
    </ul>
  )
}

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

function requireChoice<T extends Record<string, string>>(values: T, form: Form<T>, name: keyof T & string) {
  return values[name] ? {} : { [name]: `Hãy chọn ${form.labels[name].toLowerCase()}.` }
}

/** The effective-dated unit tree (docs/domain.md §7): everyone reads it on any date; admins change it from a date on. */
export function UnitsPage({ route, user }: { route: Route; user: CurrentUser }) {
  const requested = route.params.get('on') ?? ''
  const on = isIsoDate(requested) ? requested : todayInVietnam()
  const [units, setUnits] = useState<UnitOnDate[] | undefined>(undefined)
  const [loadError, setLoadError] = useState('')
  const [status, setStatus] = useState('')
  const [predecessorChoices, setPredecessorChoices] = useState<UnitOnDate[]>([])
  const isAdmin = user.role === 'admin'
  const draft = (name: string) => `${user.id}:${name}`

  const load = () =>
    adminApi.units(on).then(
      (list) => {
        setUnits(list)
        setLoadError('')
      },
      (error: unknown) => setLoadError(error instanceof ApiError ? error.message : 'Không tải được cây đơn vị.'),
    )
  useEffect(() => {
    void load()
  }, [on])

  // Predecessors have usually ended before the date shown, so their names come from their own history.
  const [formerNames, setFormerNames] = useState<Map<number, string>>(new Map())
  useEffect(() => {
    const known = new Set((units ?? []).map((u) => u.id))
    const missing = [...new Set((units ?? []).flatMap((u) => u.predecessorIds))].filter((id) => !known.has(id) && !formerNames.has(id))
    if (missing.length === 0) return
    void Promise.all(
      missing.map((id) =>
        adminApi.unit(id).then(
          (history): [number, string] => [id, history.versions.at(-1)?.name ?? history.code],
          (): [number, string] => [id, `đơn vị mã số ${id}`],
        ),
      ),
    ).then((found) => setFormerNames((names) => new Map([...names, ...found])))
  }, [units])
  const treeNameOf = (id: number) => (units ?? []).find((u) => u.id === id)?.name ?? formerNames.get(id) ?? `đơn vị mã số ${id}`

  const pickDate = (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement).value
    if (isIsoDate(value)) navigate('/don-vi', new URLSearchParams({ on: value }), { replace: true })
  }

  const created = useForm(
    'nu',
    draft('unit-new'),
    { code: '', name: '', level: 'xa', parentId: '', validFrom: todayInVietnam() },
    { code: 'Mã đơn vị', name: 'Tên đơn vị', level: 'Cấp', parentId: 'Đơn vị cấp trên', validFrom: 'Có hiệu lực từ ngày' },
  )
  const version = useForm(
    'uv',
    draft('unit-version'),
    { unitId: '', validFrom: '', name: '', level: '', parentId: 'keep' },
    { unitId: 'Đơn vị', validFrom: 'Áp dụng từ ngày', name: 'Tên mới', level: 'Cấp mới', parentId: 'Đơn vị cấp trên mới' },
  )
  const closing = useForm('uc', draft('unit-close'), { unitId: '', validTo: '' }, { unitId: 'Đơn vị', validTo: 'Không còn tồn tại từ ngày' })
  const succession = useForm(
    'us',
    draft('unit-predecessor'),
    { unitId: '', predecessorId: '', effectiveOn: '' },
    { unitId: 'Đơn vị kế thừa', predecessorId: 'Đơn vị tiền thân', effectiveOn: 'Kế thừa từ ngày' },
  )

  // A predecessor existed the day before the succession, not necessarily on the date shown.
  const predecessorDate = isIsoDate(succession.values.effectiveOn) ? dayBefore(succession.values.effectiveOn) : on
  useEffect(() => {
    if (!isAdmin) return
    adminApi.units(predecessorDate).then(setPredecessorChoices, () => setPredecessorChoices([]))
  }, [predecessorDate])

  const list = units ?? []
  const nameOf = (id: string, from = list) => from.find((u) => String(u.id) === id)?.name ?? `đơn vị mã số ${id}`
  const done = async (message: string) => {
    setStatus(message)
    await load()
  }

  const createUnit = created.submit(async (v) => {
    await adminApi.createUnit({
      code: v.code,
      name: v.name,
      level: UnitLevel.parse(v.level),
      parentId: v.parentId ? Number(v.parentId) : null,
      validFrom: v.validFrom,
    })
    await done(`Đã thêm "${v.name.trim()}" từ ngày ${formatDate(v.validFrom)}.`)
  })

  const addVersion = version.submit(
    async (v) => {
      const changes = [
        v.name.trim() && `đổi tên thành "${v.name.trim()}"`,
        v.level && `đổi cấp thành ${levelNames[UnitLevel.parse(v.level)]}`,
        v.parentId !== 'keep' && (v.parentId === '' ? 'thành đơn vị cấp cao nhất' : `chuyển trực thuộc ${nameOf(v.parentId)}`),
      ].filter(Boolean)
      const when = isIsoDate(v.validFrom) ? ` từ ngày ${formatDate(v.validFrom)}` : ''
      const question = `${nameOf(v.unitId)}${when}: ${changes.join(', ') || 'không có thay đổi'}. Cây đơn vị trước ngày này giữ nguyên; phiên bản mới không xóa được. Ghi phiên bản mới?`
      if (!confirm(question)) return false
      await adminApi.addUnitVersion(Number(v.unitId), {
        validFrom: v.validFrom,
        ...(v.name.trim() ? { name: v.name } : {}),
        ...(v.level ? { level: UnitLevel.parse(v.level) } : {}),
        ...(v.parentId === 'keep' ? {} : { parentId: v.parentId === '' ? null : Number(v.parentId) }),
      })
      await done(`Đã ghi phiên bản mới của ${nameOf(v.unitId)} từ ngày ${formatDate(v.validFrom)}: ${changes.join(', ')}.`)
    },
    (v) => requireChoice(v, version, 'unitId'),
  )

  const closeUnit = closing.submit(
    async (v) => {
      const when = isIsoDate(v.validTo) ? formatDate(v.validTo) : v.validTo
      if (!confirm(`Giải thể ${nameOf(v.unitId)}: từ ngày ${when} đơn vị không còn tồn tại. Việc này không hoàn tác được. Tiếp tục?`)) return false
      await adminApi.closeUnit(Number(v.unitId), v.validTo)
      await done(`Đã giải thể ${nameOf(v.unitId)} từ ngày ${when}.`)
    },
    (v) => requireChoice(v, closing, 'unitId'),
  )

  const addPredecessor = succession.submit(
    async (v) => {
      const predecessor = nameOf(v.predecessorId, predecessorChoices)
      const when = isIsoDate(v.effectiveOn) ? formatDate(v.effectiveOn) : v.effectiveOn
      if (!confirm(`Ghi nhận ${nameOf(v.unitId)} kế thừa ${predecessor} từ ngày ${when}? Liên kết này không xóa được.`)) return false
      await adminApi.addPredecessor(Number(v.unitId), { predecessorId: Number(v.predecessorId), effectiveOn: v.effectiveOn })
      await done(`Đã ghi nhận ${nameOf(v.unitId)} kế thừa ${predecessor} từ ngày ${when}.`)
    },
    (v) => ({ ...requireChoice(v, succession, 'unitId'), ...requireChoice(v, succession, 'predecessorId') }),
  )

  return (
    <section>
      <h1>Đơn vị hành chính</h1>
      <div class="filters">
        <div>
          <label for="units-on">Xem cây đơn vị vào ngày</label>
          <input id="units-on" type="date" value={on} onChange={pickDate} />
        </div>
      </div>
      {loadError && (
        <p class="error" role="alert">
          {loadError}
        </p>
      )}
      <p role="status">{status}</p>
      <section class="card tree" aria-labelledby="tree-title">
        <h2 id="tree-title">Cây đơn vị ngày {formatDate(on)}</h2>
        {units === undefined ? (
          <p>Đang tải…</p>
        ) : units.length === 0 ? (
          <p>Không có đơn vị nào tồn tại vào ngày này.</p>
        ) : (
          <UnitBranch units={units} parentId={null} label={`Cây đơn vị ngày ${formatDate(on)}`} seen={new Set()} nameOf={treeNameOf} />
        )}
      </section>

      {isAdmin && (
        <>
          <p class="muted">
            Mọi thay đổi có hiệu lực từ một ngày: báo cáo cho các kỳ trước ngày đó vẫn dùng cây đơn vị cũ. Danh sách chọn đơn vị lấy theo cây ngày{' '}
            {formatDate(on)}.
          </p>
          <div class="forms">
            <form class="card" aria-labelledby="nu-title" onSubmit={createUnit} novalidate>
              <h2 id="nu-title">Thêm đơn vị</h2>
              <FormIssues form={created} />
              <Field form={created} name="code" hint='Chữ, số, ".", "_" hoặc "-", ví dụ "HD-CL-SD".'>
                {(control) => <input {...control} required maxlength={40} autocomplete="off" />}
              </Field>
              <Field form={created} name="name">
                {(control) => <input {...control} required maxlength={200} />}
              </Field>
              <Field form={created} name="level">
                {(control) => (
                  <select {...control}>
                    {UnitLevel.options.map((level) => (
                      <option value={level}>{levelNames[level]}</option>
                    ))}
                  </select>
                )}
              </Field>
              <Field form={created} name="parentId">
                {(control) => (
                  <select {...control}>
                    <UnitOptions units={list} placeholder={[{ value: '', label: 'Không có (đơn vị cấp cao nhất)' }]} />
                  </select>
                )}
              </Field>
              <Field form={created} name="validFrom">
                {(control) => <input {...control} type="date" required />}
              </Field>
              <SubmitButton form={created} label="Thêm đơn vị" busyLabel="Đang lưu…" />
            </form>

            <form class="card" aria-labelledby="uv-title" onSubmit={addVersion} novalidate>
              <h2 id="uv-title">Đổi tên, đổi cấp hoặc chuyển đơn vị cấp trên</h2>
              <FormIssues form={version} />
              <Field form={version} name="unitId">
                {(control) => (
                  <select {...control}>
                    <UnitOptions units={list} placeholder={[chooseUnit]} />
                  </select>
                )}
              </Field>
              <Field form={version} name="validFrom" hint="Phiên bản cũ kết thúc vào ngày hôm trước.">
                {(control) => <input {...control} type="date" required />}
              </Field>
              <Field form={version} name="name" hint="Để trống nếu giữ tên.">
                {(control) => <input {...control} maxlength={200} />}
              </Field>
              <Field form={version} name="level">
                {(control) => (
                  <select {...control}>
                    <option value="">Giữ nguyên</option>
                    {UnitLevel.options.map((level) => (
                      <option value={level}>{levelNames[level]}</option>
                    ))}
                  </select>
                )}
              </Field>
              <Field form={version} name="parentId">
                {(control) => (
                  <select {...control}>
                    <UnitOptions
                      units={list.filter((u) => String(u.id) !== version.values.unitId)}
                      placeholder={[
                        { value: 'keep', label: 'Giữ nguyên' },
                        { value: '', label: 'Không có (đơn vị cấp cao nhất)' },
                      ]}
                    />
                  </select>
                )}
              </Field>
              <SubmitButton form={version} label="Ghi phiên bản mới" busyLabel="Đang lưu…" />
            </form>

            <form class="card" aria-labelledby="uc-title" onSubmit={closeUnit} novalidate>
              <h2 id="uc-title">Giải thể đơn vị</h2>
              <FormIssues form={closing} />
              <Field form={closing} name="unitId">
                {(control) => (
                  <select {...control}>
                    <UnitOptions units={list} placeholder={[chooseUnit]} />
                  </select>
                )}
              </Field>
              <Field form={closing} name="validTo" hint="Ngày làm việc cuối cùng của đơn vị là ngày hôm trước.">
                {(control) => <input {...control} type="date" required />}
              </Field>
              <SubmitButton form={closing} label="Giải thể đơn vị" busyLabel="Đang lưu…" />
            </form>

            <form class="card" aria-labelledby="us-title" onSubmit={addPredecessor} novalidate>
              <h2 id="us-title">Ghi nhận đơn vị tiền thân</h2>
              <FormIssues form={succession} />
              <Field form={succession} name="unitId">
                {(control) => (
                  <select {...control}>
                    <UnitOptions units={list} placeholder={[chooseUnit]} />
                  </select>
                )}
              </Field>
              <Field form={succession} name="effectiveOn" hint="Thường là ngày sáp nhập, ví dụ 01/07/2025.">
                {(control) => <input {...control} type="date" required />}
              </Field>
              <Field form={succession} name="predecessorId" hint={`Các đơn vị tồn tại ngày ${formatDate(predecessorDate)}.`}>
                {(control) => (
                  <select {...control}>
                    <UnitOptions units={predecessorChoices} placeholder={[chooseUnit]} />
                  </select>
                )}
              </Field>
              <SubmitButton form={succession} label="Ghi nhận tiền thân" busyLabel="Đang lưu…" />
            </form>
          </div>
        </>
      )}
    </section>
  )
}
