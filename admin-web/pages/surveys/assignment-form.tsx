import { useEffect, useState } from 'hono/jsx/dom'
import type { ServicePointWithCounters, UnitOnDate } from '../../../shared/admin-contract'
import { api, ApiError } from '../../api'
import { fieldErrorsOf } from '../../components/field-errors'
import { surveyApi, type SurveyDetail, type SurveySummary } from '../../survey-api'
import { todayInVietnam } from '../../vietnamese-labels'

type Mode = 'counters' | 'unit'

/** The units of `rootId`'s subtree among those listed, as the server's assignment by unit counts them. */
function subtreeOf(units: UnitOnDate[], rootId: number) {
  const ids = new Set([rootId])
  let hasGrown = true
  while (hasGrown) {
    hasGrown = false
    for (const unit of units) {
      if (unit.parentId !== null && ids.has(unit.parentId) && !ids.has(unit.id)) {
        ids.add(unit.id)
        hasGrown = true
      }
    }
  }
  return ids
}

/** Units in tree order, each with its depth, for an indented list. */
function inTreeOrder(units: UnitOnDate[]) {
  const listed = new Set(units.map((u) => u.id))
  const ordered: { unit: UnitOnDate; depth: number }[] = []
  const visit = (unit: UnitOnDate, depth: number) => {
    ordered.push({ unit, depth })
    for (const child of units.filter((u) => u.parentId === unit.id)) visit(child, depth + 1)
  }
  for (const root of units.filter((u) => u.parentId === null || !listed.has(u.parentId))) visit(root, 0)
  return ordered
}

