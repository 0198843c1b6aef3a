import { useEffect, useState } from 'hono/jsx/dom'
import type { ServicePointWithCounters, UnitOnDate } from '../../../shared/admin-contract'
import { api, ApiError } from '../../api'
import { fieldErrorsOf } from '../../components/field-errors'
import { surveyApi, type SurveyDetail } from '../../survey-api'
import { todayInVietnam } from '../../vietnamese-labels'
import { assignQuestion, refusalOf, targetsOf, type AssignMode } from './assignment-model'

/**
 * The assignment form's state: the version to serve, counters ticked or a unit's subtree, and the submit that
 * checks, asks for confirmation and sends. `points` is undefined until the counters are loaded.
 */
export function useAssignment(survey: SurveyDetail) {
  const latest = survey.versions.at(-1)
  const [points, setPoints] = useState<ServicePointWithCounters[] | undefined>(undefined)
  const [units, setUnits] = useState<UnitOnDate[]>([])
  const [versionId, setVersionId] = useState(latest?.id ?? 0)
  const [mode, setMode] = useState<AssignMode>('counters')
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

  const version = survey.versions.find((v) => v.id === versionId) ?? latest
  const counters = (points ?? []).flatMap((p) => p.counters.map((c) => ({ ...c, unitId: p.unitId })))
  const targets = targetsOf(mode, counters, chosen, units, unitId)
  const unitName = units.find((u) => u.id === unitId)?.name

  const submit = async (event: Event) => {
    event.preventDefault()
    if (!version) return
    const refused = refusalOf(mode, targets.length, unitId, unitName)
    if (refused) return setErrors(refused)
    setErrors({})
    if (targets.every((c) => c.surveyVersionId === version.id)) {
      return setStatus(`Các quầy đã chọn đều đang dùng phiên bản ${version.version}; không có gì thay đổi.`)
    }
    const question = assignQuestion({
      version: version.version,
      title: survey.title,
      targets,
      versionId: version.id,
      unitName: mode === 'unit' ? unitName : undefined,
    })
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
  return {
    points,
    units,
    version,
    setVersionId,
    mode,
    setMode,
    chosen,
    setChosen,
    unitId,
    setUnitId,
    targets,
    unitName,
    errors,
    status,
    isBusy,
    submit,
  }
}
