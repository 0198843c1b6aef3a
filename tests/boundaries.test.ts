import { readdir, readFile } from 'node:fs/promises'
import { dirname, join, normalize, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')

async function sourceFiles(dir: string): Promise<string[]> {
  // No catch: a renamed folder must fail the rules that name it, not pass them with nothing read.
  const entries = await readdir(join(root, dir), { withFileTypes: true })
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [])),
  )
  return nested.flat()
}

/** Every module a file imports, relative paths resolved against the project root. */
async function importsOf(file: string) {
  const text = await readFile(join(root, file), 'utf8')
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => {
    const spec = (m[1] ?? m[2])!
    return spec.startsWith('.') ? normalize(relative(root, join(root, dirname(file), spec))) : spec
  })
}

async function violations(dir: string, rule: (file: string, spec: string) => boolean) {
  const found: string[] = []
  const files = await sourceFiles(dir)
  expect(files.length, `source files in ${dir}`).toBeGreaterThan(0)
  for (const file of files) {
    for (const spec of await importsOf(file)) if (rule(file, spec)) found.push(`${file} imports ${spec}`)
  }
  return found
}

const isLocal = (spec: string) => !spec.includes(':') && /^(server|shared|survey-web|admin-web|tests|scripts)\//.test(spec)

describe('module boundaries (docs/architecture.md)', () => {
  it('keeps shared/ pure: zod and itself only', async () => {
    expect(await violations('shared', (_, spec) => !(spec === 'zod' || spec.startsWith('shared/')))).toEqual([])
  })

  it('keeps SQL out of routes', async () => {
    const rule = (file: string, spec: string) =>
      /\/routes\.tsx?$/.test(file) && (spec === 'postgres' || spec === 'server/db' || /queries$/.test(spec))
    expect(await violations('server', rule)).toEqual([])
  })

  it('keeps hono out of services', async () => {
    const rule = (file: string, spec: string) => /\/service\.ts$/.test(file) && spec.startsWith('hono')
    expect(await violations('server', rule)).toEqual([])
  })

  it('lets queries import only the database types and shared/', async () => {
    const rule = (file: string, spec: string) =>
      /\/queries\.ts$/.test(file) && isLocal(spec) && !(spec === 'server/db' || spec.startsWith('shared/') || /queries$/.test(spec))
    expect(await violations('server', rule)).toEqual([])
  })

  it('lets the front ends import shared/ and their own files, never the server or each other', async () => {
    const rule = (own: string) => (_: string, spec: string) => isLocal(spec) && !(spec.startsWith('shared/') || spec.startsWith(`${own}/`))
    expect(await violations('survey-web', rule('survey-web'))).toEqual([])
    expect(await violations('admin-web', rule('admin-web'))).toEqual([])
  })

  it('finds the imports it checks', async () => {
    expect(await importsOf('server/responses/routes.ts')).toContain('server/responses/service')
  })
})
