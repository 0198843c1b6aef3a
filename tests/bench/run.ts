import { buildSurveyClient } from '../../scripts/build'
import { benchAnalytics } from './analytics'
import { benchSubmit } from './submit'
import { benchSurveyPage } from './survey-page'

// Every figure is measured here, in one run on this machine, so that ratios compare like with like.
const benches: Record<string, () => Promise<void>> = { 'survey-page': benchSurveyPage, submit: benchSubmit, analytics: benchAnalytics }
const only = process.argv.slice(2)

await buildSurveyClient()
for (const [name, bench] of Object.entries(benches)) {
  if (only.length > 0 && !only.includes(name)) continue
  await bench()
}
