import { spawn } from 'node:child_process'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../support/free-port'

export const e2ePort = 3107

/**
 * Starts the platform as `npm start` does (server/main.ts: embedded PostgreSQL, migrations, demo data), on a
 * throwaway data folder, and stops it after the run. Tests read the database URL from E2E_DATABASE_URL.
 */
export default async function globalSetup() {
  const dataDir = await mkdtemp(join(tmpdir(), 'sipas-e2e-'))
  // As root, PostgreSQL runs as the 'postgres' user, which must be able to enter this folder.
  await chmod(dataDir, 0o755)
  const pgPort = await freePort()
  const env = {
    ...process.env,
    PORT: String(e2ePort),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${e2ePort}`,
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    ADMIN_PASSWORD: 'e2e-admin-password',
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
  }
  // One process (no npx or tsx wrapper in between), so SIGTERM reaches the server itself.
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] })
  const output = await new Promise<string>((resolve, reject) => {
    let text = ''
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${text}`)), 90_000)
    server.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes('/admin')) {
        clearTimeout(timer)
        resolve(text)
      }
    })
    server.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${text}`)))
  })
  process.env.E2E_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${pgPort}/sipas`
  process.env.E2E_DEMO_SURVEY_PATH = output.match(/\/q\/[A-Za-z0-9_-]+/)![0]
  await writeFile(join(dataDir, 'started'), output)

  return async () => {
    const exited = new Promise((done) => server.once('exit', done))
    server.kill('SIGTERM')
    await exited
    await rm(dataDir, { recursive: true, force: true })
  }
}
