import type { UnitOnDate } from '../../../shared/admin-contract'

// Which counters an assignment reaches, and how the form words it: by counters chosen one by one, or every
// counter of a unit and the units below it, as the server counts them.

export type AssignMode = 'counters' | 'unit'
export type AssignedCounter = { id: number; unitId: number; surveyVersionId: number | null }

/** The units of `rootId`'s subtree among those listed, as the server's assignment by unit counts them. */
export function subtreeOf(units: Pick<UnitOnDate, 'id' | 'parentId'>[], rootId: number) {
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
export function inTreeOrder<U extends Pick<UnitOnDate, 'id' | 'parentId'>>(units: U[]) {
  const listed = new Set(units.map((u) => u.id))
  const ordered: { unit: U; depth: number }[] = []
  const visit = (unit: U, depth: number) => {
    ordered.push({ unit, depth })
    for (const child of units.filter((u) => u.parentId === unit.id)) visit(child, depth + 1)
  }
  for (const root of units.filter((u) => u.parentId === null || !listed.has(u.parentId))) visit(root, 0)
  return ordered
}

/** The counters the assignment reaches: those ticked, or every counter of the unit's subtree (none before a unit is chosen). */
export function targetsOf<C extends AssignedCounter>(
  mode: AssignMode,
  counters: C[],
  chosen: number[],
  units: Pick<UnitOnDate, 'id' | 'parentId'>[],
  unitId: number,
) {
  if (mode === 'counters') return counters.filter((c) => chosen.includes(c.id))
  if (!unitId) return []
  const subtree = subtreeOf(units, unitId)
  return counters.filter((c) => subtree.has(c.unitId))
}

/** Why the form cannot be sent yet, by the input concerned; undefined when it can. */
export function refusalOf(
  mode: AssignMode,
  targetCount: number,
  unitId: number,
  unitName: string | undefined,
): Record<string, string> | undefined {
  if (mode === 'counters' && targetCount === 0) return { counterIds: 'Chọn ít nhất một quầy.' }
  if (mode === 'unit' && !unitId) return { unitId: 'Chọn một đơn vị.' }
  if (targetCount === 0) return { unitId: `${unitName ?? 'Đơn vị này'} và các đơn vị trực thuộc chưa có quầy nào.` }
  return undefined
}

/** The confirmation: how many counters switch now, and how many already served this version. */
export function assignQuestion(a: {
  version: number
  title: string
  targets: AssignedCounter[]
  versionId: number
  unitName?: string | undefined
}) {
  const changing = a.targets.filter((c) => c.surveyVersionId !== a.versionId).length
  const same = a.targets.length - changing
  const scope = a.unitName !== undefined ? ` của ${a.unitName} và các đơn vị trực thuộc` : ''
  return (
    `Gán phiên bản ${a.version} của “${a.title}” cho ${a.targets.length} quầy${scope}?\n\n` +
    `${changing} quầy sẽ đổi sang phiếu này ngay từ lượt đánh giá tiếp theo` +
    (same > 0 ? `; ${same} quầy đã dùng phiên bản này từ trước.` : '.')
  )
}

/** "SURVEY-CODE bản 2" by version id, to say what each counter serves now. */
export const versionNamesOf = (surveys: { code: string; versions: { id: number; version: number }[] }[]) =>
  new Map(surveys.flatMap((s) => s.versions.map((v) => [v.id, `${s.code} bản ${v.version}`] as const)))

/** " — đang dùng X bản 2 (ngừng hoạt động)": what a counter serves, after its name. */
export const counterNote = (counter: { surveyVersionId: number | null; isActive: boolean }, versionNames: Map<number, string>) =>
  ` — ${counter.surveyVersionId ? `đang dùng ${versionNames.get(counter.surveyVersionId) ?? 'phiếu khác'}` : 'chưa gán phiếu'}` +
  (counter.isActive ? '' : ' (ngừng hoạt động)')
