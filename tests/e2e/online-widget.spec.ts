import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '@playwright/test'
import { codeOfCounter, e2eDatabase, expectNoAxeViolations } from './support'

const sql = e2eDatabase()
const appOrigin = `http://127.0.0.1:${process.env.E2E_PORT ?? 3107}`
let portal: Server
let portalOrigin: string

// The provincial portal: a page of another origin (another host name and port) that embeds the one tag.
test.beforeAll(async () => {
  const code = await codeOfCounter(sql, 'Dịch vụ công trực tuyến')
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng dịch vụ công (thử)</title></head>
<body><main><h1>Hồ sơ của Ông/Bà đã có kết quả</h1>
<script src="${appOrigin}/widget.js" data-code="${code}" async></script></main></body></html>`
  portal = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html))
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve))
  portalOrigin = `http://localhost:${(portal.address() as AddressInfo).port}`
})
test.afterAll(async () => {
  await sql.end()
  await new Promise((resolve) => portal.close(resolve))
})

test('the widget on a portal page of another origin rates online, with no cookie and nothing stored on the portal', async ({
  page,
  context,
}) => {
  await page.goto(portalOrigin)
  const options = page.getByRole('group', { name: 'Ông/Bà hài lòng thế nào với dịch vụ công trực tuyến vừa sử dụng?' })
  await expect(options.getByRole('button')).toHaveCount(5)
  await expectNoAxeViolations(page)

  const posted = page.waitForRequest((r) => r.url() === `${appOrigin}/api/v1/responses` && r.method() === 'POST')
  await options.getByRole('button', { name: 'Hài lòng', exact: true }).click()
  await expect(page.getByRole('status')).toHaveText('Cảm ơn Ông/Bà đã đánh giá!')
  await expect(options).toBeHidden()
  const { submissionId } = (await posted).postDataJSON() as { submissionId: string }

  const [row] = await sql`
    select r.channel, r.is_verified, r.answers, c.name as counter_name
    from responses r join counters c on c.id = r.counter_id
    where r.submission_id = ${submissionId}
  `
  expect(row).toEqual({ channel: 'online', isVerified: false, answers: { overall: 4 }, counterName: 'Dịch vụ công trực tuyến' })
  expect(await context.cookies()).toEqual([])
  expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([0, 0, ''])
  await expect(page.getByRole('link', { name: 'Đánh giá chi tiết' })).toHaveAttribute(
    'href',
    new RegExp(`^${appOrigin.replace(/\./g, '\\.')}/q/`),
  )
})
