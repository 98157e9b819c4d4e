import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FALLBACK, NEED_MORE, RecordScanner } from '../../src/input/record-scanner.js';
import type { MetricObservation } from '../../src/records/metric-observation.js';
import { walkRecord } from '../../src/records/walk-record.js';
import { AGENT_METRICS } from '../../src/metrics/occupancy-from-details.js';
import { SERVICE_LEVEL_RECORD_METRICS } from '../../src/metrics/service-level-from-details.js';
import { createOrg, iterateConversations } from '../../src/sim/index.js';

/**
 * Differential test of the byte scanner against the reference path (JSON.parse, then walkRecord): whenever the
 * scanner returns a record, the reference must accept the same text and give the same conversationId and the same
 * metrics in the same order, bit for bit (Object.is: -0 and 0 differ). Falling back is always allowed, and counted
 * so the fast path is shown to be the one taken on real records.
 */

const WANTED_SETS = [SERVICE_LEVEL_RECORD_METRICS, AGENT_METRICS, new Set([...SERVICE_LEVEL_RECORD_METRICS, ...AGENT_METRICS])];
const scanners = WANTED_SETS.map((w) => new RecordScanner(w));

type Outcome = { kind: 'record'; id: string; metrics: MetricObservation[] } | { kind: 'error' };

function reference(text: string, wanted: ReadonlySet<string>): Outcome {
  try {
    const record = JSON.parse(text) as { conversationId?: unknown };
    const metrics: MetricObservation[] = [];
    walkRecord(record, wanted, (m) => metrics.push(m));
    return { kind: 'record', id: record.conversationId as string, metrics };
  } catch {
    return { kind: 'error' };
  }
}

const stats = { scanned: 0, fellBack: 0, needMore: 0 };

/** Scans `bytes` as one whole record with each wanted set; fails the test on any disagreement. */
function compare(bytes: Buffer, what: string): void {
  const text = bytes.toString('utf8');
  // The scanner reads a record where an object starts; the framer hands it nothing else.
  let start = 0;
  while (start < bytes.length && ' \t\r\n'.includes(String.fromCharCode(bytes[start]!))) start++;
  if (bytes[start] !== 123) return;
  WANTED_SETS.forEach((wanted, i) => {
    const scanner = scanners[i]!;
    const end = scanner.scan(bytes, start, bytes.length);
    if (end === FALLBACK) return void stats.fellBack++;
    if (end === NEED_MORE) return void stats.needMore++;
    // A record followed by more than whitespace is two values: the framer reads the rest as the next one.
    if (bytes.subarray(end).toString('latin1').trim() !== '') return;
    stats.scanned++;
    const expected = reference(text, wanted);
    if (expected.kind !== 'record') throw new Error(`${what}: the scanner accepted what JSON.parse + walkRecord refuse:\n${text}`);
    const metrics: MetricObservation[] = [];
    scanner.emit((m) => metrics.push(m));
    const ids = new (class {
      seen: string[] = [];
      add(id: string) {
        this.seen.push(id);
        return true;
      }
      addBytes(b: Uint8Array, s: number, e: number) {
        this.seen.push(Buffer.from(b.subarray(s, e)).toString('utf8'));
        return true;
      }
    })();
    scanner.addIdTo(ids as never);
    const same = ids.seen[0] === expected.id && metrics.length === expected.metrics.length && metrics.every((m, k) => sameObservation(m, expected.metrics[k]!));
    if (!same) {
      expect({ id: ids.seen[0], metrics }, `${what}: scanner and JSON.parse disagree on\n${text}`).toEqual({ id: expected.id, metrics: expected.metrics });
      throw new Error(`${what}: -0 / NaN difference on\n${text}`);
    }
  });
}

function sameObservation(a: MetricObservation, b: MetricObservation): boolean {
  return (Object.keys(b) as (keyof MetricObservation)[]).every((k) => Object.is(a[k], b[k])) && Object.keys(a).length === Object.keys(b).length;
}

