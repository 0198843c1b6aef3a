import type { NewCounter, NewServicePoint } from '../../../shared/admin-contract'

// The counters screen's pure parts: what its two forms send, the surveys a new counter can serve, and the
// questions asked before a change that stops a QR code working.

/** A new service point as the form holds it; the server checks it (and answers by field). */
export function servicePointOf(data: FormData): Partial<NewServicePoint> {
  return { unitId: Number(data.get('unitId')), name: String(data.get('name') ?? ''), kind: data.get('kind') as 'mot_cua' }
}

/** A new counter as the form holds it: the fields ticked, and no survey when "chưa gán phiếu" is chosen. */
export function counterOf(data: FormData): Partial<NewCounter> {
  return {
    servicePointId: Number(data.get('servicePointId')),
    name: String(data.get('name') ?? ''),
    fieldIds: data.getAll('fieldIds').map(Number),
    surveyVersionId: data.get('surveyVersionId') ? Number(data.get('surveyVersionId')) : null,
  }
}

/** The latest published version of each questionnaire that has one, as a new counter's choices. */
export function latestVersionChoices(surveys: { title: string; versions: { id: number; version: number }[] }[]) {
  return surveys.flatMap((s) => {
    const latest = s.versions.at(-1)
    return latest ? [{ value: String(latest.id), label: `${s.title} — bản ${latest.version}` }] : []
  })
}

/** The posters of a user's whole scope (all of them for a user without a unit). */
export const postersHref = (unitId: number | null) => `/admin/posters${unitId ? `?unitId=${unitId}` : ''}`

export const confirmations = {
  rotate: (name: string) => `Đổi mã QR của "${name}"? Mã đang dán tại quầy sẽ ngừng hoạt động; cần in áp phích mới.`,
  deactivate: (name: string) => `Ngừng hoạt động "${name}"? Mã QR của quầy sẽ không nhận đánh giá nữa.`,
  deactivatePoint: (name: string) => `Ngừng hoạt động "${name}"? Mọi quầy của bộ phận sẽ không nhận đánh giá nữa.`,
}

/** A name typed at a prompt, trimmed; undefined when cancelled, blank or unchanged. */
export function renamed(typed: string | null | undefined, current: string) {
  const name = typed?.trim()
  return name && name !== current ? name : undefined
}

/** An official's name as the add form holds it, spaces tidied; undefined when blank or too long. */
export function officialNameOf(data: FormData) {
  const name = String(data.get('displayName') ?? '')
    .replace(/\s+/g, ' ')
    .trim()
  return name && name.length <= 120 ? name : undefined
}
