import { spawn } from 'node:child_process'
import { startStockPostgres } from './stock-postgres'

/**
 * Runs a command (by default the vitest suite) against a throwaway cluster of the distribution's PostgreSQL with
 * its default settings, through DATABASE_URL, as an operator's server would be used:
 *
 *   npm run test:stock              # vitest run on Debian's postgresql-15
 *   npm run test:stock -- npx vitest run tests/server/stats.test.ts
 */
const command = process.argv.slice(2)
// The type-check proof of the contract (tests/contract.test.ts) touches no database: once, in `npm test`, is enough.
const [file, ...args] = command.length > 0 ? command : ['npx', 'vitest', 'run', '--exclude', 'tests/contract.test.ts']
const pg = await startStockPostgres()
console.log(`stock PostgreSQL: ${pg.version}`)
let code = 1
try {
  code = await new Promise<number>((resolve, reject) => {
    const child = spawn(file!, args, { stdio: 'inherit', env: { ...process.env, DATABASE_URL: pg.url } })
    child.once('error', reject)
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)))
  })
} finally {
  await pg.stop()
}
process.exit(code)
