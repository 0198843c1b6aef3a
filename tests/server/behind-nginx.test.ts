import { serve, type ServerType } from '@hono/node-server'
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, responseWriterOptions } from '../../server/app'
import { createLogger } from '../../server/logger'
import { createResponseWriter } from '../../server/responses/writer'
import { testConfig } from '../support/app'
import { createTestDatabase, type TestDatabase } from '../support/database'
import { seedCounter, seedUser } from '../support/factories'
import { freePort } from '../support/free-port'

// The app behind a real nginx (the Debian package CI installs; missing, this test fails rather than skips).
// Clients connect to nginx from different loopback addresses (127.0.0.2, .3, …), which nginx appends to
// X-Forwarded-For; the app trusts only nginx's own address, 127.0.0.1.

const nginxBinary = '/usr/sbin/nginx'
let db: TestDatabase
let server: ServerType
let nginx: ChildProcess
let dir: string
let proxyPort: number
let counter: Awaited<ReturnType<typeof seedCounter>>
let user: Awaited<ReturnType<typeof seedUser>>
const ipLimit = 5
// A fixed clock: the per-minute window cannot roll over in the middle of a test.
const now = new Date(Date.UTC(2025, 5, 2, 3, 0, 30))

beforeAll(async () => {
  expect(existsSync(nginxBinary), `${nginxBinary} is needed (apt-get install nginx)`).toBe(true)
  db = await createTestDatabase()
  counter = await seedCounter(db.sql)
  user = await seedUser(db.sql)
  const config = testConfig({ TRUSTED_PROXIES: '127.0.0.1', IP_LIMIT_PER_MINUTE: String(ipLimit), PUBLIC_URL: 'http://localhost:3000' })
  const app = createApp({
    sql: db.sql,
    config,
    logger: createLogger('silent'),
    clock: () => now,
    writer: createResponseWriter(db.sql, responseWriterOptions(config)),
  })
  const appPort = await freePort()
  server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: appPort })
  proxyPort = await freePort()
  dir = await mkdtemp(join(tmpdir(), 'sipas-nginx-'))
  await writeFile(
    join(dir, 'nginx.conf'),
    `
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${proxyPort};
    location / {
      proxy_pass http://127.0.0.1:${appPort};
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`,
  )
  nginx = spawn(nginxBinary, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: 'ignore' })
  await waitForPort(proxyPort)
})

afterAll(async () => {
  nginx?.kill('SIGTERM')
  server?.close()
  await db?.drop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function waitForPort(port: number) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const isOpen = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end()
        done(true)
      })
      socket.on('error', () => done(false))
    })
    if (isOpen) return
    await new Promise((done) => setTimeout(done, 50))
  }
  throw new Error(`nginx did not listen on ${port}`)
}

/** A request through nginx from the given loopback address. */
function viaNginx(from: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body)
    const req = request(
      {
        host: '127.0.0.1',
        port: proxyPort,
        localAddress: from,
        method,
        path,
        headers: {
          origin: 'http://localhost:3000',
          ...(text ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } : {}),
          ...headers,
        },
      },
      (res) => {
        let data = ''
        res.on('data', (chunk) => (data += chunk))
        res.on('end', () => resolve({ status: res.statusCode!, body: data }))
      },
    )
    req.on('error', reject)
    req.end(text)
  })
}

const rate = (from: string, headers: Record<string, string> = {}) =>
  viaNginx(from, 'POST', '/api/v1/responses', { counterCode: counter.code, submissionId: randomUUID(), answers: { overall: 3 } }, headers)

describe('behind nginx with TRUSTED_PROXIES', () => {
  it('limits ratings per real client address, not per proxy', async () => {
    for (let i = 0; i < ipLimit; i++) expect((await rate('127.0.0.2')).status).toBe(201)
    expect((await rate('127.0.0.2')).status).toBe(429)
    // Another citizen behind the same proxy is not blocked.
    expect((await rate('127.0.0.3')).status).toBe(201)
  })

  it('ignores an X-Forwarded-For the client forges', async () => {
    const forged = await rate('127.0.0.2', { 'x-forwarded-for': '198.51.100.77' })
    expect(forged.status).toBe(429)
    expect((await rate('127.0.0.4', { 'x-forwarded-for': '127.0.0.2' })).status).toBe(201)
  })

  it('locks a login only for the address that failed, so a stranger cannot lock a staff account out', async () => {
    for (let i = 0; i < 5; i++)
      expect((await viaNginx('127.0.0.5', 'POST', '/api/v1/auth/login', { username: user.username, password: 'sai' })).status).toBe(401)
    expect((await viaNginx('127.0.0.5', 'POST', '/api/v1/auth/login', { username: user.username, password: user.password })).status).toBe(
      429,
    )
    expect((await viaNginx('127.0.0.6', 'POST', '/api/v1/auth/login', { username: user.username, password: user.password })).status).toBe(
      200,
    )
  })
})
