import { buildSurveyClient } from '../../scripts/build'
import { benchAnalytics } from './analytics'
import { startKeptServer } from './analytics-data'
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
 *
 * The analytics data (10 million ratings; 1 million with --quick) are generated on first use and kept under
 * .data/bench/{embedded,stock}, made again only when the generator changes (new migrations are applied to them).
 */
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const only = args.filter((a) => !a.startsWith('--'))
const wanted = (name: string) => (only.length === 0 && name !== 'scale') || only.includes(name)
const startedAt = performance.now()

await buildSurveyClient()
if (wanted('survey-page')) await benchSurveyPage({ quick })
if (wanted('submit') || wanted('analytics')) {
  for (const { name, start } of serversOf(args.find((a) => a.startsWith('--server='))?.slice('--server='.length))) {
    if (wanted('submit')) {
      const server = await start()
      report('server', 0, { server: server.name, version: server.version })
      try {
        await benchSubmit(server, { quick })
      } finally {
        await server.stop()
      }
    }
    if (wanted('analytics')) {
      // The analytics data are generated once and kept under .data/bench/{server}: a cluster of their own.
      const kept = await startKeptServer(name)
      try {
        await benchAnalytics(kept, { quick })
      } finally {
        await kept.stop()
      }
    }
  }
}
if (wanted('scale')) await benchScale({ quick })
report('bench_seconds', (performance.now() - startedAt) / 1000, { quick })
