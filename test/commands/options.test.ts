import { describe, expect, it } from 'vitest';
import { parseListOptions, parseOccupancyOptions, parseServiceLevelOptions, parseSimOptions } from '../../src/cli/options.js';
import { serviceLevelSpec } from '../../src/cli/specs.js';
import { usageMessage } from '../usage-error.js';

const TTY = { stdout: { isTTY: true }, stderr: { isTTY: false } } as never;

const ID = '6b1f2c3d-0a1b-4c2d-8e3f-123456789abc';

const usage = usageMessage;

describe('service-level options', () => {
  it('keeps the settings a database can fix "not given", and the spec applies the contract defaults', () => {
    const o = parseServiceLevelOptions({});
    expect(o).toMatchObject({ source: 'aggregates', queue: [], media: [], check: false, by: 'queue,media' });
    for (const key of ['threshold', 'formula', 'shortAbandon', 'interval', 'target'] as const) expect(o[key]).toBeUndefined();
    const spec = serviceLevelSpec(o, TTY);
    expect(spec.goals).toEqual({ threshold: 'queue', target: undefined, shortAbandon: 0, formula: 'genesys' });
    expect(spec.window.label).toBe('30m');
  });

  it('--check works with the default threshold (each queue brings its target); a numeric one needs --target', () => {
    expect(serviceLevelSpec(parseServiceLevelOptions({ check: true }), TTY).check).toBe(true);
    expect(usage(() => parseServiceLevelOptions({ check: true, threshold: '20' }))).toContain('--check needs a target');
    // A --db report whose database was synced at 20 s: the stored threshold is numeric, so the same rule.
    expect(usage(() => serviceLevelSpec(parseServiceLevelOptions({ check: true, db: 'x.sqlite' }), TTY, { threshold: 20 }))).toContain('--check needs a target');
  });

  it('a --db report takes the stored settings it is not given, and the flags it is', () => {
    const stored = { interval: '15m', tz: 'Europe/Paris', threshold: 30, shortAbandon: 'org' as const, formula: 'offered' as const };
    const spec = serviceLevelSpec(parseServiceLevelOptions({ db: 'x.sqlite' }), TTY, stored);
    expect(spec.goals).toEqual({ threshold: 30, target: undefined, shortAbandon: 'org', formula: 'offered' });
    expect(spec.window.label).toBe('15m');
    expect(spec.session.defaultTz).toBe('Europe/Paris');
    const given = serviceLevelSpec(parseServiceLevelOptions({ db: 'x.sqlite', formula: 'answered', interval: '1h' }), TTY, stored);
    expect(given.goals.formula).toBe('answered');
    expect(given.window.label).toBe('1h');
  });

  it('takes --short-abandon org and --formula answered-flowout; org cannot read details records', () => {
    expect(parseServiceLevelOptions({ shortAbandon: 'ORG', formula: 'answered-flowout' })).toMatchObject({ shortAbandon: 'org', formula: 'answered-flowout' });
    expect(usage(() => parseServiceLevelOptions({ shortAbandon: 'org', input: 'x.ndjson' }))).toBe(
      '--short-abandon org cannot be used with --input: conversation details records carry no tShortAbandon metric to count; give --short-abandon <seconds>, or use the aggregates source',
    );
    expect(usage(() => parseServiceLevelOptions({ shortAbandon: 'org', source: 'details' }))).toContain('--short-abandon org cannot be used with --source details');
  });

  it('takes --threshold queue, --target, --check, --by and --interval total', () => {
    expect(parseServiceLevelOptions({ threshold: 'QUEUE', check: true })).toMatchObject({ threshold: 'queue', check: true });
    expect(parseServiceLevelOptions({ threshold: '30', target: '82.5', check: true, by: 'media, queue', interval: 'total' })).toMatchObject({
      threshold: 30, target: 82.5, check: true, by: 'queue,media', interval: 'total',
    });
    expect(parseServiceLevelOptions({ by: 'none' }).by).toBe('none');
  });

  it('takes queue names as given and ids lower-cased', () => {
    expect(parseServiceLevelOptions({ queue: ['Technical Support', ID.toUpperCase()] }).queue).toEqual(['Technical Support', ID]);
  });

  it('reads thresholds in seconds with up to millisecond precision', () => {
    expect(parseServiceLevelOptions({ threshold: '7.5', shortAbandon: '5' })).toMatchObject({ threshold: 7.5, shortAbandon: 5 });
  });

  it('defaults the source to details when reading a file', () => {
    expect(parseServiceLevelOptions({ input: 'x.ndjson' }).source).toBe('details');
  });

  it.each([
    [{ threshold: '-1' }, '--threshold: "-1" is not a number of seconds or "queue"; use a number from 0 to 86400, e.g. 20 or 7.5, or queue'],
    [{ threshold: 'twenty' }, '--threshold: "twenty" is not a number of seconds'],
    [{ threshold: '1.2345' }, '--threshold: "1.2345" is not a number of seconds'],
    [{ target: '101' }, '--target: "101" is not a percentage; use a number from 0 to 100 with up to 2 decimals'],
    [{ target: '80%' }, '--target: "80%" is not a percentage'],
    [{ by: 'agent' }, '--by: "agent" is not a grouping; use one of queue,media | queue | media | none'],
    [{ check: true, threshold: '30' }, '--check needs a target to check against: add --target <pct>, or use --threshold queue'],
    [{ queue: [''] }, '--queue: an empty id (an unset variable?)'],
    [{ shortAbandon: '5s' }, '--short-abandon: "5s" is not a number of seconds or "org"'],
    [{ media: ['fax'] }, '--media: "fax" is not a media type; use one of voice, chat, email'],
    [{ input: 'x', source: 'aggregates' }, '--input and --source aggregates cannot be used together'],
    [{ input: 'x', demo: true }, '--input and --demo cannot be used together'],
    [{ quiet: true, verbose: true }, '--quiet and --verbose cannot be used together'],
    [{ to: '2026-11-20' }, '--to: "2026-11-20" needs --from as well'],
    [{ since: '2x' }, '--since: "2x" is not a duration; use e.g. 90m, 24h, 7d or 2w'],
    [{ interval: '45m' }, '--interval: "45m" is not a supported interval; use 15m, 30m, 60m (1h), 1d or total'],
    [{ tz: 'Mars/Base' }, '--tz: "Mars/Base" is not an IANA time zone'],
    [{ requestTimeout: '0' }, '--request-timeout: "0" is not a number of seconds; use a number from 1 to 600'],
    [{ output: '' }, '--output: the file name is empty; give a path such as report.csv'],
  ])('rejects %j', (raw, message) => {
    expect(usage(() => parseServiceLevelOptions(raw))).toContain(message);
  });
});

