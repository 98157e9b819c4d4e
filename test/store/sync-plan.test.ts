import { describe, expect, it } from 'vitest';
import { checkSettings, planSyncRun, resolveSyncSettings, sameGrid } from '../../src/commands/sync-plan.js';
import type { SyncSpec } from '../../src/spec/sync-spec.js';
import type { SyncSettings, SyncState } from '../../src/store/tables.js';
import { parseInterval } from '../../src/time/duration.js';

const at = (iso: string) => Date.parse(iso);
const HALF_HOUR = parseInterval('30m');
const settings: SyncSettings = { interval: '30m', tz: 'UTC', media: '', selection: '', threshold: '20', shortAbandon: '0', formula: 'genesys' };
const state = (from: string, to: string, s: Partial<SyncSettings> = {}): SyncState => ({
  report: 'service-level',
  coveredFromMs: at(from),
  coveredToMs: at(to),
  settings: { ...settings, ...s },
});
const plan = (s: SyncState | undefined, now: string, more: Partial<Parameters<typeof planSyncRun>[0]> = {}) =>
  planSyncRun({ report: 'service-level', state: s, interval: HALF_HOUR, tz: 'UTC', nowMs: at(now), restate: '2h', backfill: '24h', ...more });
const iso = (ms: number) => new Date(ms).toISOString();

describe('planSyncRun', () => {
  it('refuses --from/--to wholly before the stored range (the gap would count as covered without being fetched)', () => {
    const stored = state('2026-10-01T00:00Z', '2026-10-08T00:00Z');
    expect(() => plan(stored, '2026-09-10T00:00:00Z', { fromMs: at('2026-09-01T00:00Z') })).toThrow(
      '--to: the stored history starts at 2026-10-01T00:00:00.000Z; an earlier --to would leave a gap',
    );
    // Reaching the stored start is no gap: the range grows to 09-01 .. 10-08.
    const joined = plan(stored, '2026-10-01T00:00:00Z', { fromMs: at('2026-09-01T00:00Z') })!;
    expect([iso(joined.fromMs), iso(joined.toMs), iso(joined.coveredFromMs), iso(joined.coveredToMs)]).toEqual([
      '2026-09-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z', '2026-10-08T00:00:00.000Z',
    ]);
  });

  it('first run: the backfill window from the start of its first day, ending at the last complete interval', () => {
    const run = plan(undefined, '2026-11-20T15:07:00Z')!;
    expect([iso(run.fromMs), iso(run.toMs), iso(run.coveredFromMs), iso(run.coveredToMs)]).toEqual([
      '2026-11-19T00:00:00.000Z', '2026-11-20T15:00:00.000Z', '2026-11-19T00:00:00.000Z', '2026-11-20T15:00:00.000Z',
    ]);
    const ny = plan(undefined, '2026-11-20T15:07:00Z', { tz: 'America/New_York', backfill: '2h' })!;
    expect(iso(ny.fromMs)).toBe('2026-11-20T05:00:00.000Z');
    const explicit = plan(undefined, '2026-11-20T15:07:00Z', { fromMs: at('2026-11-20T09:10:00Z') })!;
    expect(iso(explicit.fromMs)).toBe('2026-11-20T09:00:00.000Z');
  });

  it('--from on a later run re-reads from there, and may not leave a gap', () => {
    const run = plan(state('2026-11-19T00:00Z', '2026-11-20T15:00Z'), '2026-11-20T15:47:00Z', { fromMs: at('2026-11-18T00:00Z') })!;
    expect([iso(run.fromMs), iso(run.coveredFromMs), iso(run.coveredToMs)]).toEqual([
      '2026-11-18T00:00:00.000Z', '2026-11-18T00:00:00.000Z', '2026-11-20T15:30:00.000Z',
    ]);
    expect(() => plan(state('2026-11-19T00:00Z', '2026-11-20T15:00Z'), '2026-11-21T15:47:00Z', { fromMs: at('2026-11-21T00:00Z') })).toThrow(
      '--from: the stored history ends at 2026-11-20T15:00:00.000Z; a later --from would leave a gap',
    );
  });

  it('next run: from the mark minus the restatement window to the last complete interval', () => {
    const run = plan(state('2026-11-19T15:00Z', '2026-11-20T15:00Z'), '2026-11-20T15:47:00Z')!;
    expect([iso(run.fromMs), iso(run.toMs), iso(run.coveredFromMs), iso(run.coveredToMs)]).toEqual([
      '2026-11-20T13:00:00.000Z', '2026-11-20T15:30:00.000Z', '2026-11-19T15:00:00.000Z', '2026-11-20T15:30:00.000Z',
    ]);
  });

  it('after downtime: the whole gap plus the restatement window', () => {
    const run = plan(state('2026-11-10T00:00Z', '2026-11-18T00:00Z'), '2026-11-20T15:07:00Z')!;
    expect([iso(run.fromMs), iso(run.toMs)]).toEqual(['2026-11-17T22:00:00.000Z', '2026-11-20T15:00:00.000Z']);
  });

  it('never restates before the stored range, and with --restate 0 has nothing to do until an interval completes', () => {
    const young = plan(state('2026-11-20T14:00Z', '2026-11-20T15:00Z'), '2026-11-20T15:29:00Z')!;
    expect(iso(young.fromMs)).toBe('2026-11-20T14:00:00.000Z');
    expect(plan(state('2026-11-20T14:00Z', '2026-11-20T15:00Z'), '2026-11-20T15:29:00Z', { restate: '0' })).toBeUndefined();
    expect(() => plan(state('2026-11-20T14:00Z', '2026-11-20T15:00Z'), '2026-11-20T15:29:00Z', { restate: '2 hours' })).toThrow(
      '--restate: "2 hours" is not a duration; use e.g. 90m, 2h, 24h or 7d',
    );
  });

  it('days: restating 2 h of a 1d grid re-reads the last whole local day', () => {
    const run = planSyncRun({
      report: 'occupancy',
      state: state('2026-11-01T04:00Z', '2026-11-20T05:00Z', { interval: '1d', tz: 'America/New_York' }),
      interval: parseInterval('1d'),
      tz: 'America/New_York',
      nowMs: at('2026-11-21T12:00:00Z'),
      restate: '2h',
      backfill: '24h',
    })!;
    expect([iso(run.fromMs), iso(run.toMs)]).toEqual(['2026-11-19T05:00:00.000Z', '2026-11-21T05:00:00.000Z']);
  });
});

