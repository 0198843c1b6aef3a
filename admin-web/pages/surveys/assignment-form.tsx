import type { ServicePointWithCounters, UnitOnDate } from '../../../shared/admin-contract'
import type { SurveyDetail, SurveySummary } from '../../survey-api'
import { counterNote, inTreeOrder, versionNamesOf } from './assignment-model'
import { useAssignment } from './use-assignment'

/** Makes chosen counters, or every counter of a unit's subtree, serve one published version. */
export function AssignmentForm({ survey, surveys }: { survey: SurveyDetail; surveys: SurveySummary[] }) {
  const a = useAssignment(survey)
  const { points, units, version, mode, unitId, targets, unitName, errors, status } = a
  if (!version) return <p class="muted">Phiếu chưa có phiên bản phát hành nào để gán cho quầy.</p>
  if (!points) return <p aria-live="polite">{status || 'Đang tải danh sách quầy…'}</p>

  return (
    <form class="assign" onSubmit={a.submit} aria-label="Gán phiếu cho quầy">
      {errors[''] && (
        <p class="error" role="alert">
          {errors['']}
        </p>
      )}
      <p class="field">
        <label for="as-version">Phiên bản</label>
        <select
          id="as-version"
          value={String(version.id)}
          onChange={(event: Event) => a.setVersionId(Number((event.currentTarget as HTMLSelectElement).value))}
        >
          {[...survey.versions].reverse().map((v) => (
            <option value={String(v.id)}>{`Phiên bản ${v.version}`}</option>
          ))}
        </select>
      </p>
      <fieldset>
        <legend>Gán cho</legend>
        <label class="check-label">
          <input type="radio" name="as-mode" value="counters" checked={mode === 'counters'} onChange={() => a.setMode('counters')} /> Các
          quầy được chọn
        </label>
        <label class="check-label">
          <input type="radio" name="as-mode" value="unit" checked={mode === 'unit'} onChange={() => a.setMode('unit')} /> Mọi quầy của một
          đơn vị và các đơn vị trực thuộc
        </label>
      </fieldset>
      {mode === 'unit' ? (
        <UnitChoice
          units={units}
          unitId={unitId}
          setUnitId={a.setUnitId}
          count={targets.length}
          unitName={unitName}
          error={errors.unitId}
        />
      ) : (
        <CounterChoice points={points} surveys={surveys} chosen={a.chosen} setChosen={a.setChosen} error={errors.counterIds} />
      )}
      <p>
        <button type="submit" disabled={a.isBusy}>
          {a.isBusy ? 'Đang gán…' : 'Gán phiếu'}
        </button>
      </p>
      <p role="status">{status}</p>
    </form>
  )
}

type UnitChoiceProps = {
  units: UnitOnDate[]
  unitId: number
  setUnitId: (id: number) => void
  count: number
  unitName: string | undefined
  error: string | undefined
}

/** A unit from today's tree, indented by depth, with how many counters its subtree has. */
function UnitChoice({ units, unitId, setUnitId, count, unitName, error }: UnitChoiceProps) {
  return (
    <p class="field">
      <label for="as-unit">Đơn vị</label>
      <select
        id="as-unit"
        value={unitId ? String(unitId) : ''}
        aria-describedby={error ? 'as-unit-err' : 'as-unit-count'}
        onChange={(event: Event) => setUnitId(Number((event.currentTarget as HTMLSelectElement).value))}
      >
        <option value="">Chọn đơn vị</option>
        {inTreeOrder(units).map(({ unit, depth }) => (
          <option value={String(unit.id)}>{`${'\u00a0\u00a0'.repeat(depth)}${unit.name}`}</option>
        ))}
      </select>
      {unitId > 0 && (
        <span class="hint" id="as-unit-count">{`${count} quầy thuộc ${unitName ?? 'đơn vị này'} và các đơn vị trực thuộc.`}</span>
      )}
      {error && (
        <span class="error" id="as-unit-err">
          {error}
        </span>
      )}
    </p>
  )
}

type CounterChoiceProps = {
  points: ServicePointWithCounters[]
  surveys: SurveySummary[]
  chosen: number[]
  setChosen: (change: (current: number[]) => number[]) => void
  error: string | undefined
}

/** Counters ticked one by one, grouped by service point, each saying what it serves now. */
function CounterChoice({ points, surveys, chosen, setChosen, error }: CounterChoiceProps) {
  const versionNames = versionNamesOf(surveys)
  return (
    <div class="counter-choice">
      {error && (
        <p class="error" id="as-counters-err">
          {error}
        </p>
      )}
      {points.map((point) => (
        <fieldset aria-describedby={error ? 'as-counters-err' : undefined}>
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
              <span class="muted">{counterNote(counter, versionNames)}</span>
            </label>
          ))}
        </fieldset>
      ))}
    </div>
  )
}
