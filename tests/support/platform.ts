import { spawn } from 'node:child_process'
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serverArgs } from '../../scripts/build-server'
import { freePort } from './free-port'

export type Platform = {
  url: string
  /** The app's database as its superuser (tests read and arrange data behind the app's back). */
  databaseUrl: string
  output: string
  /** The server's process id (the bench reads its memory from /proc). */
  pid: number
  /** The demo accounts' passwords, each printed once on the console at the first start. */
  demoPasswords: Record<string, string>
  stop: () => Promise<void>
}

/**
 * Starts the server as `npm start` does (embedded PostgreSQL, migrations, demo data) on a throwaway data
 * folder and the given port, and stops it (SIGTERM, then the folder is removed) when asked.
 */
export async function startPlatform({ port, env = {} }: { port: number; env?: Record<string, string> }): Promise<Platform> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sipas-platform-'))
  // As root, PostgreSQL runs as the 'postgres' user, which must be able to enter this folder.
  await chmod(dataDir, 0o755)
  const pgPort = await freePort()
  const url = `http://127.0.0.1:${port}`
  // One process (no npx wrapper in between), so SIGTERM reaches the server itself: the built server, run as
  // `npm start` runs it (built again first, so it is never older than the sources).
  const server = spawn(process.execPath, await serverArgs(), {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      ADMIN_PASSWORD: 'platform-admin-password',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const output = await new Promise<string>((resolve, reject) => {
    let text = ''
    const timer = setTimeout(() => reject(new Error(`the platform did not start:\n${text}`)), 120_000)
    server.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes('/admin')) {
        clearTimeout(timer)
        resolve(text)
      }
    })
    server.once('exit', (code) => reject(new Error(`the platform exited with ${code}:\n${text}`)))
  })
  // Embedded only: with DATABASE_URL the platform starts no PostgreSQL of its own.
  const credentials = env.DATABASE_URL
    ? undefined
    : (JSON.parse(await readFile(join(dataDir, 'postgres-credentials.json'), 'utf8')) as { superuserPassword: string })
  const demoPasswords = Object.fromEntries([...output.matchAll(/demo account:\s+(\S+) \/ (\S+)/g)].map((m) => [m[1]!, m[2]!]))
  return {
    url,
    databaseUrl: env.DATABASE_URL || `postgres://postgres:${encodeURIComponent(credentials!.superuserPassword)}@127.0.0.1:${pgPort}/sipas`,
    output,
    pid: server.pid!,
    demoPasswords,
    stop: async () => {
      const exited = new Promise((done) => server.once('exit', done))
      server.kill('SIGTERM')
      await exited
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
