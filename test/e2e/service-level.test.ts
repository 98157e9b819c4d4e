/**
 * `gcx-metrics service-level` (the built CLI) against one simulator: aggregates and details must agree byte for
 * byte, exported files must give the details numbers, and every row must equal what the sim's own records say.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDay, iterateConversations, startSim, writeConversationsNdjson, type SimOrg, type SimServer } from '../../src/sim/index.js';
import { truncateAt } from '../../src/sim/data/index.js';
import { tableOrder } from '../../src/output/table.js';
import { ok, runCli, type CliResult } from './cli.js';
import { parseCsv } from './parse-csv.js';
import { isRounded, simEnv } from './sim-env.js';
import { observationsOf, serviceLevelTruth, uniformGrid, type Grid } from './sim-truth.js';

const HEADER =
  'interval_start,interval_end,queue_id,queue_name,media_type,offered,answered,answered_within,abandoned,abandoned_short,flowout,service_level_pct,asa_s,abandon_rate_pct,threshold_s,target_pct,target_met,aht_s';
const COLUMNS = HEADER.split(',');
const MIN = 60_000;
const DAY = 86_400_000;
const DAY0 = Date.parse('2026-11-10T00:00:00Z');
const ONE_DAY = ['--from', '2026-11-10', '--to', '2026-11-10', '--tz', 'UTC'];
// Eight whole past days: longer than one 7-day request, so details go through an async job.
const WEEK0 = Date.parse('2026-11-02T00:00:00Z');
const EIGHT_DAYS = ['--from', '2026-11-02', '--to', '2026-11-09', '--tz', 'UTC'];
const FORMULAS = ['genesys', 'answered', 'offered', 'answered-flowout'] as const;
type Formula = (typeof FORMULAS)[number];
interface Config { threshold: number; shortAbandon: number | 'org'; formula: Formula }
const CONFIGS: Config[] = [
  ...FORMULAS.slice(0, 3).map((formula) => ({ threshold: 20, shortAbandon: 0, formula })),
  ...FORMULAS.slice(0, 3).map((formula) => ({ threshold: 30, shortAbandon: 5, formula })),
];
/** The simulated org's abandon interval: tShortAbandon is a tAbandon under 10 s (integer ms: ≤ 9 999). */
const ORG_SHORT_ABANDON_MS = 9_999;
const flagsOf = (c: Config) => ['--threshold', String(c.threshold), '--short-abandon', String(c.shortAbandon), '--formula', c.formula];

let sim: SimServer;
let org: SimOrg;
let env: Record<string, string>;
let tmp: string;
const cli = (args: string[]): Promise<CliResult> => runCli(['service-level', ...args], { env });

beforeAll(async () => {
  // Jobs fulfilled at the first poll: the async path is exercised without waiting through QUEUED/PENDING polls.
  // 16 agents (not 40) keep eight days of details small enough for 2 cores; every queue still has members.
  sim = await startSim({ port: 0, agents: 16, jobPollsUntilFulfilled: 0 });
  org = sim.org;
  env = simEnv(sim);
  tmp = mkdtempSync(join(tmpdir(), 'gcx-e2e-sl-'));
});
afterAll(async () => {
  await sim?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});


