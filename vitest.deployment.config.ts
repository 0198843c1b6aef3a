import { defineConfig } from 'vitest/config'

// npm run test:deployment: the multi-process, replica and nginx deployment (tests/deployment), on the
// distribution's PostgreSQL and nginx. Apart from `vitest run`, which needs neither and runs twice in CI.
export default defineConfig({
  test: {
    include: ['tests/deployment/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
})
