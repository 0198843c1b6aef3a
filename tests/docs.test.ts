import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { createApp } from '../server/app'
import { testConfig } from './support/app'

const root = join(import.meta.dirname, '..')

/** `METHOD /path` of every route the app answers; middleware (method ALL) is not a route. */
function routesOfApp() {
  // Never connected: building the app opens no connection, and listing its routes sends no query.
  const sql = postgres('postgres://unused@127.0.0.1:1/unused')
  const app = createApp({ sql, config: testConfig({ RATE_LIMIT: 'off' }) })
  return [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort()
}

/** The headings of docs/api.md that name a route: ### `GET /api/v1/stats`. */
async function routesOfDocs() {
  const text = await readFile(join(root, 'docs/api.md'), 'utf8')
  return [...text.matchAll(/^### `([A-Z]+) (\/[^`]*)`$/gm)].map((m) => `${m[1]} ${m[2]}`).sort()
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true })
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(tsx?|sql|css|html)$/.test(e.name) ? [join(dir, e.name)] : [],
    ),
  )
  return nested.flat()
}

describe('docs/', () => {
  it('documents every route the app answers in docs/api.md', async () => {
    const inApp = routesOfApp()
    const inDocs = await routesOfDocs()
    expect(inApp).toContain('POST /api/v1/responses')
    expect(inApp.filter((route) => !inDocs.includes(route))).toEqual([])
  })

  it('documents no route the app does not answer', async () => {
    const inApp = routesOfApp()
    const inDocs = await routesOfDocs()
    expect(inDocs).toContain('GET /api/v1/stats')
    expect(inDocs.filter((route) => !inApp.includes(route))).toEqual([])
  })

  it('cites only docs inside the repository, never the handbook outside it', async () => {
    const files = [
      ...(await Promise.all(['server', 'shared', 'survey-web', 'admin-web', 'tests', 'scripts'].map(sourceFiles))).flat(),
      'README.md',
    ]
    const outside = /\b(DOMAIN|DESIGN|STYLE)\.md\b|\.\.\/shared\/[A-Z]/
    const found: string[] = []
    for (const file of files) {
      const lines = (await readFile(join(root, file), 'utf8')).split('\n')
      lines.forEach((line, i) => {
        if (outside.test(line) && file !== 'tests/docs.test.ts') found.push(`${file}:${i + 1}`)
      })
    }
    expect(found).toEqual([])
  })
})
