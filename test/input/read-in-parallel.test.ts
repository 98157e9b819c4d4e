import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachInputObservation, type ParallelRead } from '../../src/input/for-each-observation.js';
import { lineAlignedCuts } from '../../src/input/read-in-parallel.js';
import type { MetricObservation } from '../../src/records/metric-observation.js';
import { AGENT_METRICS } from '../../src/metrics/occupancy-from-details.js';
import { SERVICE_LEVEL_RECORD_METRICS } from '../../src/metrics/service-level-from-details.js';
import { createOrg, iterateConversations } from '../../src/sim/index.js';

/**
 * The worker-thread read of a big NDJSON file against the single-threaded read of the same file: the same
 * observations in the same order (Object.is on every field), the same counts and warnings, the same error with
 * the same line. Ranges are made tiny (a few kB: most records straddle a nominal range boundary) so every file
 * here is cut many times. The worker is the bundled one (npm test builds dist/ first).
 */

const WORKER = new URL('../../dist/input-worker.js', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'gcx-parallel-'));
const WANTED = new Set([...SERVICE_LEVEL_RECORD_METRICS, ...AGENT_METRICS]);
const io = { stdin: Readable.from([]), signal: new AbortController().signal };

type Outcome =
  | { observations: MetricObservation[]; records: number; duplicates: number; warnings: string[]; parallelBytes: number }
  | { error: string };

async function read(path: string, parallel: ParallelRead | false): Promise<Outcome> {
  const observations: MetricObservation[] = [];
  const warnings: string[] = [];
  try {
    const s = await forEachInputObservation(path, io, WANTED, (o) => observations.push(o), { warn: (m) => warnings.push(m), parallel });
    return { observations, records: s.records, duplicates: s.duplicates, warnings, parallelBytes: s.parallelBytes };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Reads `path` both ways; fails on any difference; returns the parallel outcome. */
async function sameBothWays(path: string, rangeBytes = 4096, workerUrl = WORKER): Promise<Outcome> {
  const single = await read(path, false);
  const parallel = await read(path, { workerUrl, workers: 2, rangeBytes, minBytes: 0 });
  if ('error' in single || 'error' in parallel) {
    expect(parallel).toEqual(single);
    return parallel;
  }
  expect({ ...parallel, observations: parallel.observations.length, parallelBytes: 0 }).toEqual({ ...single, observations: single.observations.length, parallelBytes: 0 });
  parallel.observations.forEach((o, i) => {
    const s = single.observations[i]!;
    const same = Object.keys(s).length === Object.keys(o).length && (Object.keys(s) as (keyof MetricObservation)[]).every((k) => Object.is(o[k], s[k]));
    if (!same) expect(o, `observation ${i}`).toEqual(s);
  });
  return parallel;
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function simRecords(): string[] {
  const org = createOrg({ seed: 5, agents: 12, queues: 3 });
  const day = Date.UTC(2026, 10, 20);
  return [...iterateConversations(org, day, day + 86_400_000)].map((c) => JSON.stringify(c));
}

beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error('dist/input-worker.js is missing: run npm run build first (npm test does)');
});

describe('--input read by worker threads gives what one thread gives', { timeout: 120_000 }, () => {
  it("on the simulator's records, with duplicates near and far across range boundaries (first copy wins)", async () => {
    const lines = simRecords();
    expect(lines.length).toBeGreaterThan(100);
    // Each 7th record comes again 1 to 40 records later: in the same range, the next, or many ranges on.
    const withCopies = lines.flatMap((l, i) => (i % 7 === 0 ? [l] : [l, ...(i % 3 === 0 ? [lines[Math.max(0, i - 1 - (i % 40))]!] : [])]));
    const path = file('sim.ndjson', `${withCopies.join('\n')}\n`);
    const out = await sameBothWays(path);
    expect('error' in out).toBe(false);
    if ('error' in out) return;
    expect(out.duplicates).toBeGreaterThan(10);
    // Every byte went through the workers: none of it fell back to this thread.
    expect(out.parallelBytes).toBe(readFileSync(path).length);
  });

  it('when records cross every nominal cut (a record longer than a range), and without a final line end', async () => {
    const lines = simRecords().slice(0, 60);
    const path = file('long.ndjson', lines.join('\n'));
    for (const rangeBytes of [100, 1500, 3000, 20_000]) {
      const out = await sameBothWays(path, rangeBytes);
      expect(out).toMatchObject({ records: 60, parallelBytes: readFileSync(path).length });
    }
  });

  it('on records the scanner leaves to JSON.parse, pages, non-UUID and upper-case ids, CRLF, blank lines, a byte-order mark', async () => {
    const lines = simRecords().slice(0, 80);
    const variants = lines.map((l, i) => {
      if (i % 9 === 1) return l.replace('"participants"', '"partic\\u0069pants"'); // an escaped key: JSON.parse
      if (i % 9 === 2) return JSON.stringify({ conversations: [JSON.parse(l)], cursor: 'c' }); // a job-results page
      if (i % 9 === 3) return l.replace(/"conversationId":"[^"]*"/, `"conversationId":"conv-${i % 4}"`); // not UUIDs, repeated
      if (i % 9 === 4) return l.replace(/"conversationId":"([^"]*)"/, (_, id: string) => `"conversationId":"${id.toUpperCase()}"`);
      if (i % 9 === 5) return lines[i - 5]!; // a copy, perhaps in another range
      return l;
    });
    const path = file('mixed.ndjson', `\uFEFF\r\n${variants.join('\r\n')}\r\n\n`);
    const out = await sameBothWays(path);
    expect(out).toMatchObject({ parallelBytes: readFileSync(path).length });
  });

  it('on every JSON file in test/fixtures (pretty-printed: this thread reads what the workers cannot)', async () => {
    const fixtures = new URL('../fixtures/genesys/', import.meta.url);
    for (const name of readdirSync(fixtures).filter((f) => f.startsWith('conversation-details-'))) {
      await sameBothWays(file(name, readFileSync(new URL(name, fixtures))), 256);
    }
    // And a pretty-printed array of the simulator's records: cut inside records, it is read by this thread.
    const pretty = file('pretty.json', JSON.stringify(simRecords().slice(0, 40).map((l) => JSON.parse(l)), null, 2));
    const out = await sameBothWays(pretty, 2048);
    expect(out).toMatchObject({ records: 40, parallelBytes: 0 });
  });
});

