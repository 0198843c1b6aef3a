/** Vietnamese number and date formats for analysts: 96,4% · 1.234 · 14/03/2025. */
const percentFormat = new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
const integerFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 })
const pointsFormat = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' })

export const formatPercent = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : percentFormat.format(rate))
export const formatCount = (n: number) => integerFormat.format(n)
/** A gap to a target in percentage points: "+0,4 điểm", "−1,2 điểm". */
export const formatPoints = (points: number) => `${pointsFormat.format(points).replace('-', '−')} điểm`

/** YYYY-MM-DD → dd/mm/yyyy. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-')
  return `${day}/${month}/${year}`
}

export function formatInterval(interval: [number, number] | null | undefined): string {
  if (!interval) return '—'
  return `${percentFormat.format(interval[0])} – ${percentFormat.format(interval[1])}`
}
