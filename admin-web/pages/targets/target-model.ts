import { NewTarget, type TargetMetric, type Target } from '../../../shared/admin-contract'
import { formatDate } from '../../../shared/format'
import { vietnameseErrorMap } from '../../../shared/zod-vietnamese'
import { issuesByField } from '../../components/schema-issues'
import { metricNames } from '../../../shared/metric-names'
import { dateFormatMessage, parseVietnameseDate } from '../../vietnamese-date'

// A plan's targets as the form edits them: the value typed as the plan writes it ("87,5"), dates typed
// dd/mm/yyyy, and a whole year picked in one choice. Checked here before anything is sent.

const percentFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 })
/** As the plans write it: "≥ 96%", "≥ 87,5%". */
export const formatTarget = (valuePercent: number) => `≥ ${percentFormat.format(valuePercent)}%`

export type TargetValues = {
  unitId: string
  metric: TargetMetric
  fieldIds: number[]
  year: string
  periodStart: string
  periodEnd: string
  value: string
}

export const initialTargetValues = (planUnitId: number | null): TargetValues => ({
  unitId: planUnitId ? String(planUnitId) : '',
  metric: 'tthc',
  fieldIds: [],
  year: '',
  periodStart: '',
  periodEnd: '',
  value: '',
})

/** The year two typed dates span exactly (01/01 to 31/12 of it), else "". */
export const yearOf = (start: string, end: string) => {
  const year = start.slice(-4)
  return start === `01/01/${year}` && end === `31/12/${year}` ? year : ''
}

/** A whole year picked fills both dates; "Tự chọn ngày" leaves them as typed. */
export const withYear = (v: TargetValues, year: string): TargetValues =>
  year ? { ...v, year, periodStart: `01/01/${year}`, periodEnd: `31/12/${year}` } : { ...v, year }
/** A date typed by hand: the year choice follows what the two dates now span. */
export const withPeriod = (v: TargetValues, change: { periodStart: string } | { periodEnd: string }): TargetValues => {
  const next = { ...v, ...change }
  return { ...next, year: yearOf(next.periodStart, next.periodEnd) }
}
export const withField = (v: TargetValues, fieldId: number, isOn: boolean): TargetValues => ({
  ...v,
  fieldIds: isOn ? [...v.fieldIds, fieldId] : v.fieldIds.filter((id) => id !== fieldId),
})

/** The years a plan's targets usually cover: from the year before it was issued, twelve in all. */
export const yearsOfPlan = (issuedOn: string) => Array.from({ length: 12 }, (_, i) => String(Number(issuedOn.slice(0, 4)) - 1 + i))

/** The request for the typed row, or each field's first issue (in Vietnamese) to show beside it. */
export function checkTarget(planId: number, v: TargetValues): { data: NewTarget } | { errors: Record<string, string> } {
  const text = v.value.trim().replace(',', '.')
  const valuePercent = text === '' ? Number.NaN : Number(text)
  const periodStart = parseVietnameseDate(v.periodStart)
  const periodEnd = parseVietnameseDate(v.periodEnd)
  const parsed = NewTarget.safeParse(
    {
      planId,
      unitId: Number(v.unitId) || undefined,
      metric: v.metric,
      fieldIds: v.fieldIds,
      periodStart,
      periodEnd,
      valuePercent: Number.isNaN(valuePercent) ? undefined : valuePercent,
    },
    { error: vietnameseErrorMap },
  )
  const isMistyped = (typed: string, parsedDate: string | undefined) => typed.trim() !== '' && parsedDate === undefined
  if (parsed.success && !isMistyped(v.periodStart, periodStart) && !isMistyped(v.periodEnd, periodEnd)) return { data: parsed.data }
  const errors = parsed.success ? {} : issuesByField(parsed.error.issues)
  if (text !== '' && Number.isNaN(valuePercent)) errors.valuePercent = 'Nhập số phần trăm, ví dụ 96 hoặc 87,5.'
  if (isMistyped(v.periodStart, periodStart)) errors.periodStart = dateFormatMessage
  if (isMistyped(v.periodEnd, periodEnd)) errors.periodEnd = dateFormatMessage
  return { errors }
}

/** "Đất đai + Xây dựng", or "Mọi lĩnh vực" for a target over every field. */
export const fieldNamesOf = (ids: number[], fields: { id: number; name: string }[]) =>
  ids.length === 0 ? 'Mọi lĩnh vực' : ids.map((id) => fields.find((f) => f.id === id)?.name ?? `Lĩnh vực số ${id}`).join(' + ')

export const periodText = (t: Pick<Target, 'periodStart' | 'periodEnd'>) => `${formatDate(t.periodStart)} – ${formatDate(t.periodEnd)}`

/** A target in one line, as the status and the confirmation name it. */
export const describeTarget = (t: Target, fields: { id: number; name: string }[], unitName: (id: number | null) => string) =>
  `${formatTarget(t.valuePercent)} — ${metricNames[t.metric]} (${fieldNamesOf(t.fieldIds, fields)}), ${unitName(t.unitId)}, ${periodText(t)}`
