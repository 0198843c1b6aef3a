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

/** A feature's folder under server/ (`server/units/scope` → `units`); undefined for server/*.ts itself. */
const featureOf = (path: string) => /^server\/([^/]+)\//.exec(path)?.[1]

/** The import graph of a folder: each module (path without extension) → the local modules it imports. */
async function importGraph(dir: string) {
  const graph = new Map<string, string[]>()
  for (const file of await sourceFiles(dir)) {
    graph.set(
      file.replace(/\.tsx?$/, ''),
      (await importsOf(file)).filter((spec) => spec.startsWith(`${dir}/`)),
    )
  }
  return graph
}

/** Import cycles (Tarjan's strongly connected components of more than one module, or a module importing itself), each as `a → b → … → a`. */
function cyclesOf(graph: Map<string, string[]>) {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[] = []
  const visit = (v: string) => {
    index.set(v, next)
    low.set(v, next)
    next += 1
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) !== index.get(v)) return
    const component: string[] = []
    let w: string
    do {
      w = stack.pop()!
      onStack.delete(w)
      component.push(w)
    } while (w !== v)
    if (component.length > 1 || graph.get(v)!.includes(v)) cycles.push(pathWithin(graph, new Set(component)))
  }
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v)
  return cycles
}

/** The shortest cycle through the first module of a strongly connected component, for a readable failure. */
function pathWithin(graph: Map<string, string[]>, component: Set<string>) {
  const start = [...component].sort()[0]!
  const cameFrom = new Map<string, string>()
  const queue = [start]
  for (const at of queue) {
    for (const next of graph.get(at)!) {
      if (next === start) {
        const path = [at]
        while (path[0] !== start) path.unshift(cameFrom.get(path[0]!)!)
        return [...path, start].join(' → ')
      }
      if (component.has(next) && !cameFrom.has(next)) {
        cameFrom.set(next, at)
        queue.push(next)
      }
    }
  }
  return start
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

  it('has no import cycle in server/, type-only imports included', async () => {
    expect(cyclesOf(await importGraph('server'))).toEqual([])
  })

  it('finds a planted cycle and names its modules', () => {
    const graph = new Map([
      ['server/a/service', ['server/b/service']],
      ['server/b/service', ['server/c/scope', 'server/db']],
      ['server/c/scope', ['server/a/service']],
      ['server/d/service', ['server/a/service']],
    ])
    expect(cyclesOf(graph)).toEqual(['server/a/service → server/b/service → server/c/scope → server/a/service'])
  })

  it('keeps deps.ts free of features: it imports only config, db and logger', async () => {
    expect(await importsOf('server/deps.ts')).toEqual(['server/config', 'server/db', 'server/logger'])
  })

  it('lets services reach another feature only through its service (or the scope rules of units and stats)', async () => {
    // A feature's service.ts is its public face; units/scope and stats/scope are the access rules every
    // feature applies. Their queries and other files stay private to the feature.
    const isPublicFace = (spec: string) =>
      /^server\/[^/]+\/service$/.test(spec) || spec === 'server/units/scope' || spec === 'server/stats/scope'
    const sharedInfrastructure = ['server/db', 'server/deps', 'server/errors', 'server/config', 'server/logger', 'server/served-cache']
    const rule = (file: string, spec: string) =>
      /\/service\.ts$/.test(file) &&
      spec.startsWith('server/') &&
      featureOf(spec) !== featureOf(file) &&
      !isPublicFace(spec) &&
      !sharedInfrastructure.includes(spec)
    expect(await violations('server', rule)).toEqual([])
  })

  it('keeps routes out of other routes and services out of routes', async () => {
    const rule = (file: string, spec: string) => /(^|\/|-)routes$/.test(spec) && !(file === 'server/app.ts')
    expect(await violations('server', rule)).toEqual([])
  })

  it('keeps the citizen hot path apart from admin features', async () => {
    // Serving a code and storing a rating may use the session check (staff never rate), an API key's holder,
    // the unit scope rules and each other; never the admin CRUD or the analytics.
    const hotPath = ['citizen', 'responses', 'invitations', 'serving']
    const allowed = [...hotPath, 'accounts', 'api-keys', 'units']
    const rule = (file: string, spec: string) => {
      const from = featureOf(file)
      const to = featureOf(spec)
      return from !== undefined && hotPath.includes(from) && to !== undefined && !allowed.includes(to)
    }
    const found = (await Promise.all(hotPath.map((dir) => violations(`server/${dir}`, rule)))).flat()
    expect(found).toEqual([])
  })

  it('finds the imports it checks', async () => {
    expect(await importsOf('server/responses/routes.ts')).toContain('server/responses/service')
  })
})
