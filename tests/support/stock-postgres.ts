import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { appendFile, chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './free-port'

const run = promisify(execFile)

export type StockPostgres = {
  url: string
  version: string
  stop: () => Promise<void>
  /** Where it listens and how to reach it as the superuser (for a standby's base backup). */
  port: number
  password: string
  /** Its data folder (postmaster.pid names the server's process). */
  dataDir: string
  /** Runs one of its binaries (pg_ctl, pg_basebackup, …) as the cluster's owner. */
  runBinary: (name: string, args: string[], env?: Record<string, string>) => Promise<{ stdout: string }>
}

// PostgreSQL refuses to run as root: as root, run its binaries as the distribution's 'postgres' user.
const asOwner = (file: string, args: string[], env: Record<string, string> = {}) => {
  const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`)
  return process.getuid?.() === 0
    ? run('runuser', ['-u', 'postgres', '--', 'env', ...vars, file, ...args])
    : run('env', [...vars, file, ...args])
}

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
export async function startStockPostgres({
  port,
  include,
  keepIn,
}: {
  port?: number
  include?: string
  /** A folder the cluster lives in and stays in after stop (the bench's generated data); made on first use. */
  keepIn?: string
} = {}): Promise<StockPostgres> {
  const bin = stockPostgresBin()
  if (!bin) throw new Error('No PostgreSQL under /usr/lib/postgresql: apt-get install -y postgresql-15')
  const listenPort = port ?? (await freePort())
  const dir = keepIn ? resolve(keepIn) : await mkdtemp(join(tmpdir(), 'sipas-stock-pg-'))
  await mkdir(dir, { recursive: true })
  await chmod(dir, 0o755)
  const dataDir = join(dir, 'data')
  const kept = join(dir, 'password')
  const isKept = keepIn !== undefined && existsSync(join(dataDir, 'PG_VERSION')) && existsSync(kept)
  const password = isKept ? (await readFile(kept, 'utf8')).trim() : randomBytes(12).toString('hex')
  if (!isKept) {
    await rm(dataDir, { recursive: true, force: true })
    const pwfile = join(dir, 'pw')
    await writeFile(pwfile, password, { mode: 0o644 })
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
    if (keepIn) await writeFile(kept, password, { mode: 0o600 })
  }
  // A settings file of deploy/postgresql, when given, as an operator includes it from conf.d.
  if (include && !isKept) await includeSettings(dataDir, include)
  const options = `-c listen_addresses=127.0.0.1 -c port=${listenPort} -c unix_socket_directories=${dir}`
  await asOwner(join(bin, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
  const { stdout } = await run(join(bin, 'postgres'), ['--version'])
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${listenPort}/postgres`,
    version: stdout.trim(),
    port: listenPort,
    password,
    dataDir,
    runBinary: (name, args, env) => asOwner(join(bin, name), args, env),
    stop: async () => {
      await asOwner(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']).catch(() => {})
      if (!keepIn) await rm(dir, { recursive: true, force: true })
    },
  }
}

/**
 * A streaming replica of `primary`, as an operator makes one: pg_basebackup -R (which writes primary_conninfo
 * and standby.signal) from the primary's replication connection, `include` added to its settings, then
 * started read-only on a port of its own. initdb's pg_hba already lets 127.0.0.1 connect for replication.
 */
export async function startStandby(primary: StockPostgres, { include }: { include?: string } = {}): Promise<StockPostgres> {
  const bin = stockPostgresBin()!
  const listenPort = await freePort()
  const dir = await mkdtemp(join(tmpdir(), 'sipas-standby-pg-'))
  await chmod(dir, 0o755)
  if (process.getuid?.() === 0) await run('chown', ['-R', 'postgres', dir])
  const dataDir = join(dir, 'data')
  await asOwner(
    join(bin, 'pg_basebackup'),
    ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', dataDir, '-R', '-X', 'stream', '-c', 'fast'],
    { PGPASSWORD: primary.password },
  )
  if (include) await includeSettings(dataDir, include)
  const options = `-c listen_addresses=127.0.0.1 -c port=${listenPort} -c unix_socket_directories=${dir}`
  await asOwner(join(bin, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
  return {
    url: `postgres://postgres:${primary.password}@127.0.0.1:${listenPort}/postgres`,
    version: primary.version,
    port: listenPort,
    password: primary.password,
    dataDir,
    runBinary: (name, args, env) => asOwner(join(bin, name), args, env),
    stop: async () => {
      await asOwner(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']).catch(() => {})
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Copies a settings file beside postgresql.conf (readable by the cluster's owner) and includes it there. */
async function includeSettings(dataDir: string, file: string) {
  const name = basename(file)
  await copyFile(file, join(dataDir, name))
  await chmod(join(dataDir, name), 0o644)
  await appendFile(join(dataDir, 'postgresql.conf'), `\ninclude '${name}'\n`)
}
