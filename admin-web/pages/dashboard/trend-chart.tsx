import type { ChartConfiguration } from 'chart.js'
import { useMemo } from 'hono/jsx/dom'
import { formatPercent } from '../../../shared/format'
import type { StatsGroup } from '../../../shared/stats-contract'
import { ChartCanvas } from '../../components/chart-canvas'

const percentAxis = { min: 0.5, max: 1, ticks: { callback: (value: string | number) => formatPercent(Number(value)) } }

/** The monthly rate with the strictest target as a line. */
export function TrendChart({ months, target }: { months: StatsGroup[]; target: number | undefined }) {
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'line',
      data: {
        labels: months.map((m) => m.label),
        datasets: [
          { label: 'Tỷ lệ hài lòng', data: months.map((m) => m.rate), borderColor: '#0b4f8a', backgroundColor: '#0b4f8a', spanGaps: true },
          ...(target === undefined
            ? []
            : [
                {
                  label: `Chỉ tiêu ${formatPercent(target)}`,
                  data: months.map(() => target),
                  borderColor: '#b00020',
                  borderDash: [6, 4],
                  pointRadius: 0,
                },
              ]),
        ],
      },
      options: {
        maintainAspectRatio: false,
        scales: { y: percentAxis },
        plugins: { tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatPercent(item.parsed.y)}` } } },
      },
    }),
    [months, target],
  )
  const description = months.map((m) => `${m.label}: ${formatPercent(m.rate)}`).join('; ')
  const targetText = target === undefined ? '' : `, đường chỉ tiêu ${formatPercent(target)}`
  return <ChartCanvas config={config} label={`Xu hướng theo tháng${targetText}. ${description}`} />
}

/** Rates by field, each bar with its own target drawn as a marker. */
export function FieldBars({ fields }: { fields: StatsGroup[] }) {
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: fields.map((f) => f.label),
        datasets: [
          {
            type: 'bar',
            label: 'Tỷ lệ hài lòng',
            data: fields.map((f) => f.rate),
            backgroundColor: fields.map((f) => (f.targets[0]?.met === false ? '#b00020' : '#0b4f8a')),
          },
          {
            type: 'line',
            label: 'Chỉ tiêu',
            data: fields.map((f) => f.targets[0]?.value ?? null),
            showLine: false,
            pointStyle: 'line',
            pointRadius: 18,
            borderWidth: 3,
            borderColor: '#1a1a1a',
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        scales: { y: percentAxis },
        plugins: { tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatPercent(item.parsed.y)}` } } },
      },
    }),
    [fields],
  )
  const description = fields
    .map((f) => `${f.label}: ${formatPercent(f.rate)}${f.targets[0] ? `, chỉ tiêu ${formatPercent(f.targets[0].value)}` : ''}`)
    .join('; ')
  return <ChartCanvas config={config} label={`Tỷ lệ theo lĩnh vực. ${description}`} />
}
