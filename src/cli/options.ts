import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { IANAZone } from 'luxon';
import { UsageError } from '../errors.js';
import { FORMATS } from '../output/formats.js';
import { parseInterval, parseSince } from '../time/duration.js';
import { checkToNeedsFrom } from '../time/window.js';
import { checkZoneName } from '../time/zone-name.js';
import { SERVICE_LEVEL_BY, type ServiceLevelBy, type ShortAbandon } from '../metrics/service-level.js';
import { UUID } from '../selection/match-names.js';
import { LIST_WHAT } from '../spec/list-spec.js';
import { CHECK_DEFAULTS, FORMULAS, REPORT_DEFAULTS, SIM_DEFAULTS, SOURCES, SYNC_DEFAULT_REPORTS, SYNC_DEFAULTS, SYNC_REPORTS, TOTAL_INTERVAL } from './defaults.js';

// zod/mini, not classic zod: the flags are parsed on every start, and classic zod took ~6 ms more to load there.
// mini carries no messages of its own; the English ones are classic zod's, word for word.
z.config(en());

/**
 * The commands' options: what the flags become once validated. src/cli declares the flags and calls these parsers;
 * the commands take the results and turn them into domain values (window, selection, output) at their top.
 */

/** Genesys mediaType values (PY-SDK enum), as --media accepts them. */
export const MEDIA_TYPES = [
  'voice', 'chat', 'email', 'message', 'callback', 'cobrowse', 'internalmessage', 'screenshare', 'screenmonitoring', 'video', 'unknown',
] as const;

/**
 * --queue/--group (an id or an exact name) and --agent (an id or an email), resolved through the API by the
 * commands. An empty value (`--agent "$UNSET"` in a cron line) is an error, never "everyone".
 */
export const selectors = (flag: string) =>
  z.pipe(
    z._default(z.array(z.string()), []).check(
      z.superRefine((values, ctx) => {
        if (values.some((v) => v.trim() === '')) {
          ctx.addIssue({ code: 'custom', message: `${flag}: an empty id (an unset variable?); give one or more ids, comma-separated, or leave ${flag} out` });
        }
      }),
    ),
    z.transform((values: string[]) => [...new Set(values.map((v) => (UUID.test(v.trim()) ? v.trim().toLowerCase() : v.trim())))]),
  );

/**
 * A flag's text turned into its value by `decide`, which calls `fail` with the one line to print when the text is
 * not valid (zod/mini's transforms report issues on the payload, classic zod's `ctx.addIssue` is not there).
 */
export function textFlag<I extends string | undefined, T>(input: z.ZodMiniType<I>, decide: (text: I, fail: (message: string) => never) => T) {
  return z.pipe(
    input,
    z.transform((text: I, payload) =>
      decide(text, (message) => {
        payload.issues.push({ code: 'custom', message, input: text });
        return z.NEVER;
      }),
    ),
  );
}

export function optionalText<T>(decide: (text: string | undefined, fail: (message: string) => never) => T) {
  return textFlag(z.optional(z.string()), decide);
}

/**
 * `--threshold <seconds>|queue`, `fallback` when not given. The reports' and sync's default is undefined: `queue` is
 * applied in specs.ts, because a `--db` report and a later `sync` take the stored value instead, and must know
 * whether one was given.
 */
export const thresholdFlag = <F extends number | 'queue' | undefined>(fallback: F) => optionalText((text, fail): number | 'queue' | F => {
    if (text === undefined) return fallback;
    if (text.trim().toLowerCase() === 'queue') return 'queue';
    const value = /^\d+(\.\d{1,3})?$/.test(text.trim()) ? Number(text) : NaN;
    if (!(value >= 0 && value <= 86_400)) {
      return fail(`--threshold: "${text}" is not a number of seconds or "queue"; use a number from 0 to 86400, e.g. 20 or 7.5, or queue (each queue's own target)`);
    }
    return value;
  });

export const threshold = thresholdFlag(undefined);

/** `--short-abandon <seconds>|org`, undefined when not given (as --threshold). */
const shortAbandon = optionalText((text, fail): ShortAbandon | undefined => {
    if (text === undefined) return undefined;
    if (text.trim().toLowerCase() === 'org') return 'org';
    const value = /^\d+(\.\d{1,3})?$/.test(text.trim()) ? Number(text) : NaN;
    if (!(value >= 0 && value <= 3_600)) {
      return fail(`--short-abandon: "${text}" is not a number of seconds or "org"; use a number from 0 to 3600, e.g. 5, or org (Genesys's own tShortAbandon)`);
    }
    return value;
  });

