import { spawnSync } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../server/config'

describe('loadConfig', () => {
  it('has defaults for a first start on the embedded database with demo data', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      loadsDemo: true,
      isRateLimited: true,
      timeZone: 'Asia/Ho_Chi_Minh',
    })
  })

  it('loads no demo data on a given database unless DEMO=1', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).loadsDemo).toBe(false)
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', DEMO: '1' }).loadsDemo).toBe(true)
  })

  it('runs one server process unless WORKERS says how many (auto: one per core)', () => {
    expect(loadConfig({}).workers).toBe(1)
    expect(loadConfig({ WORKERS: '3' }).workers).toBe(3)
    expect(loadConfig({ WORKERS: 'auto' }).workers).toBe(availableParallelism())
    for (const bad of ['0', '-2', '1.5', 'many', '65']) expect(() => loadConfig({ WORKERS: bad }), bad).toThrow(/WORKERS:/)
  })

  it('reads analytics from DATABASE_READ_URL only beside a DATABASE_URL', () => {
    const both = loadConfig({ DATABASE_URL: 'postgres://u@primary/db', DATABASE_READ_URL: 'postgres://u@replica/db' })
    expect(both.databaseReadUrl).toBe('postgres://u@replica/db')
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://u@replica/db' })).toThrow(/DATABASE_READ_URL: needs DATABASE_URL/)
  })

  it('names a bad secret but never repeats its value', () => {
    try {
      loadConfig({ SECRET_KEY: 'hunter2-short', DATABASE_URL: 'mysql://app:S3cretPass@db/sipas' })
      expect.unreachable()
    } catch (error) {
      const message = (error as ConfigError).message
      expect(message).toContain('SECRET_KEY:')
      expect(message).toContain('DATABASE_URL:')
      expect(message).not.toContain('hunter2')
      expect(message).not.toContain('S3cretPass')
    }
  })

  it('names each bad setting', () => {
    const attempt = () => loadConfig({ PORT: 'abc', TZ: 'Mars/Olympus', RATE_LIMIT: 'maybe' })
    expect(attempt).toThrow(ConfigError)
    try {
      attempt()
    } catch (error) {
      const problems = (error as ConfigError).problems
      expect(problems).toHaveLength(3)
      expect(problems.find((p) => p.startsWith('PORT:'))).not.toContain('abc')
      expect(problems.some((p) => p.startsWith('TZ:'))).toBe(true)
      expect(problems.some((p) => p.startsWith('RATE_LIMIT:'))).toBe(true)
    }
  })

  it('makes the server exit 1 with the setting named when a value is bad', () => {
    const run = spawnSync('npx', ['tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: 'abc', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('PORT:')
  }, 70_000)
})
