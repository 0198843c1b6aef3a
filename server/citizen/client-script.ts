import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const builtScript = join(import.meta.dirname, '../../dist/survey-client.js')
let cached: string | undefined

/** The built survey script, read once; `npm run build` (run by npm start and npm test) makes it. */
export function surveyClientScript(): string {
  if (cached === undefined) {
    try {
      cached = readFileSync(builtScript, 'utf8')
    } catch {
      throw new Error(`${builtScript} is missing: run "npm run build" first`)
    }
  }
  return cached
}
