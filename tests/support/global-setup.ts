import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { createDb } from '../../server/db'
import { credentialsFileOf, startEmbeddedPostgres } from '../../server/embedded-postgres'
import { migrate } from '../../server/migrate'
import { freePort } from './free-port'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string
    templateDatabase: string
  }
}

/** One PostgreSQL for the run (or DATABASE_URL's), and a migrated template every test file clones. */
export default async function setup(project: TestProject) {
  const dataDir = process.env.DATABASE_URL ? undefined : await mkdtemp(join(tmpdir(), 'sipas-test-'))
  const embedded = dataDir ? await startEmbeddedPostgres({ dataDir, port: await freePort() }) : undefined
  const serverUrl = process.env.DATABASE_URL ?? embedded!.url
  const templateDatabase = `sipas_template_${process.pid}`

  const server = createDb(serverUrl, { max: 1 })
  await server.unsafe(`drop database if exists ${templateDatabase}`)
  await server.unsafe(`create database ${templateDatabase}`)
  const template = createDb(databaseUrlOf(serverUrl, templateDatabase), { max: 1 })
  await migrate(template)
  await template.end()

  project.provide('databaseServerUrl', serverUrl)
  project.provide('templateDatabase', templateDatabase)
  return async () => {
    await server.unsafe(`drop database if exists ${templateDatabase}`)
    await server.end()
    await embedded?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
    if (dataDir) await rm(credentialsFileOf(dataDir), { force: true })
  }
}

export function databaseUrlOf(serverUrl: string, database: string) {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}
