import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// The promise of shared/*-contract.ts: a field renamed in one place fails the type check wherever it is made
// or read. Proven on the real project: the type checker runs over every file of tsconfig.json with two
// contract files edited in memory, and must report errors in the server, in admin-web and in the tests.

const root = join(import.meta.dirname, '..')

/** Each edit renames one field of one answer; `old` and `renamed` are looked for in the diagnostics. */
const renames = [
  {
    file: 'shared/stats-contract.ts',
    from: '  rate: z.number().nullable(),\n  ci95:',
    to: '  satisfactionRate: z.number().nullable(),\n  ci95:',
    old: 'rate',
    renamed: 'satisfactionRate',
  },
  {
    file: 'shared/admin-contract.ts',
    from: '  surveyUrl: z.string(),\n})',
    to: '  qrUrl: z.string(),\n})',
    old: 'surveyUrl',
    renamed: 'qrUrl',
  },
]

function diagnosticsWith(edits: typeof renames) {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  )
  if (!config) throw new Error('tsconfig.json not read')
  const host = ts.createCompilerHost(config.options)
  const readFile = host.readFile.bind(host)
  const edited = new Map<string, string>()
  for (const edit of edits) {
    const path = join(root, edit.file)
    const text = edited.get(path) ?? readFile(path) ?? ''
    // The edit must apply: a contract reworded so that `from` is gone would make this test prove nothing.
    expect(text.split(edit.from), `${edit.file} contains the field to rename`).toHaveLength(2)
    edited.set(path, text.replace(edit.from, edit.to))
  }
  host.readFile = (path) => edited.get(path) ?? readFile(path)
  const program = ts.createProgram({ rootNames: config.fileNames, options: { ...config.options, noEmit: true }, host })
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    file: d.file ? d.file.fileName.slice(root.length + 1) : '',
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }))
}

describe('one contract for server, admin app and tests', () => {
  it('fails the type check on every side when an answer field is renamed in shared/', { timeout: 240_000 }, () => {
    const diagnostics = diagnosticsWith(renames)
    for (const { old, renamed } of renames) {
      const about = diagnostics.filter((d) => d.message.includes(`'${old}'`) || d.message.includes(`'${renamed}'`))
      const sides = new Set(about.map((d) => d.file.split('/')[0]))
      expect([...sides].sort(), `files failing after renaming ${old}: ${about.map((d) => d.file).join(', ')}`).toEqual(
        expect.arrayContaining(['admin-web', 'server', 'tests']),
      )
    }
  })
})
