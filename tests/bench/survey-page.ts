import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Browser, chromium } from '@playwright/test'
import postgres from 'postgres'
import { startPlatform } from '../support/platform'
import { report } from './report'

// Budget conditions of docs/architecture.md: slow 3G (400 ms RTT, 400 kbit/s) and a 4× CPU throttle.
const slow3g = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 }

/**
 * Every questionnaire the demo serves (the one-tap quick rating, the 16-item SIPAS desk, …), each at a counter
 * that serves it, on a phone (360×640, device pixel ratio 2) under the budget's slow-3G and CPU conditions.
 */
export async function benchSurveyPage({ quick }: { quick: boolean }) {
  const platform = await startPlatform({ port: 3118 })
  const sql = postgres(platform.databaseUrl, { max: 1, onnotice: () => {} })
  const pages = await sql<{ survey: string; code: string }[]>`
    select distinct on (s.code) s.code as survey, cc.code
    from counter_codes cc
    join counters c on c.id = cc.counter_id and c.is_active
    join survey_assignments sa on sa.counter_id = c.id
    join survey_versions sv on sv.id = sa.survey_version_id
    join surveys s on s.id = sv.survey_id
    where cc.revoked_at is null
    order by s.code, cc.code
  `
  await sql.end()
  const browser = await chromium.launch({
    ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  // The floor of these conditions on this machine: a page of one heading from a bare HTTP server, measured alike.
  const floor = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(floorPage))
  await new Promise<void>((done) => floor.listen(0, '127.0.0.1', done))
  try {
    for (const { survey, code } of pages) await measurePage(browser, `${platform.url}/q/${code}`, survey, quick ? 1 : 3)
    const { port } = floor.address() as AddressInfo
    await measurePage(browser, `http://127.0.0.1:${port}/`, 'floor: one heading, nothing else', quick ? 3 : 5)
  } finally {
    floor.close()
    await browser.close()
    await platform.stop()
  }
}

const floorPage =
  '<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
  '<title>Đánh giá</title></head><body><h1>Đánh giá mức độ hài lòng</h1></body></html>'

async function measurePage(browser: Browser, url: string, survey: string, times: number) {
  const runs: { bytes: number; usableMs: number }[] = []
  for (let i = 0; i < times; i++) {
    const context = await browser.newContext({
      viewport: { width: 360, height: 640 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    await cdp.send('Network.emulateNetworkConditions', slow3g)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    let bytes = 0
    cdp.on('Network.loadingFinished', (event) => (bytes += event.encodedDataLength))
    await page.goto(url, { waitUntil: 'load' })
    // Usable: the faces are painted and the script that submits on one tap has run (it is inline, so it
    // has run by DOMContentLoaded). Both are measured from navigation start by the browser itself.
    const usableMs = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
          new PerformanceObserver((entries) => {
            const paint = entries.getEntriesByName('first-contentful-paint')[0]
            if (paint) resolve(Math.max(navigation.domContentLoadedEventEnd, paint.startTime))
          }).observe({ type: 'paint', buffered: true })
        }),
    )
    runs.push({ bytes, usableMs })
    await context.close()
  }
  const median = <T>(items: T[], of: (t: T) => number) => items.map(of).sort((a, b) => a - b)[Math.floor(items.length / 2)]!
  report(
    'survey_page_transferred_bytes',
    median(runs, (r) => r.bytes),
    { survey, budget: 15 * 1024, runs: runs.map((r) => r.bytes) },
  )
  report(
    'survey_page_usable_ms',
    median(runs, (r) => r.usableMs),
    { survey, budget: 1000, runs: runs.map((r) => Math.round(r.usableMs)) },
  )
}
