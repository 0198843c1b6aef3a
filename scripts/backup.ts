// npm run backup: a consistent dump of the app's database into DATA_DIR/backups, keeping the newest
// BACKUP_KEEP (14 by default). Uses DATABASE_URL, or the embedded database (started for the dump when the
// app is not running). Restore: see README, "Backups".
import { join } from 'node:path'
import { backupDatabase } from '../server/backup'
import { ConfigError, loadConfig } from '../server/config'
import { embeddedDatabaseUrl } from '../server/embedded-postgres'

let config: ReturnType<typeof loadConfig>
try {
  config = loadConfig(process.env)
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  console.error(error.message)
  process.exit(1)
}
const keep = Number(process.env.BACKUP_KEEP ?? 14)
if (!Number.isInteger(keep) || keep < 1) {
  console.error('BACKUP_KEEP: must be a whole number of at least 1')
  process.exit(1)
}

const embedded = config.databaseUrl ? undefined : await embeddedDatabaseUrl(join(config.dataDir, 'postgres'), config.embeddedPgPort)
const url = config.databaseUrl ?? embedded!.url
try {
  const file = await backupDatabase({ url, dir: join(config.dataDir, 'backups'), keep })
  console.log(`Sao lưu xong / backup written: ${file}`)
} catch (error) {
  console.error((error as Error).message)
  process.exitCode = 1
} finally {
  await embedded?.stop()
}