/** Runs in groups of `size` so that two cores are not swamped by a dozen processes at once. */
async function inGroups<T>(items: T[], size: number, run: (item: T) => Promise<CliResult>): Promise<CliResult[]> {
  const out: CliResult[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return out;
}

const ratio = (num: number, den: number) => (den === 0 ? undefined : (num / den) * 100);

/**
 * Every row equals the sim's records for its (bucket, queue, media); every observed key has a row. `atMs`: the
 * simulator's clock when it is stopped inside the grid.
 */
function expectRowsMatchSim(rows: Array<Record<string, string>>, grid: Grid, c: Config, queueIds?: ReadonlySet<string>, atMs?: number): void {
  const truth = serviceLevelTruth(org, grid, { thresholdMs: c.threshold * 1000, shortAbandonMs: c.shortAbandon === 'org' ? ORG_SHORT_ABANDON_MS : c.shortAbandon * 1000, atMs });
  const expectedKeys = [...truth.entries()]
    .filter(([k, t]) => t.offered + t.answered + t.abandoned + t.flowout > 0 && (!queueIds || queueIds.has(k.split('|')[1]!)))
    .map(([k]) => k);
  const names = new Map(org.queues.map((q) => [q.id, q.name]));
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${Date.parse(r.interval_start!)}|${r.queue_id}|${r.media_type}`;
    seen.add(key);
    const t = truth.get(key);
    expect(t, `no sim observation for row ${key}`).toBeDefined();
    const where = `${r.interval_start} ${r.queue_name} ${r.media_type} ${c.formula}`;
    expect(r.queue_name, where).toBe(names.get(r.queue_id!));
    expect([r.offered, r.answered, r.answered_within, r.abandoned, r.abandoned_short, r.flowout].map(Number), where).toEqual([
      t!.offered, t!.answered, t!.within, t!.abandoned, t!.abandonedShort, t!.flowout,
    ]);
    const den = c.formula === 'genesys' ? t!.answered + t!.abandoned - t!.abandonedShort
      : c.formula === 'answered' ? t!.answered
      : c.formula === 'answered-flowout' ? t!.answered + t!.flowout
      : t!.offered - t!.abandonedShort;
    const sl = ratio(t!.within, den);
    if (sl === undefined) expect(r.service_level_pct, where).toBe('');
    else expect(isRounded(r.service_level_pct, sl, 2), `${where} sl ${r.service_level_pct} vs ${sl}`).toBe(true);
    if (t!.answered === 0) expect(r.asa_s, where).toBe('');
    else expect(isRounded(r.asa_s, t!.answeredMs / t!.answered / 1000, 3), `${where} asa ${r.asa_s}`).toBe(true);
    const ar = ratio(t!.abandoned, t!.offered);
    if (ar === undefined) expect(r.abandon_rate_pct, where).toBe('');
    else expect(isRounded(r.abandon_rate_pct, ar, 2), `${where} abandon rate ${r.abandon_rate_pct}`).toBe(true);
    expect(r.threshold_s).toBe(String(c.threshold));
    if (t!.handled === 0) expect(r.aht_s, where).toBe('');
    else expect(isRounded(r.aht_s, t!.handleMs / t!.handled / 1000, 3), `${where} aht ${r.aht_s}`).toBe(true);
    expect([r.target_pct, r.target_met], where).toEqual(['', '']);
  }
  expect(seen.size).toBe(rows.length);
  expect([...seen].sort()).toEqual(expectedKeys.sort());
}

function expectSorted(rows: Array<Record<string, string>>): void {
  const key = (r: Record<string, string>) => `${String(Date.parse(r.interval_start!)).padStart(15, '0')}\u0000${r.queue_name}\u0000${r.queue_id}\u0000${r.media_type}`;
  for (let i = 1; i < rows.length; i++) expect(key(rows[i - 1]!) < key(rows[i]!), `row ${i} out of order`).toBe(true);
}

const detailsRequests = (since: number) => sim.requests().slice(since).map((e) => `${e.method} ${e.path.split('?')[0]}`);

describe('service-level over one UTC day', () => {
  it('CSV has the contract header and every row equals the sim records; plausible values', async () => {
    // One fixed threshold (not each queue's own, the default): the rows are checked against 20 s.
    const out = ok(await cli([...ONE_DAY, '--threshold', '20']));
    expect(out.startsWith(`${HEADER}\n`)).toBe(true);
    const { header, rows } = parseCsv(out);
    expect(header).toEqual(COLUMNS);
    expect(rows.length).toBeGreaterThan(100);
    const grid = uniformGrid(DAY0, DAY0 + DAY, 30 * MIN);
    expectRowsMatchSim(rows, grid, { threshold: 20, shortAbandon: 0, formula: 'genesys' });
    expectSorted(rows);
    for (const r of rows) {
      expect(r.interval_start).toMatch(/^2026-11-10T\d\d:[03]0:00\+00:00$/);
      if (r.service_level_pct !== '') expect(Number(r.service_level_pct)).toBeGreaterThanOrEqual(0);
      if (r.service_level_pct !== '') expect(Number(r.service_level_pct)).toBeLessThanOrEqual(100);
      if (r.asa_s !== '') expect(Number(r.asa_s)).toBeGreaterThan(0);
    }
    // Per interval, emit-time attribution lets answers land after their offers; over the day every offer resolves,
    // but for the emails and messages that cross the day's edges: offered before and answered today, or offered
    // today and answered on a later day.
    const perQueue = new Map<string, number[]>();
    for (const r of rows) {
      const s = perQueue.get(r.queue_id!) ?? [0, 0, 0, 0];
      perQueue.set(r.queue_id!, [s[0]! + Number(r.offered), s[1]! + Number(r.answered), s[2]! + Number(r.abandoned), s[3]! + Number(r.flowout)]);
    }
    const crossing = new Map<string, number>();
    for (let d = DAY0 - 7 * DAY; d <= DAY0; d += DAY) {
      const edges = generateDay(org, d).conversations.filter((c) => Date.parse(c.conversationStart) < DAY0 || Date.parse(c.conversationEnd) >= DAY0 + DAY);
      for (const o of observationsOf(edges)) {
        if (o.queueId === undefined || o.at < DAY0 || o.at >= DAY0 + DAY) continue;
        const sign = o.name === 'nOffered' ? 1 : ['tAnswered', 'tAbandon', 'tFlowOut'].includes(o.name) ? -1 : 0;
        crossing.set(o.queueId, (crossing.get(o.queueId) ?? 0) + sign);
      }
    }
    expect([...crossing.values()].some((n) => n !== 0)).toBe(true);
    expect(perQueue.size).toBe(org.queues.length);
    for (const [q, [offered, answered, abandoned, flowout]] of perQueue) {
      expect(offered, q).toBeGreaterThan(0);
      expect(offered! - answered! - abandoned! - flowout!, q).toBe(crossing.get(q) ?? 0);
    }
  });

  it('--source aggregates and --source details give byte-identical CSV for every threshold and formula (job + synchronous seam queries)', async () => {
    const since = sim.requests().length;
    const runs = await inGroups(
      CONFIGS.flatMap((c) => (['aggregates', 'details'] as const).map((source) => ({ c, source }))),
      4,
      ({ c, source }) => cli([...ONE_DAY, ...flagsOf(c), '--source', source]),
    );
    const paths = detailsRequests(since);
    // The whole day is in the datalake (2 h behind now): one job each; the synchronous queries find only what
    // ended after its availability date or is still live (here nothing: one live and one ended page each).
    expect(paths.filter((p) => p === 'POST /api/v2/analytics/conversations/details/jobs')).toHaveLength(CONFIGS.length);
    expect(paths.filter((p) => p === 'POST /api/v2/analytics/conversations/details/query')).toHaveLength(CONFIGS.length * 2);
    const grid = uniformGrid(DAY0, DAY0 + DAY, 30 * MIN);
    CONFIGS.forEach((c, i) => {
      const aggregates = ok(runs[2 * i]!);
      expect(ok(runs[2 * i + 1]!), JSON.stringify(c)).toBe(aggregates);
      expectRowsMatchSim(parseCsv(aggregates).rows, grid, c);
    });
    // The short-abandon configurations are not vacuous.
    const short = parseCsv(ok(runs[6]!)).rows.reduce((s, r) => s + Number(r.abandoned_short), 0);
    expect(short).toBeGreaterThan(0);
  });

  it("--short-abandon org counts Genesys's tShortAbandon; --formula answered-flowout and offered match the records", async () => {
    const configs: Config[] = [
      { threshold: 20, shortAbandon: 'org', formula: 'offered' },
      { threshold: 20, shortAbandon: 'org', formula: 'answered-flowout' },
    ];
    const runs = await Promise.all(configs.map((c) => cli([...ONE_DAY, ...flagsOf(c)])));
    const grid = uniformGrid(DAY0, DAY0 + DAY, 30 * MIN);
    configs.forEach((c, i) => expectRowsMatchSim(parseCsv(ok(runs[i]!)).rows, grid, c));
    expect(parseCsv(ok(runs[0]!)).rows.reduce((s, r) => s + Number(r.abandoned_short), 0)).toBeGreaterThan(0);
  });

  it('--queue selects those queues only (unchanged rows); --media voice keeps only voice', async () => {
    const [a, b] = [org.queues[0]!.id, org.queues[2]!.id];
    const T20 = ['--threshold', '20'];
    const [all, some, voice] = await Promise.all([cli([...ONE_DAY, ...T20]), cli([...ONE_DAY, ...T20, '--queue', `${a},${b}`]), cli([...ONE_DAY, ...T20, '--media', 'voice'])]);
    const allRows = parseCsv(ok(all!)).rows;
    const someRows = parseCsv(ok(some!)).rows;
    expect(someRows.length).toBeGreaterThan(0);
    expect(someRows).toEqual(allRows.filter((r) => r.queue_id === a || r.queue_id === b));
    const voiceRows = parseCsv(ok(voice!)).rows;
    expect(voiceRows.length).toBeGreaterThan(0);
    expect(voiceRows).toEqual(allRows.filter((r) => r.media_type === 'voice'));
  });

  it('an unknown --queue id exits 2 with one line naming it', async () => {
    const unknown = '00000000-0000-4000-8000-0000000000bb';
    const r = await cli([...ONE_DAY, '--queue', unknown]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--queue');
    expect(r.stderr).toContain(unknown);
  });

  it('json and ndjson carry the CSV rows with numbers as numbers and null for empty; table has the header', async () => {
    const [csv, json, ndjson, table] = await Promise.all(
      ['csv', 'json', 'ndjson', 'table'].map((f) => cli([...ONE_DAY, '--threshold', '20', '--interval', '1h', '--format', f])),
    );
    const { rows } = parseCsv(ok(csv!));
    expect(rows.some((r) => r.service_level_pct === '')).toBe(true);
    const objects = JSON.parse(ok(json!)) as Array<Record<string, unknown>>;
    expect(objects).toHaveLength(rows.length);
    objects.forEach((o, i) => {
      expect(Object.keys(o)).toEqual(COLUMNS);
      for (const c of COLUMNS) {
        const cell = rows[i]![c]!;
        if (['interval_start', 'interval_end', 'queue_id', 'queue_name', 'media_type'].includes(c)) expect(o[c]).toBe(cell);
        else if (cell === '') expect(o[c], c).toBeNull();
        else expect(o[c], c).toBe(Number(cell));
      }
    });
    const nd = ok(ndjson!);
    expect(nd.endsWith('\n')).toBe(true);
    expect(nd.slice(0, -1).split('\n').map((l) => JSON.parse(l))).toEqual(objects);
    const lines = ok(table!).trimEnd().split('\n');
    // The table orders columns for people (test/output/table.test.ts).
    // Durations are headed with their unit (`asa (h:mm:ss)`; threshold_s is a setting, kept as typed).
    expect(lines[0]!.trim().split(/\s{2,}/)).toEqual(tableOrder(COLUMNS).map((c) => (c.endsWith('_s') && c !== 'threshold_s' ? `${c.slice(0, -2)} (h:mm:ss)` : c)));
    expect(lines.filter((l) => /^\d{4}-/.test(l))).toHaveLength(rows.length);
  });
});

describe('service-level --source details wherever the datalake ends', () => {
  // The same org behind two more simulators whose datalake ends at noon of the day, or before it begins: the rows
  // must not change, whatever part of the plan reads a conversation.
  const lagged = async (availableMs: number, run: (cli: (args: string[]) => Promise<CliResult>) => Promise<void>) => {
    const s = await startSim({ port: 0, agents: 16, jobPollsUntilFulfilled: 0, dataLagMs: Date.now() - availableMs });
    try {
      await run((args) => runCli(['service-level', ...args], { env: simEnv(s) }));
      return s.requests().map((e) => `${e.method} ${e.path.split('?')[0]}`);
    } finally {
      await s.close();
    }
  };
  const configs = [CONFIGS[0]!, CONFIGS[5]!];

  it('A at noon: the job reads the morning, the synchronous queries the rest (thousands of conversations); byte-identical to aggregates', async () => {
    const expected = await Promise.all(configs.map((c) => cli([...ONE_DAY, ...flagsOf(c)])));
    const paths = await lagged(DAY0 + DAY / 2, async (lcli) => {
      const details = await Promise.all(configs.map((c) => lcli([...ONE_DAY, ...flagsOf(c), '--source', 'details'])));
      configs.forEach((c, i) => expect(ok(details[i]!), JSON.stringify(c)).toBe(ok(expected[i]!)));
    });
    expect(paths.filter((p) => p.endsWith('/details/jobs'))).toHaveLength(configs.length);
    // Past one page per query: the afternoon came from the synchronous pages.
    expect(paths.filter((p) => p.endsWith('/details/query')).length).toBeGreaterThan(configs.length * 6);
  }, 60_000);

  it('A before the window (or jobs not allowed): no job, every conversation from synchronous queries; byte-identical', async () => {
    const expected = await Promise.all(configs.map((c) => cli([...ONE_DAY, ...flagsOf(c)])));
    const paths = await lagged(DAY0 - 3 * DAY, async (lcli) => {
      const details = await Promise.all(configs.map((c) => lcli([...ONE_DAY, ...flagsOf(c), '--source', 'details'])));
      configs.forEach((c, i) => expect(ok(details[i]!), JSON.stringify(c)).toBe(ok(expected[i]!)));
    });
    expect(paths.filter((p) => p.endsWith('/details/jobs'))).toHaveLength(0);
  }, 60_000);
});

describe('service-level over eight days (async details job)', () => {
  it('--source aggregates and --source details give byte-identical CSV for every threshold and formula', async () => {
    const since = sim.requests().length;
    // The six job runs together: each spends its first two seconds waiting to poll, not computing.
    const details = await Promise.all(CONFIGS.map((c) => cli([...EIGHT_DAYS, ...flagsOf(c), '--source', 'details'])));
    const aggregates = await inGroups(CONFIGS, 3, (c) => cli([...EIGHT_DAYS, ...flagsOf(c), '--source', 'aggregates']));
    const runs = CONFIGS.flatMap((_, i) => [aggregates[i]!, details[i]!]);
    const paths = detailsRequests(since);
    expect(paths.filter((p) => p === 'POST /api/v2/analytics/conversations/details/jobs')).toHaveLength(CONFIGS.length);
    const grid = uniformGrid(WEEK0, WEEK0 + 8 * DAY, 30 * MIN);
    CONFIGS.forEach((c, i) => {
      const aggregates = ok(runs[2 * i]!);
      expect(ok(runs[2 * i + 1]!), JSON.stringify(c)).toBe(aggregates);
      if (i === 0 || i === 5) expectRowsMatchSim(parseCsv(aggregates).rows, grid, c);
    });
    const first = parseCsv(ok(runs[0]!)).rows;
    expect(new Set(first.map((r) => r.interval_start!.slice(0, 10))).size).toBe(8);
  }, 60_000);
});

describe('service-level --input from exported details', () => {
  it('NDJSON, gzipped NDJSON, a JSON array and a results page give the --source details rows', async () => {
    // A week before the window (emails and messages started days earlier are answered in it) and a day after: the
    // CLI must keep only what was emitted inside it.
    const from = DAY0 - 7 * DAY;
    const to = DAY0 + 2 * DAY;
    const ndjsonPath = join(tmp, 'conversations.ndjson');
    const out = createWriteStream(ndjsonPath);
    const written = await writeConversationsNdjson(org, from, to, (chunk) => new Promise<void>((res, rej) => out.write(chunk, (e) => (e ? rej(e) : res()))));
    await new Promise<void>((res) => out.end(res));
    expect(written.conversations).toBeGreaterThan(1500);
    const ndjson = readFileSync(ndjsonPath);
    writeFileSync(join(tmp, 'conversations.ndjson.gz'), gzipSync(ndjson));
    const all = [...iterateConversations(org, from, to)];
    expect(all).toHaveLength(written.conversations);
    writeFileSync(join(tmp, 'conversations.json'), JSON.stringify(all));
    writeFileSync(join(tmp, 'page.json.gz'), gzipSync(JSON.stringify({ conversations: all, totalHits: all.length })));

    const c: Config = { threshold: 30, shortAbandon: 5, formula: 'genesys' };
    const files = ['conversations.ndjson', 'conversations.ndjson.gz', 'conversations.json', 'page.json.gz'];
    const [details, ...inputs] = await Promise.all([
      cli([...ONE_DAY, ...flagsOf(c), '--source', 'details']),
      ...files.map((f) => runCli(['service-level', ...ONE_DAY, ...flagsOf(c), '--input', join(tmp, f)])),
    ]);
    const expected = parseCsv(ok(details!)).rows;
    expect(expected.length).toBeGreaterThan(100);
    inputs.forEach((r, i) => {
      const text = ok(r!);
      expect(text.startsWith(`${HEADER}\n`), files[i]).toBe(true);
      // Queue names come from the records' acd participants, so even the order matches the API's.
      expect(parseCsv(text).rows, files[i]).toEqual(expected);
    });
  });
});

describe('service-level with the simulator stopped inside the window: live and multi-day conversations', () => {
  // The simulator's clock stands at 14:30 on DAY0: calls and chats in progress, emails and messages that started days
  // before and wait or were answered today; the datalake ends 2 h earlier, so the job reads the morning and the
  // synchronous queries the rest, 30 days of start days back.
  const AT = DAY0 + 14.5 * 3_600_000;
  const METRICS = ['nOffered', 'tAnswered', 'tAbandon', 'tFlowOut', 'tHandle'];
  type Json = Record<string, any>;
  const emitsIn = (c: Json, from: number, to: number) =>
    (c.participants as Json[]).some((p) => (p.sessions as Json[]).some((s) => (s.metrics as Json[]).some((m) => METRICS.includes(m.name) && Date.parse(m.emitDate) >= from && Date.parse(m.emitDate) < to)));

  it('--source aggregates, --source details and --input of the records as they stand give the same rows, equal to the sim records', async () => {
    // The records as the API shows them at AT: started before it; those still going cut at it, without conversationEnd.
    const served: Json[] = [];
    for (let d = DAY0 - 7 * DAY; d <= DAY0; d += DAY) {
      for (const c of generateDay(org, d).conversations) {
        if (Date.parse(c.conversationStart) >= AT) continue;
        served.push(Date.parse(c.conversationEnd) > AT ? truncateAt(c, AT) : c);
      }
    }
    const open = served.filter((c) => c.conversationEnd === undefined);
    const mediaOf = (c: Json) => c.participants[0].sessions[0].mediaType as string;
    // Not vacuous: conversations in progress with metrics in the window; emails and messages that arrived today and
    // wait (offered, not answered); ones that arrived before today and still wait; ones that started days before and
    // were answered today.
    expect(open.filter((c) => emitsIn(c, DAY0, AT)).length).toBeGreaterThan(0);
    expect(open.filter((c) => ['email', 'message'].includes(mediaOf(c)) && Date.parse(c.conversationStart) >= DAY0).length).toBeGreaterThan(0);
    expect(open.filter((c) => Date.parse(c.conversationStart) < DAY0).length).toBeGreaterThan(0);
    expect(served.filter((c) => Date.parse(c.conversationStart) < DAY0 - DAY && emitsIn(c, DAY0, AT)).length).toBeGreaterThan(0);
    const file = join(tmp, 'served-at.ndjson');
    writeFileSync(file, served.map((c) => JSON.stringify(c)).join('\n') + '\n');

    const s = await startSim({ port: 0, agents: 16, jobPollsUntilFulfilled: 0, now: () => AT, rateLimitPerMinute: 1_000_000 });
    try {
      const scli = (args: string[]) => runCli(['service-level', ...args], { env: simEnv(s) });
      for (const c of [CONFIGS[0]!, CONFIGS[5]!]) {
        const flags = [...ONE_DAY, ...flagsOf(c)];
        const since = s.requests().length;
        const [aggregates, details, input] = await Promise.all([
          scli([...flags, '--source', 'aggregates']),
          scli([...flags, '--source', 'details']),
          runCli(['service-level', ...flags, '--input', file]),
        ]);
        const expected = ok(aggregates!);
        expect(ok(details!), `details ${JSON.stringify(c)}`).toBe(expected);
        expect(parseCsv(ok(input!)).rows, `--input ${JSON.stringify(c)}`).toEqual(parseCsv(expected).rows);
        expectRowsMatchSim(parseCsv(expected).rows, uniformGrid(DAY0, DAY0 + DAY, 30 * MIN), c, undefined, AT);
        const paths = s.requests().slice(since).map((e) => `${e.method} ${e.path.split('?')[0]}`);
        expect(paths.filter((p) => p === 'POST /api/v2/analytics/conversations/details/jobs')).toHaveLength(1);
      }
    } finally {
      await s.close();
    }
  }, 120_000);
});
