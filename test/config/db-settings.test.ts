/**
 * GCX_DB and the PG* settings are resolved as every other setting is (flag > environment > .env): a `.env` that
 * holds them is honoured by sync and by `--db` reports, and PGPASSWORD from `.env` reaches the PostgreSQL driver.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/main.js';
import { resolveConfig, resolveDbConfig } from '../../src/config/resolve.js';
import { clearSecrets, redact } from '../../src/redact.js';
import { testDeps } from '../commands/support.js';

/** What the store hands pg.Client; the fake never connects. */
const clientConfigs: Array<Record<string, unknown>> = [];
vi.mock('pg', () => {
  class Client {
    constructor(config: Record<string, unknown>) {
      clientConfigs.push(config);
    }
    on() {}
    connect() {
      return Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    }
    end() {
      return Promise.resolve();
    }
  }
  return { default: { Client } };
});

afterEach(() => {
  clientConfigs.length = 0;
  clearSecrets();
});

const CREDS = { GENESYS_CLOUD_CLIENT_ID: 'id', GENESYS_CLOUD_CLIENT_SECRET: 'secret-123456' };

describe('database settings in the one resolver', () => {
  it('--db beats GCX_DB in the environment, which beats GCX_DB in .env; each PG* setting likewise', () => {
    const dotenv = { GCX_DB: 'from-dotenv.sqlite', PGPASSWORD: 'dotenv-pw', PGHOST: 'dotenv-host', PGUSER: 'dotenv-user' };
    const env = { ...CREDS, GCX_DB: 'from-env.sqlite', PGHOST: 'env-host', PGPORT: '5433' };
    const config = (flags: { db?: string }, e: Record<string, string>) => resolveConfig({ flags, env: e, dotenv, systemTimeZone: 'UTC', requireCredentials: true }).db;
    expect(config({ db: 'flag.sqlite' }, env).target).toEqual({ value: 'flag.sqlite', source: '--db' });
    expect(config({}, env).target).toEqual({ value: 'from-env.sqlite', source: 'GCX_DB' });
    expect(config({}, CREDS).target).toEqual({ value: 'from-dotenv.sqlite', source: 'GCX_DB (.env)' });
    expect(config({}, env).pg).toEqual({ PGHOST: 'env-host', PGPORT: '5433', PGUSER: 'dotenv-user', PGPASSWORD: 'dotenv-pw' });
    expect(resolveDbConfig(undefined, {}, {})).toEqual({ pg: {} });
  });

  it('registers PGPASSWORD from .env as a secret at once', () => {
    resolveDbConfig(undefined, {}, { PGPASSWORD: 'dotenv-password-42' });
    expect(redact('password dotenv-password-42 rejected')).toBe('password [REDACTED] rejected');
  });

  it('sync reads GCX_DB from .env (a bad one is exit 2 naming it, before any request)', async () => {
    const t = testDeps('2026-11-21T12:00:00Z');
    writeFileSync(join(t.deps.cwd, '.env'), 'GCX_DB=mysql://db.example/gcx\n');
    expect(await run(['sync'], t.deps)).toBe(2);
    expect(t.stderr()).toBe('gcx-metrics: GCX_DB (.env): "mysql://" databases are not supported; use sqlite:<path>, a file path, or postgres://user@host/db (postgresql:// too)\n');
  });

  it('a --db report hands PGPASSWORD (and PGUSER) from .env to the PostgreSQL driver', async () => {
    const t = testDeps('2026-11-21T12:00:00Z');
    writeFileSync(join(t.deps.cwd, '.env'), 'PGPASSWORD=dotenv-secret-pw\nPGUSER=reporter\n');
    const code = await run(['occupancy', '--db', 'postgres://127.0.0.1/gcx', '--since', '1d', '--interval', '1d', '--format', 'csv'], t.deps);
    expect(clientConfigs).toHaveLength(1);
    expect(clientConfigs[0]).toMatchObject({ connectionString: 'postgres://127.0.0.1/gcx', password: 'dotenv-secret-pw', user: 'reporter' });
    expect(code).toBe(6);
    expect(t.stderr()).not.toContain('dotenv-secret-pw');
  });
});
