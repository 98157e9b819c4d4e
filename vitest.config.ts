import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A throw-away PostgreSQL cluster for the store and sync tests (skipped with one line where it is not installed).
    // First: temp files of the whole run under one directory, removed last (after the cluster has stopped).
    globalSetup: ['test/global-setup-tmpdir.ts', 'test/global-setup-postgres.ts'],
    // End-to-end tests spawn the built CLI and a simulator; two cores are all CI has.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two test files at a time. Vitest's default is one fewer than the cores, which on a 2-core machine runs the files
    // one by one; most of their time is waiting (on a spawned CLI, the simulator, timers, a database), not computing.
    // Files share nothing that collides: simulators bind port 0, PostgreSQL databases are named by process id.
    maxWorkers: 2,
  },
});
