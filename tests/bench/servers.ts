import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { startEmbeddedPostgres } from '../../server/embedded-postgres'
import { databaseUrlOf } from '../support/global-setup'
import { freePort } from '../support/free-port'
import { type StockPostgres, startStockPostgres } from '../support/stock-postgres'

/**
 * The PostgreSQL servers every figure is measured on, side by side in one run: the embedded one `npm start`
 * brings, and the distribution's own (Debian's postgresql-15) with its default settings, as an operator who sets
 * DATABASE_URL has it. Each hands out fresh databases, so that every measurement starts from an empty one.
 */
export type BenchServer = {
  name: 'embedded' | 'stock'
  /** Environment for `startPlatform`: empty for embedded (the platform starts its own), DATABASE_URL for stock. */
  platformEnv: () => Promise<Record<string, string>>
  /** A fresh empty database on this kind of server, for benches that drive the database directly. */
  database: () => Promise<{ url: string; drop: () => Promise<void> }>
  version: string
  stop: () => Promise<void>
}

export async function embeddedServer(): Promise<BenchServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sipas-bench-'))
  await chmod(dataDir, 0o755)
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort() })
  const server = await fresh(pg.url)
  return {
    name: 'embedded',
    version: server.version,
    platformEnv: async () => ({}),
    database: server.database,
    stop: async () => {
      await server.end()
      await pg.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export async function stockServer(): Promise<BenchServer> {
  const pg: StockPostgres = await startStockPostgres()
  const server = await fresh(pg.url)
  return {
    name: 'stock',
    version: pg.version,
    platformEnv: async () => ({ DATABASE_URL: (await server.database()).url, DEMO: '1' }),
    database: server.database,
    stop: async () => {
      await server.end()
      await pg.stop()
    },
  }
}

async function fresh(serverUrl: string) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  const [{ version }] = await admin<[{ version: string }]>`select version()`
  let count = 0
  return {
    version,
    end: () => admin.end(),
    database: async () => {
      const name = `bench_${process.pid}_${++count}`
      await admin.unsafe(`create database ${name}`)
      return {
        url: databaseUrlOf(serverUrl, name),
        drop: () => admin.unsafe(`drop database if exists ${name} with (force)`).then(() => {}),
      }
    },
  }
}

export function serversOf(argument: string | undefined): Array<{ name: BenchServer['name']; start: () => Promise<BenchServer> }> {
  const all = [
    { name: 'embedded' as const, start: embeddedServer },
    { name: 'stock' as const, start: stockServer },
  ]
  return all.filter((server) => argument === undefined || argument === server.name)
}