describe('--input errors are the same, with the same line, when workers read the file', { timeout: 120_000 }, () => {
  const lines = simRecords().slice(0, 80);
  const negative = (l: string) => l.replace(/("name":"nOffered","value":)(\d+)/, '$1-$2');
  const offered = lines.flatMap((l, i) => (negative(l) !== l ? [i] : []));

  it('a negative value in a late range, and the same record again', async () => {
    const late = offered.find((i) => i > 60)!;
    const bad = lines.map((l, i) => (i === late ? negative(l) : l));
    const out = await sameBothWays(file('negative.ndjson', `${bad.join('\n')}\n`));
    expect(out).toEqual({ error: expect.stringMatching(new RegExp(`negative\\.ndjson line ${late + 1}: metric nOffered has a negative value`)) });
    // A copy of a conversation already counted is skipped before it is checked, on either path.
    const copy = [...lines.slice(0, 70), negative(lines[offered[0]!]!), ...lines.slice(70)];
    const skipped = await sameBothWays(file('negative-copy.ndjson', `${copy.join('\n')}\n`));
    expect(skipped).toMatchObject({ records: 80, duplicates: 1 });
  });

  it('invalid JSON, a record cut short, an empty file of spaces', async () => {
    const broken = lines.map((l, i) => (i === 57 ? l.slice(0, 300) : l));
    expect(await sameBothWays(file('cut.ndjson', `${broken.join('\n')}\n`))).toEqual({ error: expect.stringMatching(/cut\.ndjson line 58 is not valid JSON/) });
    expect(await sameBothWays(file('junk.ndjson', `${lines.join('\n')}\nhello\n`))).toEqual({ error: expect.stringMatching(/junk\.ndjson line 81 is not valid JSON/) });
    expect(await sameBothWays(file('spaces.ndjson', ' \n'.repeat(20_000)))).toEqual({ error: expect.stringMatching(/spaces\.ndjson is empty/) });
  });

  it('a worker that cannot start leaves the whole file to this thread', async () => {
    const broken = new URL(`file://${file('broken-worker.mjs', 'throw new Error("no worker today");')}`);
    const out = await sameBothWays(file('plain.ndjson', `${lines.join('\n')}\n`), 4096, broken);
    expect(out).toMatchObject({ records: 80, parallelBytes: 0 });
  });
});

describe('lineAlignedCuts', () => {
  it('cuts just after line ends, about a range apart, from 0 to the size', async () => {
    const text = ['a'.repeat(10), 'b'.repeat(50), 'c'.repeat(5), 'd'.repeat(30), 'e'].join('\n');
    const path = file('cuts.txt', text);
    // Lines end at 10, 61, 67, 98.
    expect(await lineAlignedCuts(path, text.length, 20)).toEqual([0, 62, 99, text.length]);
    expect(await lineAlignedCuts(path, text.length, 1)).toEqual([0, 11, 62, 68, 99, text.length]);
    expect(await lineAlignedCuts(path, text.length, 1000)).toEqual([0, text.length]);
  });
});

describe('workersFor', () => {
  it('one worker per core when a core is idle; none on one core or on a machine already busy', async () => {
    const { workersFor } = await import('../../src/input/for-each-observation.js');
    expect(workersFor(2, 0.3)).toBe(2);
    expect(workersFor(2, 1)).toBe(2);
    expect(workersFor(2, 1.2)).toBe(0);
    expect(workersFor(8, 6.5)).toBe(8);
    expect(workersFor(8, 7.5)).toBe(0);
    expect(workersFor(1, 0)).toBe(0);
  });

  it('counts busy cores from the idle share of each CPU between two samples', async () => {
    const { busyCoresBetween } = await import('../../src/input/for-each-observation.js');
    const cpu = (user: number, sys: number, idle: number) => ({ model: 'x', speed: 1, times: { user, nice: 0, sys, idle, irq: 0 } });
    // cpu0: 80 of 100 ticks busy; cpu1: 10 of 100 busy; a counter that did not move counts as idle.
    const before = [cpu(1000, 500, 5000), cpu(200, 100, 9000), cpu(7, 7, 7)];
    const after = [cpu(1060, 520, 5020), cpu(205, 105, 9090), cpu(7, 7, 7)];
    expect(busyCoresBetween(before, after)).toBeCloseTo(0.9, 10);
    // Fully busy and fully idle cores: 1 + 0.
    expect(busyCoresBetween([cpu(0, 0, 0), cpu(0, 0, 0)], [cpu(50, 50, 0), cpu(0, 0, 100)])).toBe(1);
  });
});
