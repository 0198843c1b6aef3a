import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './free-port'

export const nginxBinary = '/usr/sbin/nginx'
const root = resolve(import.meta.dirname, '../..')
const execFileAsync = promisify(execFile)

export type SiteNginx = { httpsPort: number; httpPort: number; pid: number; stop: () => Promise<void> }

/**
 * The real nginx running deploy/nginx/sipas.conf itself, in front of the server on `appPort`: its listen ports,
 * a throwaway self-signed certificate for sipas.test and the checkout path are the only changes (each replaced
 * text must still be in the file, so the file and its users cannot drift apart). `withoutCitizenLimit` drops
 * the per-address limit on submissions, for a load generator that sends everything from one address.
 */
export async function startSiteNginx({
  appPort,
  withoutCitizenLimit = false,
}: {
  appPort: number
  withoutCitizenLimit?: boolean
}): Promise<SiteNginx> {
  if (!existsSync(nginxBinary)) throw new Error(`${nginxBinary} is needed (apt-get install nginx)`)
  const dir = await mkdtemp(join(tmpdir(), 'sipas-nginx-'))
  const httpsPort = await freePort()
  const httpPort = await freePort()
  await execFileAsync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=sipas.test',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
  ])
  let site = await readFile(join(root, 'deploy/nginx/sipas.conf'), 'utf8')
  const replacements: [string, string][] = [
    ['listen 80;', `listen 127.0.0.1:${httpPort};`],
    ['listen [::]:80;', ''],
    ['listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`],
    ['listen [::]:443 ssl http2;', ''],
    ['server 127.0.0.1:3000;', `server 127.0.0.1:${appPort};`],
    ['/etc/letsencrypt/live/khaosat.example.gov.vn/fullchain.pem', join(dir, 'cert.pem')],
    ['/etc/letsencrypt/live/khaosat.example.gov.vn/privkey.pem', join(dir, 'key.pem')],
    ['/opt/sipas/', `${root}/`],
    ...(withoutCitizenLimit ? ([['limit_req zone=sipas_citizen burst=60 nodelay;', '']] as [string, string][]) : []),
  ]
  for (const [from, to] of replacements) {
    if (!site.includes(from)) throw new Error(`deploy/nginx/sipas.conf no longer holds "${from}"`)
    site = site.replaceAll(from, to)
  }
  await writeFile(join(dir, 'sipas.conf'), site)
  await writeFile(
    join(dir, 'nginx.conf'),
    `
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/sipas.conf;
}
`,
  )
  const nginx: ChildProcess = spawn(nginxBinary, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
    stdio: 'ignore',
  })
  await waitForPort(httpsPort, () => readFile(join(dir, 'error.log'), 'utf8').catch(() => ''))
  return {
    httpsPort,
    httpPort,
    pid: nginx.pid!,
    stop: async () => {
      if (nginx.exitCode === null) {
        const exited = new Promise((done) => nginx.once('exit', done))
        nginx.kill('SIGTERM')
        await exited
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}

async function waitForPort(port: number, log: () => Promise<string>) {
  for (let attempt = 0; attempt < 400; attempt++) {
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
  throw new Error(`nginx did not listen on ${port}:\n${await log()}`)
}
