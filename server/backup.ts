import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'

/** PostgreSQL 15's client tools as Debian installs them; PG_BIN names another folder. */
export const postgresBinDir = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'

const backupName = /^sipas-\d{8}-\d{6}\.dump$/

export type BackupOptions = {
  /** postgres:// URL of the database to dump. */
  url: string
  /** Folder of the backups (.data/backups). */
  dir: string
  /** How many backups to keep, newest first; older ones are deleted after a successful dump. */
  keep: number
  now?: Date
}

/**
 * One consistent dump (pg_dump reads the whole database in one snapshot, while the app keeps running) in
 * pg_dump's custom format, written under a temporary name and renamed when complete, so a failed or
 * interrupted run never leaves a file that looks like a backup. Answers the new file's path.
 */
export async function backupDatabase({ url, dir, keep, now = new Date() }: BackupOptions): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  const file = join(dir, `sipas-${stamp}.dump`)
  const partial = `${file}.partial`
  try {
    await run(join(postgresBinDir, 'pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${url}`])
    await chmod(partial, 0o600)
    await rename(partial, file)
  } finally {
    if (existsSync(partial)) await rm(partial, { force: true })
  }
  const backups = (await readdir(dir))
    .filter((name) => backupName.test(name))
    .sort()
    .reverse()
  for (const old of backups.slice(keep)) await rm(join(dir, old), { force: true })
  return file
}

/** Restores a backup into an empty database (see README: Backups). */
export async function restoreBackup(file: string, url: string) {
  await run(join(postgresBinDir, 'pg_restore'), ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${url}`, file])
}

function run(command: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('exit', (code) => {
      // The URL (with its password) is never part of the message; pg_dump's own errors name the database only.
      if (code === 0) resolve()
      else
        reject(
          new Error(`${command.split('/').pop()} failed (exit ${code}): ${stderr.trim().replaceAll(/postgres(ql)?:\/\/\S+/g, '<url>')}`),
        )
    })
  })
}
