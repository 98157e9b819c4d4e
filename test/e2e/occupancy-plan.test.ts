/**
 * The occupancy plan against the simulator (the built CLI): 150 of an org of 160 agents is one unfiltered query
 * pair filtered here, and its CSV is byte for byte the rows of the same agents reported 100 and 50 at a time
 * (filtered by the API, as every selection of more than 100 agents was before); a small selection keeps its
 * filtered queries and its rows are the same agents' rows of the big report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type SimServer } from '../../src/sim/index.js';
import { ok, runCli } from './cli.js';
import { simEnv } from './sim-env.js';

let sim: SimServer;
let env: Record<string, string>;
let ids: string[];

beforeAll(async () => {
  sim = await startSim({ port: 0, agents: 160, seed: 11 });
  env = simEnv(sim);
  ids = sim.org.agents.map((a) => a.id);
});
afterAll(async () => {
  await sim?.close();
});

const WINDOW = ['--from', '2026-11-10', '--to', '2026-11-10', '--tz', 'UTC', '--format', 'csv', '--quiet'];

/** The report's CSV, and the API requests it sent (kind: path, and whether the body had a filter is not logged). */
async function report(agents: readonly string[]): Promise<{ csv: string; requests: string[] }> {
  const before = sim.requests().length;
  const csv = ok(await runCli(['occupancy', ...WINDOW, '--agent', agents.join(',')], { env, timeoutMs: 120_000 }));
  const requests = sim.requests().slice(before).map((e) => `${e.method} ${e.path}`).filter((p) => p.includes('/api/v2/'));
  return { csv, requests };
}

/** Data rows of several reports in the report's order: interval_start, agent_name, agent_id (sim names have no comma). */
function merged(csvs: string[]): string {
  const [header] = csvs[0]!.split('\n');
  const rows = csvs.flatMap((c) => c.split('\n').slice(1).filter(Boolean));
  const key = (row: string) => {
    const c = row.split(',');
    return [c[0]!, c[3]!, c[2]!];
  };
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return cmp(x[0]!, y[0]!) || cmp(x[1]!, y[1]!) || cmp(x[2]!, y[2]!);
  });
  return `${header}\n${rows.map((r) => `${r}\n`).join('')}`;
}

describe('occupancy plan on the simulator', () => {
  it('150 of 160 agents: 1 listing page and 1 unfiltered aggregates pair; the CSV equals the 100 + 50 reports merged', async () => {
    const big = await report(ids.slice(0, 150));
    expect(big.requests.sort()).toEqual([
      'GET /api/v2/users',
      'POST /api/v2/analytics/conversations/aggregates/query',
      'POST /api/v2/analytics/users/aggregates/query',
    ]);
    const first = await report(ids.slice(0, 100));
    const second = await report(ids.slice(100, 150));
    expect(first.requests).toHaveLength(3);
    expect(second.requests).toHaveLength(3);
    expect(big.csv.split('\n')).toHaveLength(1 + 150 * 48 + 1);
    expect(big.csv).toBe(merged([first.csv, second.csv]));
    // Someone did work that day: the comparison is not of two empty reports.
    expect(big.csv).toMatch(/,[1-9]\d*,\d/);
  }, 300_000);

  it('a small selection (5 agents): one id look-up and 2 filtered queries; its rows are those agents\' rows of the big report', async () => {
    const small = await report(ids.slice(20, 25));
    expect(small.requests).toHaveLength(3);
    expect(small.requests.filter((r) => r === 'GET /api/v2/users')).toHaveLength(1);
    const big = await report(ids.slice(0, 150));
    const chosen = new Set(ids.slice(20, 25));
    const [header, ...rows] = big.csv.split('\n');
    expect(small.csv).toBe(`${header}\n${rows.filter((r) => chosen.has(r.split(',')[2]!)).map((r) => `${r}\n`).join('')}`);
  }, 300_000);
});
