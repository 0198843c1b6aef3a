import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js'
import { useEffect, useRef } from 'hono/jsx/dom'

// Only what the dashboard draws, so the bundle carries no unused chart types.
Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip)
Chart.defaults.locale = 'vi-VN'
Chart.defaults.animation = matchMedia('(prefers-reduced-motion: reduce)').matches ? false : Chart.defaults.animation

/** A chart.js canvas with a text alternative; the chart is destroyed before it is drawn again. */
export function ChartCanvas({ config, label }: { config: ChartConfiguration; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    const chart = new Chart(canvas.current!, config)
    return () => chart.destroy()
  }, [config])
  return (
    <div class="chart">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  )
}
