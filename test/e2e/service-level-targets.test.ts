/**
 * Issue 12 end to end (the built CLI against one simulator): each queue's own goal per media type with
 * `--threshold queue`, the same rows from aggregates, details and an exported file, `--check` for cron alerts,
 * roll-ups with `--by` and `--interval total`, `list`, and names instead of ids.
 */
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, writeConversationsNdjson, type SimOrg, type SimServer } from '../../src/sim/index.js';
import { ok, runCli, type CliResult } from './cli.js';
import { parseCsv } from './parse-csv.js';
import { simEnv } from './sim-env.js';
import { serviceLevelTruth, uniformGrid } from './sim-truth.js';

const MIN = 60_000;
const DAY = 86_400_000;
const DAY0 = Date.parse('2026-11-10T00:00:00Z');
const ONE_DAY = ['--from', '2026-11-10', '--to', '2026-11-10', '--tz', 'UTC'];
const COUNTS = ['offered', 'answered', 'answered_within', 'abandoned', 'abandoned_short', 'flowout'] as const;

let sim: SimServer;
let org: SimOrg;
let env: Record<string, string>;
let tmp: string;
const cli = (args: string[], extra: { env?: Record<string, string> } = {}): Promise<CliResult> => runCli(args, { env: extra.env ?? env });
const sl = (args: string[]) => cli(['service-level', ...ONE_DAY, ...args]);

