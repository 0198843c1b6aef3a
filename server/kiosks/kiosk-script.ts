import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const builtScript = join(import.meta.dirname, '../../dist/kiosk.js')
let cached: string | undefined

/** The built kiosk script, read once; `npm run build` makes it. */
export function kioskScript(): string {
  cached ??= readFileSync(builtScript, 'utf8')
  return cached
}