/** `--formula`, undefined when not given (as --threshold). */
const formula = z.optional(z.enum(FORMULAS));

/** `--target <pct>`: 0–100, up to 2 decimals. */
export const target = optionalText((text, fail) => {
    if (text === undefined) return undefined;
    const value = /^\d+(\.\d{1,2})?$/.test(text.trim()) ? Number(text) : NaN;
    if (!(value >= 0 && value <= 100)) {
      return fail(`--target: "${text}" is not a percentage; use a number from 0 to 100 with up to 2 decimals, e.g. 80`);
    }
    // 0.8 is almost surely "80 %" written as a fraction; a real 0.8 % goal is no goal at all.
    if (value > 0 && value < 1) return fail(`--target: "${text}" looks like a fraction; use ${Math.round(value * 10_000) / 100} for ${Math.round(value * 10_000) / 100} %`);
    return value;
  });

const by = optionalText((text, fail): ServiceLevelBy => {
    if (text === undefined) return 'queue,media';
    const value = text.trim().toLowerCase().replace(/\s+/g, '');
    const normal = value === 'media,queue' ? 'queue,media' : value;
    if (!(SERVICE_LEVEL_BY as readonly string[]).includes(normal)) {
      return fail(`--by: "${text}" is not a grouping; use one of ${SERVICE_LEVEL_BY.join(' | ')}`);
    }
    return normal as ServiceLevelBy;
  });

export const media = z._default(z.array(z.string()), []).check(
  z.superRefine((values, ctx) => {
    const bad = values.find((v) => !(MEDIA_TYPES as readonly string[]).includes(v));
    if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `--media: "${bad}" is not a media type; use one of ${MEDIA_TYPES.join(', ')}` });
  }),
);

/** A number of seconds in [min, max] with at most millisecond precision. */
export const seconds = (flag: string, fallback: number, max: number, min = 0) =>
  optionalText((text, fail) => {
      if (text === undefined) return fallback;
      const value = /^\d+(\.\d{1,3})?$/.test(text.trim()) ? Number(text) : NaN;
      if (!(value >= min && value <= max)) {
        return fail(`${flag}: "${text}" is not a number of seconds; use a number from ${min} to ${max}, e.g. 20 or 7.5`);
      }
      return value;
    });

export const integer = (flag: string, fallback: number, min: number, max: number) =>
  optionalText((text, fail) => {
      if (text === undefined) return fallback;
      const value = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
      if (!(value >= min && value <= max)) {
        return fail(`${flag}: "${text}" is not valid; use a whole number from ${min} to ${max}`);
      }
      return value;
    });

/** A boolean flag, off unless given. */
export function booleanFlag() {
  return z._default(z.boolean(), false);
}

export const common = {
  since: z.optional(z.string()),
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  /** Undefined when not given: a `--db` report and a later sync take the stored interval. */
  interval: z.optional(z.string()),
  tz: z.optional(z.string()),
  media,
  format: z.optional(z.enum(FORMATS)),
  output: z.optional(z.string().check(z.minLength(1, '--output: the file name is empty; give a path such as report.csv'))),
  columns: z.optional(z.array(z.string())),
  hideEmpty: booleanFlag(),
  all: booleanFlag(),
  region: z.optional(z.string()),
  demo: booleanFlag(),
  requestTimeout: seconds('--request-timeout', REPORT_DEFAULTS.requestTimeoutS, 600, 1),
  quiet: booleanFlag(),
  verbose: booleanFlag(),
};

/** `--db` on a report: read the stored history instead of the API (the target is validated by src/store/target.ts). */
export const db = z.optional(z.string());

const OccupancyOptions = z.object({
  ...common,
  agent: selectors('--agent'),
  group: selectors('--group'),
  queue: selectors('--queue'),
  input: z.optional(z.string().check(z.minLength(1))),
  db,
});

/**
 * The queues a queue report measures, against which goals, and what `--check` looks at (service-level, staffing).
 * The goal flags stay undefined when not given: a `--db` report then takes the database's stored ones (specs.ts).
 */