describe('checkSettings', () => {
  const stored = [state('2026-11-19T15:00Z', '2026-11-20T15:00Z')];
  const now = at('2026-11-20T15:00Z');

  it('accepts the stored settings, and another zone that cuts the same grid', () => {
    expect(() => checkSettings(stored, [['service-level', settings]], 'db.sqlite', now)).not.toThrow();
    expect(() => checkSettings(stored, [['service-level', { ...settings, tz: 'Europe/London' }]], 'db.sqlite', now)).not.toThrow();
  });

  it('exits 2 naming the stored values of every setting that differs', () => {
    expect(() => checkSettings(stored, [['occupancy', { ...settings, threshold: '', shortAbandon: '', formula: '', interval: '1h' }], ['service-level', { ...settings, interval: '1h', threshold: '30' }]], 'db.sqlite', now)).toThrow(
      'db.sqlite was first synced with --interval 30m, --threshold 20; this run asks for --interval 1h, --threshold 30. These settings are fixed per database: run with the stored values, or sync into another --db',
    );
    expect(() => checkSettings(stored, [['service-level', { ...settings, shortAbandon: '5' }]], 'db.sqlite', now)).toThrow(
      'first synced with --short-abandon 0; this run asks for --short-abandon 5',
    );
  });

  it('fixes interval and zone for the whole database, the rest per report', () => {
    expect(() => checkSettings(stored, [['occupancy', { ...settings, threshold: '', shortAbandon: '', formula: '', interval: '15m' }]], 'db', now)).toThrow(
      'first synced with --interval 30m; this run asks for --interval 15m',
    );
    expect(() => checkSettings(stored, [['occupancy', { ...settings, threshold: '', shortAbandon: '', formula: '' }]], 'db', now)).not.toThrow();
  });
});

