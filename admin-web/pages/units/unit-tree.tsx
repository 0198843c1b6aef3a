import { useEffect, useState } from 'hono/jsx/dom'
import type { UnitOnDate } from '../../../shared/admin-contract'
import { formatDate } from '../../../shared/format'
import { adminApi } from '../../admin-api'
import { ApiError } from '../../api'
import { missingPredecessorIds, unitDescription, unitTree, type UnitNode } from './units-model'

/** The units on one date, reloaded on demand, with the names of predecessors that ended before it. */
export function useUnitsOn(on: string) {
  const [units, setUnits] = useState<UnitOnDate[] | undefined>(undefined)
  const [loadError, setLoadError] = useState('')
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
    const missing = missingPredecessorIds(units ?? [], formerNames)
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
  const nameOf = (id: number) => (units ?? []).find((u) => u.id === id)?.name ?? formerNames.get(id) ?? `đơn vị mã số ${id}`
  return { units, loadError, load, nameOf }
}

/** The tree of units on a date, or why there is none. */
export function UnitTree({ units, on, nameOf }: { units: UnitOnDate[] | undefined; on: string; nameOf: (id: number) => string }) {
  return (
    <section class="card tree" aria-labelledby="tree-title">
      <h2 id="tree-title">Cây đơn vị ngày {formatDate(on)}</h2>
      {units === undefined ? (
        <p>Đang tải…</p>
      ) : units.length === 0 ? (
        <p>Không có đơn vị nào tồn tại vào ngày này.</p>
      ) : (
        <UnitBranch nodes={unitTree(units)} label={`Cây đơn vị ngày ${formatDate(on)}`} nameOf={nameOf} />
      )}
    </section>
  )
}

function UnitBranch({ nodes, label, nameOf }: { nodes: UnitNode[]; label: string; nameOf: (id: number) => string }) {
  if (nodes.length === 0) return null
  return (
    <ul aria-label={label}>
      {nodes.map(({ unit, children }) => (
        <li>
          <span class="unit-name">{unit.name}</span> <span class="muted">{unitDescription(unit, nameOf)}</span>{' '}
          <a
            href={`/cong-khai/${encodeURIComponent(unit.code)}`}
            target="_blank"
            rel="noopener"
            aria-label={`Trang công khai của ${unit.name}`}
          >
            Trang công khai
          </a>
          <UnitBranch nodes={children} label={`Trực thuộc ${unit.name}`} nameOf={nameOf} />
        </li>
      ))}
    </ul>
  )
}