export const queueGoalFlags = {
  queue: selectors('--queue'),
  threshold,
  target,
  formula,
  shortAbandon,
  check: booleanFlag(),
  minOffered: integer('--min-offered', CHECK_DEFAULTS.minOffered, 0, 1_000_000_000),
};

const ServiceLevelOptions = z.object({
  ...common,
  ...queueGoalFlags,
  by,
  source: z.optional(z.enum(SOURCES)),
  input: z.optional(z.string().check(z.minLength(1))),
  db,
});

const SyncOptions = z.object({
  ...common,
  db,
  report: z.pipe(
    z._default(z.array(z.string()), [...SYNC_DEFAULT_REPORTS]).check(
      z.superRefine((values, ctx) => {
        const bad = values.find((v) => !(SYNC_REPORTS as readonly string[]).includes(v));
        if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `--report: "${bad}" is not a report; use ${SYNC_REPORTS.join(', ')} (comma-separated)` });
        if (values.length === 0) ctx.addIssue({ code: 'custom', message: `--report: no report named; use ${SYNC_REPORTS.join(', ')}` });
      }),
    ),
    z.transform((values: string[]) => SYNC_REPORTS.filter((r) => values.includes(r))),
  ),
  restate: z._default(z.string(), SYNC_DEFAULTS.restate),
  backfill: z._default(z.string(), SYNC_DEFAULTS.backfill),
  // Names and emails are resolved to ids at each run; the stored settings keep the ids.
  agent: selectors('--agent'),
  group: selectors('--group'),
  queue: selectors('--queue'),
  threshold,
  shortAbandon,
  formula,
});


const ListOptions = z.object({
  ...common,
  what: textFlag(z.string(), (text, fail) => {
    const value = text.trim().toLowerCase();
    if (!(LIST_WHAT as readonly string[]).includes(value)) {
      return fail(`list: "${text}" is not something to list; use one of ${LIST_WHAT.join(', ')}`);
    }
    return value as (typeof LIST_WHAT)[number];
  }),
  queue: selectors('--queue'),
  group: selectors('--group'),
});

const SimOptions = z.object({
  port: integer('--port', SIM_DEFAULTS.port, 0, 65_535),
  seed: integer('--seed', SIM_DEFAULTS.seed, 0, 2 ** 31 - 1),
  agents: integer('--agents', SIM_DEFAULTS.agents, 1, 5_000),
  latency: integer('--latency', SIM_DEFAULTS.latencyMs, 0, 60_000),
  faults: z.optional(z.string()),
  export: booleanFlag(),
});

export type CommonOptions = z.infer<z.ZodMiniObject<typeof common>>;
export type OccupancyOptions = z.infer<typeof OccupancyOptions>;
export type ServiceLevelOptions = z.infer<typeof ServiceLevelOptions> & { source: (typeof SOURCES)[number] };
export type SimCommandOptions = z.infer<typeof SimOptions>;
export type ListOptions = z.infer<typeof ListOptions>;
export type SyncOptions = z.infer<typeof SyncOptions>;

export function parse<T>(schema: z.ZodMiniType<T>, raw: Record<string, unknown>): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  // Our own messages name the flag already; zod's generic ones get it prefixed.
  const named = issue.message.startsWith('--') || issue.message.startsWith('list:');
  throw new UsageError(named ? issue.message : `--${String(issue.path[0] ?? '?')}: ${issue.message}`);
}

/**
 * Flags that cannot go together, and window flags that cannot parse, get one clear line each before any
 * configuration or credentials are looked at: the flag the user just typed is the likelier mistake.
 */
export function checkCommonConflicts(o: CommonOptions & { input?: string }, toAlone = false): void {
  if (o.interval !== undefined && o.interval.trim().toLowerCase() !== TOTAL_INTERVAL) {
    try {
      parseInterval(o.interval);
    } catch {
      throw new UsageError(`--interval: "${o.interval}" is not a supported interval; use 15m, 30m, 60m (1h), 1d or total`);
    }
  }
  if (o.since !== undefined) parseSince(o.since);
  if (o.tz !== undefined) checkZoneName(o.tz, '--tz');
  if (o.tz !== undefined && !IANAZone.isValidZone(o.tz)) {
    throw new UsageError(`--tz: "${o.tz}" is not an IANA time zone; use a name such as Europe/London, America/New_York or UTC`);
  }
  if (o.quiet && o.verbose) throw new UsageError('--quiet and --verbose cannot be used together; pick one');
  if (o.input !== undefined && o.demo) throw new UsageError('--input and --demo cannot be used together: --input reads a file, --demo queries the simulated org');
  if (o.format === 'parquet' && (o.output === undefined || o.output === '-')) {
    throw new UsageError('--format parquet: needs --output <file> (Parquet is binary and written whole); e.g. --output report.parquet');
  }
  // sync takes --to alone: where its run ends instead of now.
  if (!toAlone) checkToNeedsFrom(o);
}

