import { NewPlan } from '../../../shared/admin-contract'
import { vietnameseErrorMap } from '../../../shared/zod-vietnamese'
import { issuesByField } from '../../components/schema-issues'
import { dateFormatMessage, parseVietnameseDate } from '../../vietnamese-date'

// A new plan (kế hoạch CCHC) as its form holds it: every value typed, the date as dd/mm/yyyy.

export type PlanValues = { number: string; title: string; issuer: string; issuedOn: string; unitId: string }

export const emptyPlan: PlanValues = { number: '', title: '', issuer: '', issuedOn: '', unitId: '' }

export const planLabels: Record<keyof PlanValues, string> = {
  number: 'Số, ký hiệu',
  title: 'Tên kế hoạch',
  issuer: 'Cơ quan ban hành',
  issuedOn: 'Ngày ban hành',
  unitId: 'Đơn vị áp dụng',
}

/** The request for the values, or each field's message in Vietnamese (a date not dd/mm/yyyy says so). */
export function newPlanOf(v: PlanValues): { plan: NewPlan; errors?: undefined } | { plan?: undefined; errors: Record<string, string> } {
  const issuedOn = parseVietnameseDate(v.issuedOn)
  const parsed = NewPlan.safeParse(
    { number: v.number.trim(), title: v.title.trim(), issuer: v.issuer.trim(), issuedOn, unitId: Number(v.unitId) || undefined },
    { error: vietnameseErrorMap },
  )
  const isBadDate = v.issuedOn.trim() !== '' && !issuedOn
  if (parsed.success && !isBadDate) return { plan: parsed.data }
  const errors = parsed.success ? {} : issuesByField(parsed.error.issues)
  if (isBadDate) errors.issuedOn = dateFormatMessage
  return { errors }
}
