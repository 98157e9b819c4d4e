import pg from 'pg';

/**
 * Bounds on every PostgreSQL round trip, so a frozen server (or one behind a dead link) ends a run with exit 6
 * instead of a hang. README "Reliability / Databases" states them.
 */
export interface PgTimeouts {
  /** TCP connect + startup + authentication. */
  connectMs: number;
  /** Server side: one statement (a 5,000-row batch insert takes well under a second on a healthy server). */
  statementMs: number;
  /** Client side: no answer to a query within this long means the server is gone (longer than statementMs, so a live server's own cancel is reported first). */
  queryMs: number;
  /** Server side: waiting for a row or table lock another session holds (the sync lock itself never waits). */
  lockMs: number;
  /** TCP keepalive probes start after this much silence: a dead peer is noticed by the kernel, too. */
  keepAliveMs: number;
}

export const PG_TIMEOUTS: PgTimeouts = {
  connectMs: 15_000,
  statementMs: 120_000,
  queryMs: 150_000,
  lockMs: 10_000,
  keepAliveMs: 10_000,
};

/** pg's connection options for these bounds. */
export function timeoutConfig(t: PgTimeouts): pg.ClientConfig {
  return {
    connectionTimeoutMillis: t.connectMs,
    statement_timeout: t.statementMs,
    query_timeout: t.queryMs,
    lock_timeout: t.lockMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: t.keepAliveMs,
  };
}

const INT8 = 20;
const NUMERIC = 1700;
const toNumber = (text: string) => Number(text);

/**
 * Type parsers for this client only (not pg's global registry): a column widened to bigint or numeric by a DBA
 * still reads as a number (pg returns both as strings by default, which blanked every sum).
 */
export const NUMERIC_AS_NUMBER: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    (oid === INT8 || oid === NUMERIC) && format !== 'binary' ? toNumber : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * PostgreSQL text cannot hold U+0000 (SQLite and CSV can): a NUL in an agent or queue name from the API would fail
 * every sync for good. It is stored as U+FFFD, the replacement character.
 */
export function pgText(v: unknown): unknown {
  return typeof v === 'string' && v.includes('\0') ? v.replaceAll('\0', '\uFFFD') : v;
}
