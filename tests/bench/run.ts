import { buildSurveyClient } from '../../scripts/build'
import { benchAnalytics } from './analytics'
import { report } from './report'
import { serversOf } from './servers'
import { benchScale } from './scale'
import { benchSubmit } from './submit'
import { benchSurveyPage } from './survey-page'

/**
 * Every figure is measured here, in one run on this machine, so that ratios compare like with like: the page
 * once, then submit and analytics on each PostgreSQL (the embedded one and the distribution's stock one) in turn.
 *
 *   npm run bench [-- [survey-page] [submit] [analytics] [--quick] [--server=embedded|stock]]
 *   npm run bench -- scale [--quick]   # only when named: 1 and 2 processes behind nginx, primary vs replica
 */
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const only = args.filter((a) => !a.startsWith('--'))
const wanted = (name: string) => (only.length === 0 && name !== 'scale') || only.includes(name)
const startedAt = performance.now()

await buildSurveyClient()
if (wanted('survey-page')) await benchSurveyPage({ quick })
if (wanted('submit') || wanted('analytics')) {
  for (const start of serversOf(args.find((a) => a.startsWith('--server='))?.slice('--server='.length))) {
    const server = await start()
    report('server', 0, { server: server.name, version: server.version })
    try {
      if (wanted('submit')) await benchSubmit(server, { quick })
      if (wanted('analytics')) await benchAnalytics(server, { quick })
    } finally {
      await server.stop()
    }
  }
}
if (wanted('scale')) await benchScale({ quick })
report('bench_seconds', (performance.now() - startedAt) / 1000, { quick })
