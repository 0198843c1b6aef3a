import { build as esbuild } from 'esbuild'
import { copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/**
 * The server as one file that plain Node runs (`npm start`, the systemd unit, the bench and the tests that start a
 * server process): about 50 MB less resident memory per process than loading the TypeScript sources through
 * tsx. The libraries stay in node_modules (not bundled). Its migrations are copied beside it, where
 * server/migrate.ts looks for them; dist/server/main.js sits as deep as server/<feature>/ so that the paths to the
 * built pages (../../dist/…) resolve the same. Written under another name and renamed, so that a server process
 * starting meanwhile never loads half a file.
 */
export async function buildServer() {
  const outfile = 'dist/server/main.js'
  const { outputFiles } = await esbuild({
    entryPoints: ['server/main.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  })
  await mkdir(dirname(outfile), { recursive: true })
  const suffix = `.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`
  for (const file of outputFiles) {
    await writeFile(file.path + suffix, file.contents)
    await rename(file.path + suffix, file.path)
  }
  // File by file, each renamed into place: a server starting during another build still reads whole files.
  const migrations = 'dist/server/migrations'
  await mkdir(migrations, { recursive: true })
  const sources = await readdir('server/migrations')
  for (const name of sources) {
    await copyFile(join('server/migrations', name), join(migrations, name + suffix))
    await rename(join(migrations, name + suffix), join(migrations, name))
  }
  for (const name of await readdir(migrations)) {
    if (!sources.includes(name) && !name.endsWith('.tmp')) await rm(join(migrations, name), { force: true })
  }
  return outfile
}

/** The command line that runs the built server, as `npm start` does (package.json): Node, its V8 flag, the file. */
export const serverArgs = async () => ['--max-semi-space-size=32', await buildServer()]
