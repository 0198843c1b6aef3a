import { formatCount, formatInterval, formatPercent } from '../../../shared/format'
import type { EmulationAnswer, EmulationLevel } from '../../../shared/officials-contract'

// The thi đua screen's pure part: the table's rows in words, units first, then officials, each by questionnaire.

const tones: Record<EmulationLevel, 'good' | 'bad' | 'warn' | undefined> = {
  xuat_sac: 'good',
  tot: 'good',
  hoan_thanh: 'warn',
  khong_hoan_thanh: 'bad',
  chua_du_mau: undefined,
  chua_co_chi_tieu: undefined,
}

export type EmulationViewRow = {
  kind: string
  label: string
  survey: string
  responses: string
  rate: string
  interval: string
  target: string
  level: string
  tone: 'good' | 'bad' | 'warn' | undefined
}

export function emulationRows(answer: EmulationAnswer): EmulationViewRow[] {
  const order = (kind: string) => (kind === 'unit' ? 0 : 1)
  return [...answer.rows]
    .sort(
      (a, b) => order(a.kind) - order(b.kind) || a.surveyTitle.localeCompare(b.surveyTitle, 'vi') || a.label.localeCompare(b.label, 'vi'),
    )
    .map((r) => ({
      kind: r.kind === 'unit' ? 'Đơn vị' : 'Công chức',
      label: r.label,
      survey: r.surveyTitle,
      responses: formatCount(r.responses),
      rate: formatPercent(r.rate),
      interval: r.ci95 ? formatInterval(r.ci95) : '—',
      target: r.target === null ? '—' : `≥ ${formatPercent(r.target)}`,
      level: r.levelLabel,
      tone: tones[r.level],
    }))
}
