import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../e2e/cli.js';
import { createOrg, writeConversationsNdjson } from '../../src/sim/index.js';
import { hasStackTrace, listFiles, tempDir } from './support.js';

/**
 * Bad input refused: exit 2, one line on stderr naming the input, the bad value and what is accepted, no stack
 * trace, nothing on stdout, the existing --output file untouched, and (for everything that can be checked before
 * the first request) no request sent: every case points the CLI at a tripwire server under its own path prefix.
 */

const W = ['--from', '2026-11-10', '--to', '2026-11-11', '--tz', 'UTC'];
const OLD = 'interval_start,old report\n';
const UUID = '6b1f2c3d-0a1b-4c2d-8e3f-123456789abc';
const ID = 'GENESYS_CLOUD_CLIENT_ID';
const SECRET = 'GENESYS_CLOUD_CLIENT_SECRET';

interface Case {
  name: string;
  args: string[];
  /** Merged over the default credentials and tripwire URL. */
  env?: Record<string, string>;
  /** Default variables to leave out. */
  unset?: string[];
  /** Files in the working directory (null: an empty directory). */
  files?: Record<string, string | Buffer | null>;
  stdin?: string;
  /** The message must name the input, quote the value, and say what is accepted. */
  input: string;
  value: string;
  accepted: RegExp;
}

let ndjson = '';
const ndjsonLines = () => ndjson.trimEnd().split('\n');
const withLine = (n: number, text: string) => ndjsonLines().map((l, i) => (i === n - 1 ? text : l)).join('\n') + '\n';