/** mulberry32: small, seeded, good enough to drive a fuzzer reproducibly. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof rng>;

// Thousands of records each: slow on a loaded two-core machine, never a timed assertion.
describe('the record scanner agrees with JSON.parse + walkRecord', { timeout: 180_000 }, () => {
  it("on the simulator's records (and reads every one of them itself)", () => {
    const before = { ...stats };
    const org = createOrg({ seed: 3, agents: 15, queues: 4 });
    const day = Date.UTC(2026, 10, 20);
    let n = 0;
    for (const conversation of iterateConversations(org, day, day + 86_400_000)) {
      compare(Buffer.from(JSON.stringify(conversation)), `sim record ${n++}`);
      if (n % 10 === 0) compare(Buffer.from(JSON.stringify(conversation, null, 2)), `sim record ${n} pretty`);
    }
    expect(n).toBeGreaterThan(150);
    expect(stats.fellBack - before.fellBack).toBe(0);
    expect(stats.scanned - before.scanned).toBe(3 * (n + Math.floor(n / 10)));
  });

  it('on every JSON file in test/fixtures, whole and record by record', () => {
    const dir = new URL('../fixtures/genesys/', import.meta.url);
    let records = 0;
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const text = readFileSync(new URL(name, dir));
      compare(text, name);
      const parsed = JSON.parse(text.toString('utf8')) as { conversations?: unknown[]; conversationId?: string };
      for (const record of parsed.conversations ?? (parsed.conversationId ? [parsed] : [])) {
        records++;
        compare(Buffer.from(JSON.stringify(record)), `${name} record`);
        compare(Buffer.from(JSON.stringify(record, null, '\t')), `${name} record, tabs`);
      }
    }
    expect(records).toBeGreaterThanOrEqual(3);
  });

  it('on 3,000 generated records: any key order, escapes, every number form, unknown fields, whitespace anywhere', () => {
    const r = rng(20261125);
    const before = { ...stats };
    for (let i = 0; i < 3000; i++) compare(Buffer.from(generateRecord(r)), `generated record ${i}`);
    // Three wanted sets each: about a quarter are read by the scanner itself, the rest exercise the fallback.
    expect(stats.scanned - before.scanned).toBeGreaterThan(1500);
    expect(stats.fellBack - before.fellBack).toBeGreaterThan(1500);
  });

  it('on 8,000 mutated records (bytes deleted, inserted, replaced, spans repeated, cut short)', () => {
    const r = rng(7);
    const org = createOrg({ seed: 5, agents: 20, queues: 3 });
    const day = Date.UTC(2026, 10, 20);
    const seeds = [...iterateConversations(org, day, day + 86_400_000)].slice(0, 200).map((c) => JSON.stringify(c));
    for (let i = 0; i < 200; i++) seeds.push(generateRecord(r));
    for (let i = 0; i < 8000; i++) {
      const bytes = mutate(Buffer.from(r.pick(seeds)), r);
      compare(bytes, `mutation ${i}`);
    }
  });

  it('reads numbers exactly as JSON.parse, in every form', () => {
    const forms = ['0', '-0', '7', '-7', '12345678901234', '123456789012345', '1234567890123456', '9007199254740993', '-9007199254740993',
      '1.5', '-0.0', '0.1', '1e3', '1E3', '1e+3', '1e-3', '-1.25e-7', '123456789012345678901234567890', '1.7976931348623157e308',
      '5e-324', '1e400', '-1e400', '0.30000000000000004', '2.2250738585072014e-308', '100.000', '0e0'];
    for (const form of forms) {
      const text = `{"conversationId":"c","participants":[{"sessions":[{"segments":[{"queueId":"q"}],"metrics":[{"name":"tAnswered","value":${form},"emitDate":"2026-11-20T09:00:00.000Z"}]}]}]}`;
      const scanner = scanners[0]!;
      expect(scanner.scan(Buffer.from(text), 0, text.length), form).toBe(text.length);
      const seen: number[] = [];
      scanner.emit((m) => seen.push(m.value));
      expect(Object.is(seen[0], JSON.parse(form)), form).toBe(true);
    }
    for (const bad of ['01', '-', '1.', '.5', '+1', '1e', '1e+', '--1', '0x10', 'NaN', 'Infinity', '1_000']) {
      const text = `{"conversationId":"c","participants":[{"sessions":[{"metrics":[{"name":"tAnswered","value":${bad},"emitDate":"2026-11-20T09:00:00.000Z"}]}]}]}`;
      expect(scanners[0]!.scan(Buffer.from(text), 0, text.length), bad).toBe(FALLBACK);
    }
  });

  it('finds the end of a string four bytes at a time wherever in a word its quote, escape or control byte falls', () => {
    // Every string length 0-13 with a special byte at every position, at all four alignments of the buffer and of
    // the record in it: the word loop must stop exactly where the byte loop would.
    const specials = ['\\"', '\\\\', '\\u0041', '\\n', '\u0001', '\u001f', '\t', 'é', '\u00ff', '\u0080', ' ', '~', '\u007f', '"'];
    let checked = 0;
    const scannedBefore = stats.scanned;
    for (let length = 0; length <= 13; length++) {
      for (let at = 0; at <= length; at++) {
        for (const special of specials) {
          const inner = 'abcdefghijklmn'.slice(0, length);
          const name = inner.slice(0, at) + special + inner.slice(at);
          for (const field of ['participantName', 'unknownField']) {
            const text = `{"conversationId":"c","participants":[{"${field}":"${name}","purpose":"acd","sessions":[{"segments":[{"queueId":"q"}],"metrics":[{"name":"tAnswered","value":1,"emitDate":"2026-11-20T09:00:00.000Z"}]}]}]}`;
            for (let shift = 0; shift < 4; shift++) {
              const backing = Buffer.alloc(shift + 4 + Buffer.byteLength(text) + 4, 0x20);
              backing.write(text, shift + 4);
              // Views at 4 different byte offsets into one ArrayBuffer, the record at 4 different offsets in each.
              compare(backing.subarray(shift), `length ${length}, ${JSON.stringify(special)} at ${at}, shift ${shift}`);
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBe(2 * 4 * specials.length * ((14 * 15) / 2));
    // The fast path read most of them (all but the escapes and the invalid ones), with three wanted sets each.
    expect(stats.scanned - scannedBefore).toBeGreaterThan(3 * checked * 0.4);
  });

  it('asks for more bytes, never guesses, when a record is cut at any byte', () => {
    const org = createOrg({ seed: 9, agents: 10, queues: 2 });
    const day = Date.UTC(2026, 10, 20);
    const text = Buffer.from(JSON.stringify([...iterateConversations(org, day, day + 86_400_000)][0]));
    for (let cut = 1; cut < text.length; cut++) expect(scanners[2]!.scan(text, 0, cut)).toBe(NEED_MORE);
    expect(scanners[2]!.scan(text, 0, text.length)).toBe(text.length);
  });
});

// ---- the generator ----

const METRIC_NAMES = ['nOffered', 'tAnswered', 'tAbandon', 'tFlowOut', 'tHandle', 'tTalk', 'tHeld', 'tAcw', 'nConnected', 'tAlert', 'tanswered', 'tAnswered2'];
const UNKNOWN_KEYS = ['segmentType', 'disconnectType', 'conversationStart', 'wrapUpCode', 'divisionIds', 'x', '', 'conversationid', 'Participants', 'metric', 'values', 'emitdate'];

function numberText(r: Rng): string {
  switch (r.int(10)) {
    case 0:
      return String(r.int(100_000));
    case 1:
      return `-${r.int(1000)}`;
    case 2:
      return `${r.int(1000)}.${r.int(1000)}`;
    case 3:
      return `${r.int(10)}e${r.pick(['', '+', '-'])}${r.int(30)}`;
    case 4:
      return `${r.int(10)}.${r.int(100)}E${r.pick(['', '+', '-'])}${r.int(400)}`;
    case 5:
      return r.pick(['0', '-0', '0.0', '-0.0', '9007199254740993', '18446744073709551616', '1e308', '1e-400']);
    default:
      return String(r.int(3_600_000));
  }
}

function stringText(r: Rng, plain: string): string {
  if (!r.chance(0.08)) return JSON.stringify(plain);
  // Escapes and raw non-ASCII: the same string spelled differently, or a different string.
  const pieces = [...plain].map((ch) => (r.chance(0.1) ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch));
  if (r.chance(0.5)) pieces.splice(r.int(pieces.length + 1), 0, r.pick(['é', '😀', '\\n', '\\"', '\\\\', '\\/', '\\ud83d\\ude00', '\\t', 'Ω']));
  return `"${pieces.join('')}"`;
}

function instantText(r: Rng): string {
  const ms = Date.UTC(2026, 10, 18) + r.int(4 * 86_400_000);
  const iso = new Date(ms).toISOString();
  switch (r.int(12)) {
    case 0:
      return iso.replace('.000Z', 'Z').replace(/\.\d{3}Z$/, 'Z');
    case 1:
      return iso.replace('Z', '+01:00');
    case 2:
      return iso.replace('Z', '');
    case 3:
      return iso.replace(/-(\d)(\d)T/, (_, a, b) => (a === '0' ? `-${b}T` : `-${a}${b}T`));
    case 4:
      return r.pick(['yesterday', '2026-13-01T00:00:00.000Z', '2026-11-20T25:00:00.000Z', '', '2026-11-20T09:30:0x.000Z', 'Nov 20 2026']);
    default:
      return iso;
  }
}

/** A random value for an unknown field: nested objects and arrays of any depth, every scalar. */
function junk(r: Rng, depth: number, ws: () => string): string {
  const k = depth > 4 ? r.int(5) : r.int(7);
  switch (k) {
    case 0:
      return numberText(r);
    case 1:
      return stringText(r, r.pick(['a', 'voice', 'x y', '']));
    case 2:
      return r.pick(['true', 'false', 'null']);
    case 3:
      return `${ws()}${numberText(r)}${ws()}`;
    case 4:
      return stringText(r, r.pick(UNKNOWN_KEYS));
    case 5:
      return `[${ws()}${Array.from({ length: r.int(4) }, () => junk(r, depth + 1, ws)).join(`${ws()},${ws()}`)}${ws()}]`;
    default:
      return obj(r, Array.from({ length: r.int(4) }, () => [r.pick(UNKNOWN_KEYS), junk(r, depth + 1, ws)] as [string, string]), ws);
  }
}

