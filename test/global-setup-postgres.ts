/**
 * A throw-away PostgreSQL 15 cluster for the tests that need a real server (scripts/pg-cluster.mjs), stopped and
 * deleted at the end. Outside CI a machine without the binaries skips the PostgreSQL tests with one line; under
 * CI=true it fails.
 */
import type { TestProject } from 'vitest/node';
import { postgresMissing, startPgCluster } from '../scripts/pg-cluster.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `postgresql://…?host=<socket dir>` of the test cluster, or '' when it is not available. */
    pgUrl: string;
    /** Why there is no cluster ('' when there is one). */
    pgSkip: string;
  }
}

let cluster: { stop(): void } | undefined;

export function setup(project: TestProject): void {
  const missing = postgresMissing();
  if (missing) {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL tests cannot run under CI=true: ${missing}`);
    const why = `PostgreSQL tests skipped: ${missing}`;
    process.stderr.write(`${why}\n`);
    project.provide('pgUrl', '');
    project.provide('pgSkip', why);
    return;
  }
  const started = startPgCluster({ durable: false });
  cluster = started;
  project.provide('pgUrl', started.url);
  project.provide('pgSkip', '');
}

export function teardown(): void {
  cluster?.stop();
}