const cases: Case[] = [
  // Flags: malformed, out of range
  { name: '--threshold not a number', args: ['service-level', ...W, '--threshold', 'abc'], input: '--threshold', value: '"abc"', accepted: /0 to 86400/ },
  { name: '--threshold negative', args: ['service-level', ...W, '--threshold=-5'], input: '--threshold', value: '"-5"', accepted: /0 to 86400/ },
  { name: '--threshold too large', args: ['service-level', ...W, '--threshold', '100000'], input: '--threshold', value: '"100000"', accepted: /0 to 86400/ },
  { name: '--threshold finer than ms', args: ['service-level', ...W, '--threshold', '1.2345'], input: '--threshold', value: '"1.2345"', accepted: /0 to 86400/ },
  { name: '--threshold empty', args: ['service-level', ...W, '--threshold', ''], input: '--threshold', value: '""', accepted: /0 to 86400/ },
  { name: '--short-abandon too large', args: ['service-level', ...W, '--short-abandon', '4000'], input: '--short-abandon', value: '"4000"', accepted: /0 to 3600/ },
  { name: '--short-abandon not a number', args: ['service-level', ...W, '--short-abandon', 'x'], input: '--short-abandon', value: '"x"', accepted: /0 to 3600/ },
  { name: '--formula unknown', args: ['service-level', ...W, '--formula', 'median'], input: '--formula', value: 'median', accepted: /genesys, answered, offered/ },
  { name: '--source unknown', args: ['service-level', ...W, '--source', 'db'], input: '--source', value: 'db', accepted: /aggregates, details/ },
  { name: '--format unknown', args: ['occupancy', ...W, '--format', 'xml'], input: '--format', value: 'xml', accepted: /table, csv, json, ndjson/ },
  { name: '--interval unsupported', args: ['occupancy', ...W, '--interval', '7m'], input: '--interval', value: '"7m"', accepted: /15m, 30m, 60m \(1h\), 1d or total/ },
  { name: '--interval zero', args: ['occupancy', ...W, '--interval', '0m'], input: '--interval', value: '"0m"', accepted: /15m, 30m/ },
  { name: '--since unknown unit', args: ['occupancy', '--since', '5x'], input: '--since', value: '"5x"', accepted: /90m, 24h, 7d or 2w/ },
  { name: '--since zero', args: ['occupancy', '--since', '0h'], input: '--since', value: '"0h"', accepted: /90m, 24h/ },
  { name: '--since longer than 400 days', args: ['occupancy', '--since', '1000d'], input: '--since', value: '1000d', accepted: /400 days/ },
  { name: '--from not a date', args: ['occupancy', '--from', 'not-a-date', '--to', '2026-11-11'], input: '--from', value: '"not-a-date"', accepted: /ISO-8601/ },
  { name: '--from month 13', args: ['occupancy', '--from', '2026-13-45', '--to', '2026-13-46'], input: '--from', value: '"2026-13-45"', accepted: /ISO-8601/ },
  { name: '--from hour 25', args: ['occupancy', '--from', '2026-11-10T25:00', '--to', '2026-11-11'], input: '--from', value: '"2026-11-10T25:00"', accepted: /ISO-8601/ },
  { name: '--to with an offset of +25:00', args: ['occupancy', '--from', '2026-11-10', '--to', '2026-11-11T09:30:00+25:00', '--tz', 'UTC'], input: '--to', value: '2026-11-11T09:30:00+25:00', accepted: /ISO-8601|offset/ },
  { name: '--tz unknown zone', args: ['occupancy', ...W, '--tz', 'Mars/Base'], input: '--tz', value: '"Mars/Base"', accepted: /IANA/ },
  { name: '--agent empty (an unset variable)', args: ['occupancy', ...W, '--agent', ''], input: '--agent', value: 'empty id', accepted: /leave --agent out/ },
  { name: '--group empty', args: ['occupancy', ...W, '--group', ''], input: '--group', value: 'empty id', accepted: /leave --group out/ },
  { name: '--queue empty', args: ['service-level', ...W, '--queue', ''], input: '--queue', value: 'empty id', accepted: /leave --queue out/ },
  { name: '--agent email with --input', args: ['occupancy', ...W, '--input', 'x.json', '--agent', 'ann@example.com'], input: '--agent', value: '"ann@example.com"', accepted: /agent ids/ },
  { name: '--target over 100', args: ['service-level', ...W, '--target', '120'], input: '--target', value: '"120"', accepted: /0 to 100/ },
  { name: '--by unknown', args: ['service-level', ...W, '--by', 'agent'], input: '--by', value: '"agent"', accepted: /queue,media \| queue \| media \| none/ },
  { name: '--check without a target', args: ['service-level', ...W, '--threshold', '20', '--check'], input: '--check', value: 'target', accepted: /--target <pct>, or use --threshold queue/ },
  { name: '--media unknown in a list', args: ['occupancy', ...W, '--media', 'voice,fax'], input: '--media', value: '"fax"', accepted: /voice, chat, email/ },
  { name: '--request-timeout zero', args: ['occupancy', ...W, '--request-timeout', '0'], input: '--request-timeout', value: '"0"', accepted: /1 to 600/ },
  { name: '--request-timeout not a number', args: ['occupancy', ...W, '--request-timeout', 'abc'], input: '--request-timeout', value: '"abc"', accepted: /to 600/ },
  { name: '--request-timeout too large', args: ['occupancy', ...W, '--request-timeout', '601'], input: '--request-timeout', value: '"601"', accepted: /to 600/ },
  { name: '--output empty', args: ['occupancy', ...W, '--output', ''], input: '--output', value: '', accepted: /characters|empty|file/ },
  // Flags: conflicting
  { name: '--to after... before --from', args: ['occupancy', '--from', '2026-11-11', '--to', '2026-11-10'], input: '--to', value: '"2026-11-10"', accepted: /after --from/ },
  { name: '--to without --from', args: ['occupancy', '--to', '2026-11-10'], input: '--to', value: '"2026-11-10"', accepted: /--from|--since/ },
  { name: '--quiet with --verbose', args: ['occupancy', ...W, '--quiet', '--verbose'], input: '--quiet', value: '--verbose', accepted: /pick one/ },
  { name: '--input with --demo', args: ['occupancy', ...W, '--input', 'x.json', '--demo'], input: '--input', value: '--demo', accepted: /cannot be used together/ },
  { name: '--input with --group', args: ['occupancy', ...W, '--input', 'x.json', '--group', UUID], input: '--input', value: '--group', accepted: /use --agent/ },
  { name: '--short-abandon org with --input', args: ['service-level', ...W, '--short-abandon', 'org', '--input', 'x.json'], input: '--short-abandon', value: 'org', accepted: /--short-abandon <seconds>, or use the aggregates source/ },
  { name: '--input with --source aggregates', args: ['service-level', ...W, '--threshold', '20', '--input', 'x.json', '--source', 'aggregates'], input: '--input', value: '--source aggregates', accepted: /conversation details/ },
  // Unknown flags and commands, wrong arity
  { name: 'unknown flag', args: ['occupancy', ...W, '--frobnicate'], input: 'option', value: '--frobnicate', accepted: /--help/ },
  { name: 'unknown command', args: ['frobnicate'], input: 'command', value: 'frobnicate', accepted: /--help/ },
  { name: 'flag without its value', args: ['occupancy', '--tz', 'UTC', '--from'], input: '--from', value: 'argument missing', accepted: /--help/ },
  { name: 'stray argument', args: ['occupancy', ...W, 'extra'], input: 'occupancy', value: 'too many arguments', accepted: /Expected 0 arguments/ },
  // sim flags
  { name: 'sim --port out of range', args: ['sim', '--port', '70000'], input: '--port', value: '"70000"', accepted: /0 to 65535/ },
  { name: 'sim --port not a number', args: ['sim', '--port', 'abc'], input: '--port', value: '"abc"', accepted: /0 to 65535/ },
  { name: 'sim --seed negative', args: ['sim', '--seed', '-1'], input: '--seed', value: '"-1"', accepted: /0 to 2147483647/ },
  { name: 'sim --agents zero', args: ['sim', '--agents', '0'], input: '--agents', value: '"0"', accepted: /1 to 5000/ },
  { name: 'sim --latency too large', args: ['sim', '--latency', '99999999'], input: '--latency', value: '"99999999"', accepted: /0 to 60000/ },
  { name: 'sim --faults rate out of range', args: ['sim', '--faults', 'rate=2'], input: '--faults', value: 'rate=2', accepted: /0 to 1/ },
  { name: 'sim --faults unknown kind', args: ['sim', '--faults', 'kinds=boom'], input: '--faults', value: 'boom', accepted: /429, 500, 502/ },
  // Environment
  { name: 'no credentials', args: ['occupancy', ...W], unset: [ID, SECRET], input: 'credentials', value: 'no client id', accepted: /GENESYS_CLOUD_CLIENT_ID and GENESYS_CLOUD_CLIENT_SECRET/ },
  { name: 'no client secret', args: ['occupancy', ...W], unset: [SECRET], input: 'credentials', value: 'no client secret', accepted: /GENESYS_CLOUD_CLIENT_SECRET/ },
  { name: 'unknown region (env)', args: ['occupancy', ...W], env: { GENESYS_CLOUD_REGION: 'mars-1' }, input: 'GENESYS_CLOUD_REGION', value: '"mars-1"', accepted: /us-east-1, .*eu-west-1/ },
  { name: 'unknown region (Genesys CLI alias)', args: ['occupancy', ...W], env: { GENESYSCLOUD_REGION: 'mars-2' }, input: 'GENESYSCLOUD_REGION', value: '"mars-2"', accepted: /us-east-1/ },
  { name: 'unknown region (--region)', args: ['occupancy', ...W, '--region', 'bogus'], input: '--region', value: '"bogus"', accepted: /us-east-1/ },
  { name: 'API URL not a URL', args: ['occupancy', ...W], env: { GENESYS_CLOUD_API_URL: 'notaurl' }, input: 'GENESYS_CLOUD_API_URL', value: '"notaurl"', accepted: /http\(s\) URL/ },
  { name: 'API URL not http(s)', args: ['occupancy', ...W], env: { GENESYS_CLOUD_API_URL: 'ftp://x.example' }, input: 'GENESYS_CLOUD_API_URL', value: '"ftp://x.example"', accepted: /http\(s\) URL/ },
  { name: 'login URL not a URL', args: ['occupancy', ...W], env: { GENESYS_CLOUD_LOGIN_URL: 'http//x' }, input: 'GENESYS_CLOUD_LOGIN_URL', value: '"http//x"', accepted: /http\(s\) URL/ },
  { name: 'GCX_TZ unknown zone', args: ['occupancy', '--from', '2026-11-10', '--to', '2026-11-11'], env: { GCX_TZ: 'Nowhere/Zone' }, input: 'GCX_TZ', value: '"Nowhere/Zone"', accepted: /IANA/ },
  { name: 'unknown region in .env', args: ['occupancy', ...W], files: { '.env': 'GENESYS_CLOUD_REGION=mars-3\n' }, input: 'GENESYS_CLOUD_REGION (.env)', value: '"mars-3"', accepted: /us-east-1/ },
  { name: 'API URL in .env not a URL', args: ['occupancy', ...W], unset: ['GENESYS_CLOUD_API_URL'], files: { '.env': 'GENESYS_CLOUD_API_URL=bad url\n' }, input: 'GENESYS_CLOUD_API_URL (.env)', value: '"bad url"', accepted: /http\(s\) URL/ },
  { name: '.env without a secret', args: ['occupancy', ...W], unset: [ID, SECRET], files: { '.env': 'GENESYS_CLOUD_CLIENT_ID=from-dotenv\n' }, input: 'credentials', value: 'no client secret', accepted: /\.env/ },
  // --input files
  { name: '--input missing', args: ['service-level', ...W, '--threshold', '20', '--input', 'missing.json'], input: '--input', value: 'missing.json', accepted: /JSON, NDJSON or \.gz/ },
  { name: '--input empty', args: ['service-level', ...W, '--threshold', '20', '--input', 'empty.json'], files: { 'empty.json': '' }, input: '--input', value: 'empty.json', accepted: /conversations/ },
  { name: '--input not JSON', args: ['service-level', ...W, '--threshold', '20', '--input', 'notes.json'], files: { 'notes.json': 'hello\n' }, input: '--input', value: 'notes.json', accepted: /NDJSON/ },
  { name: '--input JSON of the wrong shape', args: ['service-level', ...W, '--threshold', '20', '--input', 'shape.json'], files: { 'shape.json': '{"foo":1}' }, input: '--input', value: 'shape.json', accepted: /conversation/ },
  { name: '--input array of numbers', args: ['service-level', ...W, '--threshold', '20', '--input', 'arr.json'], files: { 'arr.json': '[1,2]' }, input: '--input', value: 'arr.json', accepted: /conversation/ },
  { name: '--input NDJSON with one bad line', args: ['service-level', ...W, '--threshold', '20', '--input', 'day.ndjson'], files: { 'day.ndjson': '' }, input: '--input', value: 'day.ndjson line 3', accepted: /NDJSON/ },
  { name: '--input NDJSON with a mistyped field', args: ['occupancy', ...W, '--input', 'day.ndjson'], files: { 'day.ndjson': '' }, input: '--input', value: 'line 5', accepted: /participants/ },
  { name: '--input corrupt gzip', args: ['service-level', ...W, '--threshold', '20', '--input', 'day.ndjson.gz'], files: { 'day.ndjson.gz': Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from('garbage, not deflate data')]) }, input: '--input', value: 'day.ndjson.gz', accepted: /gzip/ },
  { name: '--input truncated gzip', args: ['service-level', ...W, '--threshold', '20', '--input', 'cut.ndjson.gz'], files: { 'cut.ndjson.gz': '' }, input: '--input', value: 'cut.ndjson.gz', accepted: /gzip/ },
  { name: '--input truncated JSON array', args: ['service-level', ...W, '--threshold', '20', '--input', 'cut.json'], files: { 'cut.json': '' }, input: '--input', value: 'cut.json', accepted: /JSON array of conversations/ },
  { name: '--input a directory', args: ['service-level', ...W, '--threshold', '20', '--input', 'adir'], files: { adir: null }, input: '--input', value: 'adir', accepted: /a file/ },
  { name: '--input - with garbage on stdin', args: ['service-level', ...W, '--threshold', '20', '--input', '-'], stdin: 'garbage\n', input: '--input', value: 'stdin', accepted: /NDJSON/ },
  { name: 'occupancy --input not JSON', args: ['occupancy', ...W, '--input', 'notes.json'], files: { 'notes.json': '{oops' }, input: '--input', value: 'notes.json', accepted: /NDJSON/ },
  // --output that cannot be written (found only when writing; the input is a good file, so no API is involved)
  { name: '--output in a missing directory', args: ['service-level', ...W, '--threshold', '20', '--input', 'good.ndjson', '--output', 'no-such-dir/r.csv'], files: { 'good.ndjson': '' }, input: '--output', value: 'no-such-dir/r.csv', accepted: /ENOENT|directory/ },
  { name: '--output is a directory', args: ['service-level', ...W, '--threshold', '20', '--input', 'good.ndjson', '--output', 'adir'], files: { 'good.ndjson': '', adir: null }, input: '--output', value: 'adir', accepted: /EISDIR|directory/ },
];