function obj(r: Rng, members: [string, string][], ws: () => string): string {
  // Any order; now and then a member twice (JSON.parse keeps the last).
  const shuffled = [...members].sort(() => r.next() - 0.5);
  if (shuffled.length > 0 && r.chance(0.03)) shuffled.push(r.pick(shuffled));
  return `{${ws()}${shuffled.map(([k, v]) => `${stringText(r, k)}${ws()}:${ws()}${v}`).join(`${ws()},${ws()}`)}${ws()}}`;
}

function generateRecord(r: Rng): string {
  const spaced = r.chance(0.3);
  const ws = () => (spaced && r.chance(0.3) ? r.pick([' ', '\n', '\t', '\r\n', '  ']) : '');
  const arr = (items: string[]) => `[${ws()}${items.join(`${ws()},${ws()}`)}${ws()}]`;
  const maybe = (p: number, s: string, alt: () => string) => (r.chance(p) ? s : alt());
  const uuid = () => `${r.int(0xffffffff).toString(16).padStart(8, '0')}-0000-4000-8000-${r.int(0xffffff).toString(16).padStart(12, '0')}`;
  const metric = () => {
    const members: [string, string][] = [];
    if (r.chance(0.97)) members.push(['name', maybe(0.97, stringText(r, r.pick(METRIC_NAMES)), () => junk(r, 3, ws))]);
    if (r.chance(0.97)) members.push(['value', maybe(0.95, numberText(r), () => junk(r, 3, ws))]);
    if (r.chance(0.97)) members.push(['emitDate', maybe(0.97, stringText(r, instantText(r)), () => junk(r, 3, ws))]);
    if (r.chance(0.2)) members.push([r.pick(UNKNOWN_KEYS), junk(r, 3, ws)]);
    return obj(r, members, ws);
  };
  const segment = () => {
    const members: [string, string][] = [['segmentType', '"interact"']];
    if (r.chance(0.6)) members.push(['queueId', maybe(0.95, stringText(r, r.pick(['q1', 'q2', '', uuid()])), () => junk(r, 3, ws))]);
    return obj(r, members, ws);
  };
  const session = () => {
    const members: [string, string][] = [];
    if (r.chance(0.9)) members.push(['mediaType', maybe(0.95, stringText(r, r.pick(['voice', 'chat', 'email', 'callback', 'Δ'])), () => junk(r, 3, ws))]);
    if (r.chance(0.9)) members.push(['segments', maybe(0.97, arr(Array.from({ length: r.int(4) }, segment)), () => junk(r, 3, ws))]);
    if (r.chance(0.9)) members.push(['metrics', maybe(0.97, arr(Array.from({ length: r.int(5) }, metric)), () => junk(r, 3, ws))]);
    if (r.chance(0.3)) members.push(['sessionId', stringText(r, uuid())]);
    return obj(r, members, ws);
  };
  const participant = () => {
    const members: [string, string][] = [];
    if (r.chance(0.7)) members.push(['userId', maybe(0.95, stringText(r, uuid()), () => junk(r, 3, ws))]);
    if (r.chance(0.9)) members.push(['purpose', maybe(0.95, stringText(r, r.pick(['acd', 'agent', 'customer', 'ivr', ''])), () => junk(r, 3, ws))]);
    if (r.chance(0.5)) members.push(['participantName', maybe(0.95, stringText(r, r.pick(['Sales', 'Support', 'Zoë', 'John "JD" Doe'])), () => junk(r, 3, ws))]);
    if (r.chance(0.95)) members.push(['sessions', maybe(0.97, arr(Array.from({ length: r.int(3) }, session)), () => junk(r, 3, ws))]);
    if (r.chance(0.3)) members.push([r.pick(UNKNOWN_KEYS), junk(r, 2, ws)]);
    return obj(r, members, ws);
  };
  const members: [string, string][] = [];
  if (r.chance(0.97)) members.push(['conversationId', maybe(0.97, stringText(r, r.chance(0.9) ? uuid() : 'c-1'), () => junk(r, 2, ws))]);
  members.push(['conversationStart', stringText(r, instantText(r))]);
  if (r.chance(0.95)) members.push(['participants', maybe(0.97, arr(Array.from({ length: r.int(4) }, participant)), () => junk(r, 2, ws))]);
  for (let i = r.int(3); i > 0; i--) members.push([r.pick(UNKNOWN_KEYS), junk(r, 1, ws)]);
  return `${ws()}${obj(r, members, ws)}${ws()}`;
}

const MUTATION_BYTES = Buffer.from('{}[]",:\\ \n\t\r0123456789-+.eEtrufalsn\u0000\u001f\u007f', 'latin1');

function mutate(bytes: Buffer, r: Rng): Buffer {
  let b = bytes;
  for (let k = 1 + r.int(3); k > 0; k--) {
    const at = r.int(b.length);
    const byte = r.chance(0.8) ? MUTATION_BYTES[r.int(MUTATION_BYTES.length)]! : 0x80 + r.int(128);
    switch (r.int(5)) {
      case 0:
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]);
        break;
      case 1:
        b = Buffer.concat([b.subarray(0, at), Buffer.from([byte]), b.subarray(at)]);
        break;
      case 2:
        b = Buffer.from(b);
        b[at] = byte;
        break;
      case 3: {
        const len = 1 + r.int(40);
        b = Buffer.concat([b.subarray(0, at + len), b.subarray(at, at + len), b.subarray(at + len)]);
        break;
      }
      default:
        b = b.subarray(0, at);
    }
  }
  return b;
}
