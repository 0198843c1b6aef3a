/** One JSON line per figure, so runs can be compared and parsed. */
export function report(figure: string, value: number, extra: Record<string, unknown> = {}) {
  console.log(JSON.stringify({ figure, value: Math.round(value * 100) / 100, ...extra }))
}
