import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './free-port'

const run = promisify(execFile)

export type StockPostgres = { url: string; version: string; stop: () => Promise<void> }

/** The newest PostgreSQL installed from the distribution's packages (`apt-get install postgresql-15`). */
export function stockPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(root, versions[0], 'bin') : undefined
}

/**
 * A throwaway cluster of the distribution's PostgreSQL with its default settings, as an operator's own server
 * would be: initdb, then pg_ctl start, nothing tuned. The only flags are where it listens. Used by the bench and
 * by CI's second test pass, so that what is fast and correct on the embedded server is shown to be so on the
 * PostgreSQL people already run.
 */
export async function startStockPostgres({ port }: { port?: number } = {}): Promise<StockPostgres> {
  const bin = stockPostgresBin()
  if (!bin) throw new Error('No PostgreSQL under /usr/lib/postgresql: apt-get install -y postgresql-15')
  const listenPort = port ?? (await freePort())
  const dir = await mkdtemp(join(tmpdir(), 'sipas-stock-pg-'))
  await chmod(dir, 0o755)
  const dataDir = join(dir, 'data')
  const password = randomBytes(12).toString('hex')
  const pwfile = join(dir, 'pw')
  await writeFile(pwfile, password, { mode: 0o644 })
  // PostgreSQL refuses to run as root: as root, run its binaries as the distribution's 'postgres' user.
  const asOwner = (file: string, args: string[]) =>
    process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', file, ...args]) : run(file, args)
  if (process.getuid?.() === 0) await run('chown', ['-R', 'postgres', dir])
  await asOwner(join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--pwfile',
    pwfile,
    '--auth=scram-sha-256',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ])
  await rm(pwfile)
  const options = `-c listen_addresses=127.0.0.1 -c port=${listenPort} -c unix_socket_directories=${dir}`
  await asOwner(join(bin, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
  const { stdout } = await run(join(bin, 'postgres'), ['--version'])
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${listenPort}/postgres`,
    version: stdout.trim(),
    stop: async () => {
      await asOwner(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']).catch(() => {})
      await rm(dir, { recursive: true, force: true })
    },
  }
}