export function parseOccupancyOptions(raw: Record<string, unknown>): OccupancyOptions {
  const o = parse(OccupancyOptions, raw);
  checkCommonConflicts(o);
  checkDbReport(o);
  if (o.db !== undefined && (o.group.length > 0 || o.queue.length > 0)) {
    throw new UsageError('--db cannot be combined with --group or --queue (members come from the API); use --agent');
  }
  if (o.input !== undefined && (o.group.length > 0 || o.queue.length > 0)) {
    throw new UsageError('--input cannot be combined with --group or --queue (members come from the API); use --agent');
  }
  // Emails are looked up through the API; a file or the database knows agents by id only.
  const offline = o.input !== undefined ? '--input' : o.db !== undefined ? '--db' : undefined;
  const email = offline ? o.agent.find((a) => !UUID.test(a)) : undefined;
  if (email !== undefined) throw new UsageError(`--agent: "${email}" is not an id; with ${offline} give agent ids (emails are looked up through the API)`);
  return o;
}

export function parseServiceLevelOptions(raw: Record<string, unknown>): ServiceLevelOptions {
  const o = parse(ServiceLevelOptions, raw);
  checkCommonConflicts(o);
  checkDbReport(o);
  if (o.db !== undefined && o.source === 'details') throw new UsageError('--db and --source details cannot be used together: --db reads stored history');
  if (o.input !== undefined && o.source === 'aggregates') {
    throw new UsageError('--input and --source aggregates cannot be used together: a file holds conversation details');
  }
  // Only a numeric threshold lacks a target; the default (each queue's own) brings one. A --db report whose stored
  // threshold is numeric is checked once the stored settings are known (specs.ts).
  if (o.check && typeof o.threshold === 'number' && o.target === undefined) throw checkNeedsTarget();
  const records = o.input !== undefined ? '--input' : o.source === 'details' ? '--source details' : undefined;
  if (o.shortAbandon === 'org' && records !== undefined) {
    throw new UsageError(
      `--short-abandon org cannot be used with ${records}: conversation details records carry no tShortAbandon metric to count; give --short-abandon <seconds>, or use the aggregates source`,
    );
  }
  return { ...o, source: o.source ?? (o.input !== undefined ? 'details' : REPORT_DEFAULTS.source) };
}

/** `--check` with a numeric threshold and no `--target`: nothing to check against. */
export const checkNeedsTarget = () =>
  new UsageError("--check needs a target to check against: add --target <pct>, or use --threshold queue (each queue's own target)");

export function parseListOptions(raw: Record<string, unknown>): ListOptions {
  const o = parse(ListOptions, raw);
  if (o.quiet && o.verbose) throw new UsageError('--quiet and --verbose cannot be used together; pick one');
  if (o.what !== 'agents' && o.queue.length + o.group.length > 0) {
    throw new UsageError(`--${o.queue.length > 0 ? 'queue' : 'group'}: only list agents takes a selection (the members of a queue or group)`);
  }
  return o;
}

/** A report from --db reads stored rows: no API, so nothing that only the API or a file can answer. */
export function checkDbReport(o: CommonOptions & { db?: string | undefined; input?: string | undefined; demo: boolean }): void {
  if (o.db === undefined) return;
  if (o.input !== undefined) throw new UsageError('--db and --input cannot be used together: --db reads stored history, --input a details file');
  if (o.demo) throw new UsageError('--db and --demo cannot be used together: --db reads stored history without any API');
}

export function parseSyncOptions(raw: Record<string, unknown>): SyncOptions {
  const o = parse(SyncOptions, raw);
  checkCommonConflicts(o, true);
  return o;
}

export function parseSimOptions(raw: Record<string, unknown>): SimCommandOptions {
  return parse(SimOptions, raw);
}