/** Fixture contents that depend on generated conversations (marked '' above). */
function fixture(name: string, caseName: string): string | Buffer {
  const day = ndjsonLines().slice(0, 30).join('\n') + '\n';
  if (name === 'good.ndjson') return day;
  if (name === 'cut.json') {
    const array = JSON.stringify(ndjsonLines().slice(0, 30).map((l) => JSON.parse(l) as unknown));
    return array.slice(0, array.length >> 1);
  }
  if (name === 'cut.ndjson.gz') {
    const gz = zlib.gzipSync(day);
    return gz.subarray(0, gz.length >> 1);
  }
  if (name === 'day.ndjson' && caseName.includes('bad line')) return withLine(3, '{"conversationId": "x", oops');
  if (name === 'day.ndjson') {
    const c = JSON.parse(ndjsonLines()[4]!) as Record<string, unknown>;
    return withLine(5, JSON.stringify({ ...c, participants: 'nope' }));
  }
  throw new Error(`no fixture ${name}`);
}

let tripwire: http.Server;
let tripwireUrl = '';
const contacted: string[] = [];

beforeAll(async () => {
  const org = createOrg({ seed: 7, agents: 40, queues: 6 });
  const start = Date.parse('2026-11-10T00:00:00Z');
  let text = '';
  // Only the first hour: 30-odd conversations are plenty, and writing them is quick.
  await writeConversationsNdjson(org, start, start + 3_600_000, (s) => {
    text += s;
  });
  ndjson = text;
  tripwire = http.createServer((req, res) => {
    contacted.push(req.url ?? '');
    // 400 at once (exit 3), so a case that wrongly reaches the network fails fast instead of retrying.
    res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_request"}');
  });
  await new Promise<void>((resolve) => tripwire.listen(0, '127.0.0.1', () => resolve()));
  tripwireUrl = `http://127.0.0.1:${(tripwire.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => tripwire.close(() => resolve())));

describe.concurrent(`bad input is refused with exit 2 (${cases.length} cases)`, () => {
  cases.forEach((c, i) => {
    it(c.name, async () => {
      expect(ndjsonLines().length).toBeGreaterThanOrEqual(30);
      const dir = tempDir('gcx-bad-');
      try {
        fs.writeFileSync(path.join(dir, 'existing.csv'), OLD);
        for (const [name, content] of Object.entries(c.files ?? {})) {
          const file = path.join(dir, name);
          if (content === null) fs.mkdirSync(file);
          else fs.writeFileSync(file, content === '' && name !== 'empty.json' ? fixture(name, c.name) : content);
        }
        const before = listFiles(dir);
        const prefix = `/case-${i}`;
        const env: Record<string, string> = {
          GENESYS_CLOUD_API_URL: tripwireUrl + prefix,
          [ID]: 'reliability-client',
          [SECRET]: 'reliability-secret-123',
          ...c.env,
        };
        for (const name of c.unset ?? []) delete env[name];
        const report = ['occupancy', 'service-level'].includes(c.args[0]!) && !c.args.includes('--output');
        // --output right after the command, so that a flag missing its value at the end stays at the end.
        const args = report ? [c.args[0]!, '--output', 'existing.csv', ...c.args.slice(1)] : c.args;
        const r = await runCli(args, { env, cwd: dir, timeoutMs: 15_000, ...(c.stdin !== undefined ? { stdin: c.stdin } : {}) });

        expect(r.code, r.stderr).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/^gcx-metrics: [^\n]+\n$/);
        expect(hasStackTrace(r.stderr)).toBe(false);
        expect(r.stderr).toContain(c.input);
        expect(r.stderr).toContain(c.value);
        expect(r.stderr).toMatch(c.accepted);
        expect(fs.readFileSync(path.join(dir, 'existing.csv'), 'utf8')).toBe(OLD);
        expect(listFiles(dir)).toEqual(before);
        expect(contacted.filter((u) => u.startsWith(`${prefix}/`))).toEqual([]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('the table', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });
});
