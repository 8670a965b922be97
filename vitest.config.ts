import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Stops the private PostgreSQL clusters the database tests start (tests/support/postgres.ts).
    globalSetup: ['tests/support/postgresTeardown.ts'],
    // The core never reads the process time zone; running the suite in UTC proves it.
    env: { TZ: 'UTC' },
  },
});
