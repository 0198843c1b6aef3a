import { UnitLevel, type NewUnitVersion, type UnitOnDate } from '../../../shared/admin-contract'
import { formatDate } from '../../../shared/format'
import { dayBefore, levelNames } from '../../vietnamese-labels'

// The units screen's pure parts: the tree as the page draws it, the one-line description of a unit, and the
// wording of each change the admin confirms before it is written (a unit's history cannot be undone).

export const isIsoDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value)
export const labelOf = (unit: Pick<UnitOnDate, 'name' | 'code'>) => `${unit.name} (${unit.code})`
/** A YYYY-MM-DD date as dd/mm/yyyy; anything else (a half-typed date) as typed. */
export const dateText = (value: string) => (isIsoDate(value) ? formatDate(value) : value)

export type UnitNode = { unit: UnitOnDate; children: UnitNode[] }

/**
 * The units on one date as a tree. Roots are the units whose parent is not on that date; a unit is never
 * drawn below itself, so a loop in the data ends the branch instead of the page.
 */
export function unitTree(units: UnitOnDate[]): UnitNode[] {
  const ids = new Set(units.map((u) => u.id))
  const branch = (parentId: number | null, seen: Set<number>): UnitNode[] =>
    units
      .filter((u) => !seen.has(u.id) && (parentId === null ? u.parentId === null || !ids.has(u.parentId) : u.parentId === parentId))
      .map((unit) => ({ unit, children: branch(unit.id, new Set([...seen, unit.id])) }))
  return branch(null, new Set())
}

/** "· Xã/Phường/Thị trấn · mã X · từ 01/07/2025 đến hết 30/06/2026 · kế thừa A, B": what the tree shows after a name. */
export function unitDescription(unit: UnitOnDate, nameOf: (id: number) => string) {
  return [
    `· ${levelNames[unit.level]} · mã ${unit.code} · từ ${formatDate(unit.validFrom)}`,
    unit.validTo ? ` đến hết ${formatDate(dayBefore(unit.validTo))}` : '',
    unit.predecessorIds.length > 0 ? ` · kế thừa ${unit.predecessorIds.map(nameOf).join(', ')}` : '',
  ].join('')
}

/** Predecessors not on the date shown, whose names must come from their own history. */
export function missingPredecessorIds(units: UnitOnDate[], known: Map<number, string>) {
  const onDate = new Set(units.map((u) => u.id))
  return [...new Set(units.flatMap((u) => u.predecessorIds))].filter((id) => !onDate.has(id) && !known.has(id))
}

/** A unit's name by its id as a select gives it ("12"); its number when the list does not have it. */
export const nameIn = (units: UnitOnDate[], id: string) => units.find((u) => String(u.id) === id)?.name ?? `đơn vị mã số ${id}`

/** A new unit version as typed: unitId, validFrom, and name/level/parentId ("" keeps; parentId "keep" keeps, "" makes it a root). */
export type VersionValues = { unitId: string; validFrom: string; name: string; level: string; parentId: string }

/** What a new version changes, in words: "đổi tên thành …", "đổi cấp thành …", "chuyển trực thuộc …". */
export function versionChanges(v: VersionValues, nameOf: (id: string) => string): string[] {
  return [
    v.name.trim() && `đổi tên thành "${v.name.trim()}"`,
    v.level && `đổi cấp thành ${levelNames[UnitLevel.parse(v.level)]}`,
    v.parentId !== 'keep' && (v.parentId === '' ? 'thành đơn vị cấp cao nhất' : `chuyển trực thuộc ${nameOf(v.parentId)}`),
  ].filter((change): change is string => Boolean(change))
}

export function versionQuestion(v: VersionValues, nameOf: (id: string) => string) {
  const when = isIsoDate(v.validFrom) ? ` từ ngày ${formatDate(v.validFrom)}` : ''
  const changes = versionChanges(v, nameOf).join(', ') || 'không có thay đổi'
  return `${nameOf(v.unitId)}${when}: ${changes}. Cây đơn vị trước ngày này giữ nguyên; phiên bản mới không xóa được. Ghi phiên bản mới?`
}

/** The request for a new version: only what the admin chose to change. */
export function versionBody(v: VersionValues): NewUnitVersion {
  return {
    validFrom: v.validFrom,
    ...(v.name.trim() ? { name: v.name } : {}),
    ...(v.level ? { level: UnitLevel.parse(v.level) } : {}),
    ...(v.parentId === 'keep' ? {} : { parentId: v.parentId === '' ? null : Number(v.parentId) }),
  }
}

/** "Hãy chọn đơn vị." when a required select was left on its placeholder. */
export function requireChoice<T extends Record<string, string>>(
  values: T,
  labels: Record<keyof T & string, string>,
  ...names: (keyof T & string)[]
) {
  return Object.fromEntries(names.filter((name) => !values[name]).map((name) => [name, `Hãy chọn ${labels[name].toLowerCase()}.`]))
}