describe('occupancy options', () => {
  it('normalises and de-duplicates ids', () => {
    expect(parseOccupancyOptions({ agent: [ID.toUpperCase(), ID] }).agent).toEqual([ID]);
  });

  it('refuses --group with --input, since members come from the API', () => {
    expect(usage(() => parseOccupancyOptions({ input: 'x', group: [ID] }))).toContain('--input cannot be combined with --group');
  });

  it('an empty --agent (an unset variable) is an error, never everyone; emails need the API', () => {
    expect(usage(() => parseOccupancyOptions({ agent: ['', 'x'] }))).toBe('--agent: an empty id (an unset variable?); give one or more ids, comma-separated, or leave --agent out');
    expect(usage(() => parseOccupancyOptions({ input: 'x', agent: ['ann.lee@example.com'] }))).toContain('--agent: "ann.lee@example.com" is not an id; with --input give agent ids');
    expect(usage(() => parseOccupancyOptions({ db: 'h.sqlite', agent: ['ann.lee@example.com'] }))).toContain('--agent: "ann.lee@example.com" is not an id; with --db give agent ids');
    expect(parseOccupancyOptions({ agent: ['Ann.Lee@example.com'], interval: 'total' })).toMatchObject({ agent: ['Ann.Lee@example.com'], interval: 'total' });
  });
});

describe('list options', () => {
  it('takes queues, agents (with a selection) or groups', () => {
    expect(parseListOptions({ what: 'Queues' }).what).toBe('queues');
    expect(parseListOptions({ what: 'agents', queue: ['Sales'] })).toMatchObject({ what: 'agents', queue: ['Sales'] });
    expect(usage(() => parseListOptions({ what: 'skills' }))).toBe('list: "skills" is not something to list; use one of queues, agents, groups');
    expect(usage(() => parseListOptions({ what: 'groups', queue: ['Sales'] }))).toContain('--queue: only list agents takes a selection');
  });
});

describe('sim options', () => {
  it('defaults to port 8787 and seed 7', () => {
    expect(parseSimOptions({})).toMatchObject({ port: 8787, seed: 7, agents: 40 });
  });

  it.each([
    [{ port: '70000' }, '--port: "70000" is not valid; use a whole number from 0 to 65535'],
    [{ seed: 'abc' }, '--seed: "abc" is not valid'],
  ])('rejects %j', (raw, message) => {
    expect(usage(() => parseSimOptions(raw))).toContain(message);
  });
});