beforeAll(async () => {
  // Details reports of past days go through a job: fulfilled at the first poll, each waits 2 s instead of 9.5 s.
  sim = await startSim({ port: 0, agents: 16, jobPollsUntilFulfilled: 0 });
  org = sim.org;
  env = simEnv(sim);
  tmp = mkdtempSync(join(tmpdir(), 'gcx-e2e-targets-'));
});
afterAll(async () => {
  await sim?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The goal the sim's queue configures for (queue, media), as --threshold queue must apply it. */
function goalOf(queueId: string, media: string): { thresholdMs: number; targetPct: number | null } {
  const key = media === 'voice' ? 'call' : media;
  const sl = org.queues.find((q) => q.id === queueId)?.mediaSettings[key as 'call']?.serviceLevel;
  return { thresholdMs: sl?.durationMs ?? 20_000, targetPct: sl ? Math.round(sl.percentage * 10_000) / 100 : null };
}

describe('--threshold queue', () => {
  it('aggregates = details = --input (targets read from the API); every row measured at its queue and media goal', async () => {
    const file = join(tmp, 'day.ndjson');
    const out = createWriteStream(file);
    // From a week before: emails and messages that started days earlier are answered in the window.
    await writeConversationsNdjson(org, DAY0 - 7 * DAY, DAY0 + 2 * DAY, (chunk) => new Promise<void>((res, rej) => out.write(chunk, (e) => (e ? rej(e) : res()))));
    await new Promise<void>((res) => out.end(res));
    const [aggregates, details, input] = await Promise.all([
      sl([]), // no --threshold: queue is the default
      sl(['--threshold', 'queue', '--source', 'details']),
      sl(['--threshold', 'queue', '--input', file]),
    ]);
    const csv = ok(aggregates!);
    expect(ok(details!)).toBe(csv);
    expect(ok(input!)).toBe(csv);
    const rows = parseCsv(csv).rows;
    const truth = serviceLevelTruth(org, uniformGrid(DAY0, DAY0 + DAY, 30 * MIN), { thresholdMs: (q, m) => goalOf(q, m).thresholdMs, shortAbandonMs: 0 });
    for (const r of rows) {
      const goal = goalOf(r.queue_id!, r.media_type!);
      const where = `${r.interval_start} ${r.queue_name} ${r.media_type}`;
      expect(r.threshold_s, where).toBe(String(goal.thresholdMs / 1000));
      expect(r.target_pct, where).toBe(goal.targetPct === null ? '' : String(goal.targetPct));
      const t = truth.get(`${Date.parse(r.interval_start!)}|${r.queue_id}|${r.media_type}`)!;
      expect(Number(r.answered_within), where).toBe(t.within);
      const met = r.service_level_pct === '' || r.target_pct === '' ? '' : String(Number(r.service_level_pct) >= Number(r.target_pct));
      expect(r.target_met, where).toBe(met);
    }
    // Email rows at 24 h, chat at their own 60 s / 120 s, messaging at the 20 s fallback with no target.
    const thresholds = (media: string) => new Set(rows.filter((r) => r.media_type === media).map((r) => r.threshold_s));
    expect(thresholds('email')).toEqual(new Set(['86400']));
    expect(thresholds('chat')).toEqual(new Set(['60', '120']));
    expect(thresholds('message')).toEqual(new Set(['20']));
    expect(new Set(rows.filter((r) => r.media_type === 'message').map((r) => r.target_pct))).toEqual(new Set(['']));
    expect(new Set(rows.map((r) => r.target_met))).toEqual(new Set(['true', 'false', '']));
  });

  it('one aggregates query per chunk: one view per distinct threshold of the org', async () => {
    const since = sim.requests().length;
    ok(await sl(['--threshold', 'queue', '--short-abandon', '5']));
    const posts = sim.requests().slice(since).filter((e) => e.path.startsWith('/api/v2/analytics/conversations/aggregates/query'));
    expect(posts).toHaveLength(1);
  });

  it('--input without credentials (no --threshold: the default, queue) says so in one line and measures every row at 20 s', async () => {
    const file = join(tmp, 'day.ndjson');
    const r = await cli(['service-level', ...ONE_DAY, '--input', file], { env: {} });
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout).rows;
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--threshold queue \(the default\): no API credentials to read the queues' own targets, so every row is measured at 20 s with no target/);
    expect(new Set(rows.map((row) => row.threshold_s))).toEqual(new Set(['20']));
    expect(new Set(rows.map((row) => row.target_pct))).toEqual(new Set(['']));
  });
});

describe('--check', () => {
  it('exit 5 after the report is written when a row misses (each queue its own target, the default); exit 0 when every row meets its target', async () => {
    const missed = join(tmp, 'missed.csv');
    const met = join(tmp, 'met.csv');
    const [a, b] = await Promise.all([
      sl(['--check', '--output', missed]),
      sl(['--threshold', '20', '--target', '0', '--check', '--output', met]),
    ]);
    expect(a!.code).toBe(5);
    expect(a!.stderr).toMatch(/^gcx-metrics: --check: \d+ of \d+ rows missed their service-level target: [A-Z][\w ]* (voice|chat|email|message|callback) \d{4}-\d\d-\d\d \d\d:\d\d \([\d.]+ % < [\d.]+\)(, [^,]+){0,4}( and \d+ more)?; \d+ rows with fewer than 10 offered not checked \(--min-offered\)\n$/);
    const written = parseCsv(readFileSync(missed, 'utf8')).rows;
    expect(written.length).toBeGreaterThan(100);
    expect(written.some((r) => r.target_met === 'false')).toBe(true);
    expect(b!.code).toBe(0);
    expect(existsSync(met)).toBe(true);
    expect(new Set(parseCsv(readFileSync(met, 'utf8')).rows.map((r) => r.target_met))).toEqual(new Set(['true', '']));
  });

  it('a numeric threshold without a target to check against: exit 2 before any request', async () => {
    const r = await sl(['--threshold', '20', '--check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--check needs a target/);
  });
});

describe('roll-ups', () => {
  /** Sums of the count columns per key of `keyOf`. */
  function sums(rows: Array<Record<string, string>>, keyOf: (r: Record<string, string>) => string) {
    const out = new Map<string, number[]>();
    for (const r of rows) {
      const k = keyOf(r);
      const s = out.get(k) ?? COUNTS.map(() => 0);
      COUNTS.forEach((c, i) => (s[i]! += Number(r[c])));
      out.set(k, s);
    }
    return out;
  }

  it('--by queue|media|none: aggregates = details, counts = the sums of the queue,media rows', async () => {
    const base = parseCsv(ok(await sl(['--threshold', '30']))).rows;
    for (const by of ['queue', 'media', 'none'] as const) {
      const [aggregates, details] = await Promise.all([sl(['--threshold', '30', '--by', by]), sl(['--threshold', '30', '--by', by, '--source', 'details'])]);
      const csv = ok(aggregates!);
      expect(ok(details!), by).toBe(csv);
      const rows = parseCsv(csv).rows;
      const keyOf = (r: Record<string, string>) =>
        `${r.interval_start}|${by === 'media' || by === 'none' ? '' : r.queue_id}|${by === 'queue' || by === 'none' ? '' : r.media_type}`;
      expect(sums(rows, keyOf), by).toEqual(sums(base, keyOf));
      for (const r of rows) {
        if (by !== 'queue') expect(r.queue_id).toBe('');
        if (by !== 'media') expect(r.media_type).toBe('');
        expect(r.threshold_s).toBe('30');
      }
    }
  });

  it('--interval total: one bucket for the window, counts summed (service level and occupancy)', async () => {
    const [halfHours, total, occHalfHours, occTotal] = await Promise.all([
      sl(['--threshold', 'queue']),
      sl(['--threshold', 'queue', '--interval', 'total']),
      cli(['occupancy', ...ONE_DAY]),
      cli(['occupancy', ...ONE_DAY, '--interval', 'total']),
    ]);
    const rows = parseCsv(ok(total!)).rows;
    expect(new Set(rows.map((r) => `${r.interval_start}/${r.interval_end}`))).toEqual(new Set(['2026-11-10T00:00:00+00:00/2026-11-11T00:00:00+00:00']));
    const byKey = (r: Record<string, string>) => `${r.queue_id}|${r.media_type}`;
    expect(sums(rows, byKey)).toEqual(sums(parseCsv(ok(halfHours!)).rows, byKey));
    const occ = parseCsv(ok(occTotal!)).rows;
    const perAgent = new Map<string, number>();
    for (const r of parseCsv(ok(occHalfHours!)).rows) perAgent.set(r.agent_id!, (perAgent.get(r.agent_id!) ?? 0) + Math.round(Number(r.handle_s) * 1000));
    expect(occ.length).toBe(perAgent.size);
    for (const r of occ) {
      expect(r.interval_start).toBe('2026-11-10T00:00:00+00:00');
      expect(Math.round(Number(r.handle_s) * 1000)).toBe(perAgent.get(r.agent_id!));
      // occupancy over the whole day: handle time ÷ 86 400 s.
      expect(Math.abs(Number(r.occupancy_pct) - Number(r.handle_s) / 864)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });
});

describe('list and names', () => {
  it('list queues|agents|groups give the contract columns from the simulated org', async () => {
    const [queues, agents, groups] = await Promise.all([cli(['list', 'queues']), cli(['list', 'agents', '--group', 'Tier 2 Agents']), cli(['list', 'groups', '--format', 'csv'])]);
    const q = parseCsv(ok(queues!));
    expect(q.header).toEqual(['queue_id', 'queue_name', 'media_type', 'threshold_s', 'target_pct', 'members']);
    const sales = org.queues.find((x) => x.name === 'Sales')!;
    expect(q.rows.filter((r) => r.queue_name === 'Sales').map((r) => [r.media_type, r.threshold_s, r.target_pct, r.members])).toEqual([
      ['callback', '', '', String(org.queueMemberIds[sales.id]!.length)],
      ['chat', '60', '80', String(org.queueMemberIds[sales.id]!.length)],
      ['email', '86400', '90', String(org.queueMemberIds[sales.id]!.length)],
      ['message', '', '', String(org.queueMemberIds[sales.id]!.length)],
      ['voice', '20', '80', String(org.queueMemberIds[sales.id]!.length)],
    ]);
    const a = parseCsv(ok(agents!));
    expect(a.header).toEqual(['agent_id', 'agent_name', 'email', 'state']);
    expect(new Set(a.rows.map((r) => r.agent_id))).toEqual(new Set(org.groups[1]!.memberIds));
    expect(a.rows.every((r) => r.email!.endsWith('@gcx-sim.example.com') && r.state === 'active')).toBe(true);
    const g = parseCsv(ok(groups!));
    expect(g.rows).toEqual(org.groups.map((x) => ({ group_id: x.id, group_name: x.name, members: String(x.memberIds.length) })));
  });

  it('list takes --columns like the reports: narrowed and ordered, an unknown name exits 2 listing the columns', async () => {
    const [narrowed, unknown] = await Promise.all([
      cli(['list', 'groups', '--format', 'csv', '--columns', 'members,group_name']),
      cli(['list', 'agents', '--columns', 'agent_id,queue_id']),
    ]);
    const g = parseCsv(ok(narrowed!));
    expect(g.header).toEqual(['members', 'group_name']);
    expect(g.rows).toEqual(org.groups.map((x) => ({ members: String(x.memberIds.length), group_name: x.name })));
    expect(unknown!.code).toBe(2);
    expect(unknown!.stderr).toMatch(/^gcx-metrics: --columns: "queue_id" is not a column of this report; choose from agent_id, agent_name, email, state/);
  });

  it('--queue by exact name (any case) = by id; --agent by email; unknown or empty names exit 2', async () => {
    const support = org.queues.find((x) => x.name === 'Support')!;
    const agent = org.agents[0]!;
    const [byName, byId, byEmail, byAgentId, unknown, empty] = await Promise.all([
      sl(['--queue', 'support']),
      sl(['--queue', support.id]),
      cli(['occupancy', ...ONE_DAY, '--agent', agent.email]),
      cli(['occupancy', ...ONE_DAY, '--agent', agent.id]),
      sl(['--queue', 'Suport']),
      cli(['occupancy', ...ONE_DAY, '--agent', '']),
    ]);
    expect(ok(byName!)).toBe(ok(byId!));
    expect(ok(byEmail!)).toBe(ok(byAgentId!));
    expect(unknown!.code).toBe(2);
    // A typo gets the queue it is one letter away from.
    expect(unknown!.stderr).toMatch(/^gcx-metrics: --queue: no queue named "Suport" in this org; did you mean Support \([0-9a-f-]{36}\)\?\n$/);
    expect(empty!.code).toBe(2);
    expect(empty!.stderr).toMatch(/--agent: an empty id \(an unset variable\?\)/);
  });
});