/** Makes chosen counters, or every counter of a unit's subtree, serve one published version. */
export function AssignmentForm({ survey, surveys }: { survey: SurveyDetail; surveys: SurveySummary[] }) {
  const latest = survey.versions.at(-1)
  const [points, setPoints] = useState<ServicePointWithCounters[] | undefined>(undefined)
  const [units, setUnits] = useState<UnitOnDate[]>([])
  const [versionId, setVersionId] = useState(latest?.id ?? 0)
  const [mode, setMode] = useState<Mode>('counters')
  const [chosen, setChosen] = useState<number[]>([])
  const [unitId, setUnitId] = useState(0)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [status, setStatus] = useState('')
  const [isBusy, setBusy] = useState(false)
  const reload = () => api.servicePoints().then(setPoints, () => setStatus('Không tải được danh sách quầy.'))
  useEffect(() => {
    void reload()
    void api.units(todayInVietnam()).then(setUnits, () => setUnits([]))
  }, [])
  useEffect(() => setVersionId(latest?.id ?? 0), [latest?.id])

  if (!latest) return <p class="muted">Phiếu chưa có phiên bản phát hành nào để gán cho quầy.</p>
  if (!points) return <p aria-live="polite">{status || 'Đang tải danh sách quầy…'}</p>

  const versionNames = new Map(surveys.flatMap((s) => s.versions.map((v) => [v.id, `${s.code} bản ${v.version}`] as const)))
  const version = survey.versions.find((v) => v.id === versionId) ?? latest
  const counters = points.flatMap((p) => p.counters.map((c) => ({ ...c, unitId: p.unitId })))
  const unitOptions = inTreeOrder(units)
  const targets = mode === 'counters' ? counters.filter((c) => chosen.includes(c.id)) : unitId ? counters.filter((c) => subtreeOf(units, unitId).has(c.unitId)) : []
  const unitName = units.find((u) => u.id === unitId)?.name

  const submit = async (event: Event) => {
    event.preventDefault()
    if (mode === 'counters' && targets.length === 0) return setErrors({ counterIds: 'Chọn ít nhất một quầy.' })
    if (mode === 'unit' && !unitId) return setErrors({ unitId: 'Chọn một đơn vị.' })
    if (targets.length === 0) return setErrors({ unitId: `${unitName ?? 'Đơn vị này'} và các đơn vị trực thuộc chưa có quầy nào.` })
    setErrors({})
    const changing = targets.filter((c) => c.surveyVersionId !== version.id).length
    if (changing === 0) return setStatus(`Các quầy đã chọn đều đang dùng phiên bản ${version.version}; không có gì thay đổi.`)
    const scope = mode === 'unit' ? ` của ${unitName} và các đơn vị trực thuộc` : ''
    const same = targets.length - changing
    const question =
      `Gán phiên bản ${version.version} của “${survey.title}” cho ${targets.length} quầy${scope}?\n\n` +
      `${changing} quầy sẽ đổi sang phiếu này ngay từ lượt đánh giá tiếp theo` +
      (same > 0 ? `; ${same} quầy đã dùng phiên bản này từ trước.` : '.')
    if (!confirm(question)) return
    setBusy(true)
    try {
      const result = await surveyApi.assign(
        mode === 'unit' ? { surveyVersionId: version.id, unitId } : { surveyVersionId: version.id, counterIds: targets.map((c) => c.id) },
      )
      setChosen([])
      setStatus(`Đã gán phiên bản ${version.version} cho ${result.counterIds.length} quầy.`)
      await reload()
    } catch (error) {
      setErrors(fieldErrorsOf(error))
      setStatus(error instanceof ApiError ? error.message : 'Không kết nối được máy chủ. Chưa gán phiếu.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="assign" onSubmit={submit} aria-label="Gán phiếu cho quầy">
      {errors[''] && (
        <p class="error" role="alert">
          {errors['']}
        </p>
      )}
      <p class="field">
        <label for="as-version">Phiên bản</label>
        <select id="as-version" value={String(version.id)} onChange={(event: Event) => setVersionId(Number((event.currentTarget as HTMLSelectElement).value))}>
          {[...survey.versions].reverse().map((v) => (
            <option value={String(v.id)}>{`Phiên bản ${v.version}`}</option>
          ))}
        </select>
      </p>
      <fieldset>
        <legend>Gán cho</legend>
        <label class="check-label">
          <input type="radio" name="as-mode" value="counters" checked={mode === 'counters'} onChange={() => setMode('counters')} /> Các quầy được chọn
        </label>
        <label class="check-label">
          <input type="radio" name="as-mode" value="unit" checked={mode === 'unit'} onChange={() => setMode('unit')} /> Mọi quầy của một đơn vị
          và các đơn vị trực thuộc
        </label>
      </fieldset>
      {mode === 'unit' ? (
        <p class="field">
          <label for="as-unit">Đơn vị</label>
          <select
            id="as-unit"
            value={unitId ? String(unitId) : ''}
            aria-describedby={errors.unitId ? 'as-unit-err' : 'as-unit-count'}
            onChange={(event: Event) => setUnitId(Number((event.currentTarget as HTMLSelectElement).value))}
          >
            <option value="">Chọn đơn vị</option>
            {unitOptions.map(({ unit, depth }) => (
              <option value={String(unit.id)}>{`${'\u00a0\u00a0'.repeat(depth)}${unit.name}`}</option>
            ))}
          </select>
          {unitId > 0 && (
            <span class="hint" id="as-unit-count">{`${targets.length} quầy thuộc ${unitName ?? 'đơn vị này'} và các đơn vị trực thuộc.`}</span>
          )}
          {errors.unitId && (
            <span class="error" id="as-unit-err">
              {errors.unitId}
            </span>
          )}
        </p>
      ) : (
        <div class="counter-choice">
          {errors.counterIds && (
            <p class="error" id="as-counters-err">
              {errors.counterIds}
            </p>
          )}
          {points.map((point) => (
            <fieldset aria-describedby={errors.counterIds ? 'as-counters-err' : undefined}>
              <legend>{point.name}</legend>
              {point.counters.length === 0 && <p class="muted">Chưa có quầy.</p>}
              {point.counters.map((counter) => (
                <label class="check-label block">
                  <input
                    type="checkbox"
                    checked={chosen.includes(counter.id)}
                    onChange={(event: Event) => {
                      const isOn = (event.currentTarget as HTMLInputElement).checked
                      setChosen((current) => (isOn ? [...current, counter.id] : current.filter((id) => id !== counter.id)))
                    }}
                  />{' '}
                  {counter.name}
                  <span class="muted">
                    {` — ${counter.surveyVersionId ? `đang dùng ${versionNames.get(counter.surveyVersionId) ?? 'phiếu khác'}` : 'chưa gán phiếu'}`}
                    {counter.isActive ? '' : ' (ngừng hoạt động)'}
                  </span>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
      )}
      <p>
        <button type="submit" disabled={isBusy}>
          {isBusy ? 'Đang gán…' : 'Gán phiếu'}
        </button>
      </p>
      <p role="status">{status}</p>
    </form>
  )
}