describe('sameGrid', () => {
  const now = at('2026-11-20T15:00Z');
  it('compares the zones offsets against the bucket length, summer and winter', () => {
    expect(sameGrid('30m', 'UTC', 'Europe/London', now)).toBe(true);
    expect(sameGrid('30m', 'UTC', 'Asia/Kolkata', now)).toBe(true);
    expect(sameGrid('1h', 'UTC', 'Asia/Kolkata', now)).toBe(false);
    expect(sameGrid('15m', 'UTC', 'Asia/Kathmandu', now)).toBe(true);
    expect(sameGrid('1d', 'UTC', 'Europe/London', now)).toBe(false);
    expect(sameGrid('1d', 'Europe/London', 'Europe/London', now)).toBe(true);
  });
});

describe('resolveSyncSettings', () => {
  const spec = (o: Partial<SyncSpec> = {}): SyncSpec => ({
    db: undefined, report: ['occupancy', 'service-level'], interval: undefined, from: undefined, to: undefined, restate: '2h', backfill: '24h',
    agent: [], group: [], queue: [], media: [], threshold: undefined, shortAbandon: undefined, formula: undefined,
    session: {} as SyncSpec['session'], ...o,
  });
  const stored = (report: 'occupancy' | 'service-level', s: Partial<SyncSettings>) => ({ report, coveredFromMs: 0, coveredToMs: 1, settings: { ...settings, ...s } });
  const sl = stored('service-level', { interval: '1h', media: 'voice', selection: '--queue q1,q2', threshold: '20', shortAbandon: 'org', formula: 'offered' });

  it('a first run takes the defaults: each queue its own target, no short abandons, genesys, 30m, everything', () => {
    expect(resolveSyncSettings(spec(), 'service-level', undefined, undefined)).toEqual({
      interval: '30m', agent: [], group: [], queue: [], media: [], threshold: 'queue', shortAbandon: 0, formula: 'genesys',
    });
  });

  it('a later run that leaves settings out takes the stored ones (a cron line from an older default keeps working)', () => {
    expect(resolveSyncSettings(spec(), 'service-level', sl, sl)).toEqual({
      interval: '1h', agent: [], group: [], queue: ['q1', 'q2'], media: ['voice'], threshold: 20, shortAbandon: 'org', formula: 'offered',
    });
  });

  it('what a run gives wins (checkSettings then refuses it if it differs); the interval is the database-wide one', () => {
    const occupancy = stored('occupancy', { interval: '1h', selection: '--agent a1', threshold: '', shortAbandon: '', formula: '' });
    expect(resolveSyncSettings(spec({ threshold: 30, queue: ['q3'] }), 'service-level', sl, occupancy)).toMatchObject({ interval: '1h', threshold: 30, queue: ['q3'], formula: 'offered' });
    // Occupancy's own selection, not service-level's.
    expect(resolveSyncSettings(spec(), 'occupancy', occupancy, occupancy)).toMatchObject({ agent: ['a1'], queue: [] });
  });
});

describe('checkSettings and the formula', () => {
  it("a database synced before the formula was stored (formula '') was genesys's: the same run passes, another formula exits 2", () => {
    const old = [state('2026-11-20T00:00:00Z', '2026-11-20T12:00:00Z', { formula: '' })];
    const now = at('2026-11-20T12:00:00Z');
    expect(() => checkSettings(old, [['service-level', settings]], 'db', now)).not.toThrow();
    expect(() => checkSettings(old, [['service-level', { ...settings, formula: 'answered-flowout' }]], 'db', now)).toThrow(
      'db was first synced with --formula genesys; this run asks for --formula answered-flowout',
    );
  });
});
