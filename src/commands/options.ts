import { z } from 'zod';
import { IANAZone } from 'luxon';
import { UsageError } from '../errors.js';
import { FORMATS } from '../output/formats.js';
import { parseInterval, parseSince } from '../time/duration.js';
import { checkToNeedsFrom } from '../time/window.js';
import { FORMULAS, REPORT_DEFAULTS, SIM_DEFAULTS, SOURCES } from './defaults.js';

/**
 * The commands' options: what the flags become once validated. src/cli declares the flags and calls these parsers;
 * the commands take the results and turn them into domain values (window, selection, output) at their top.
 */

/** Genesys mediaType values (PY-SDK enum), as --media accepts them. */
export const MEDIA_TYPES = [
  'voice', 'chat', 'email', 'message', 'callback', 'cobrowse', 'internalmessage', 'screenshare', 'screenmonitoring', 'video', 'unknown',
] as const;

/** Genesys entity ids are UUIDs; catching a typo here beats a confusing empty report. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ids = (flag: string) =>
  z
    .array(z.string())
    .default([])
    .superRefine((values, ctx) => {
      if (values.includes('')) {
        ctx.addIssue({ code: 'custom', message: `${flag}: an empty id (an unset variable?); give one or more ids, comma-separated, or leave ${flag} out` });
        return;
      }
      const bad = values.find((v) => !UUID.test(v));
      if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `${flag}: "${bad}" is not a Genesys id; expected a UUID such as 6b1f2c3d-0a1b-4c2d-8e3f-123456789abc` });
    })
    .transform((values) => [...new Set(values.map((v) => v.toLowerCase()))]);

const media = z
  .array(z.string())
  .default([])
  .superRefine((values, ctx) => {
    const bad = values.find((v) => !(MEDIA_TYPES as readonly string[]).includes(v));
    if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `--media: "${bad}" is not a media type; use one of ${MEDIA_TYPES.join(', ')}` });
  });

/** A number of seconds in [min, max] with at most millisecond precision. */
const seconds = (flag: string, fallback: number, max: number, min = 0) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return fallback;
      const value = /^\d+(\.\d{1,3})?$/.test(text.trim()) ? Number(text) : NaN;
      if (!(value >= min && value <= max)) {
        ctx.addIssue({ code: 'custom', message: `${flag}: "${text}" is not a number of seconds; use a number from ${min} to ${max}, e.g. 20 or 7.5` });
        return z.NEVER;
      }
      return value;
    });

const integer = (flag: string, fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return fallback;
      const value = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
      if (!(value >= min && value <= max)) {
        ctx.addIssue({ code: 'custom', message: `${flag}: "${text}" is not valid; use a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return value;
    });

const common = {
  since: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  interval: z.string().default(REPORT_DEFAULTS.interval),
  tz: z.string().optional(),
  media,
  format: z.enum(FORMATS).optional(),
  output: z.string().min(1, '--output: the file name is empty; give a path such as report.csv').optional(),
  columns: z.array(z.string()).optional(),
  hideEmpty: z.boolean().default(false),
  region: z.string().optional(),
  demo: z.boolean().default(false),
  requestTimeout: seconds('--request-timeout', REPORT_DEFAULTS.requestTimeoutS, 600, 1),
  quiet: z.boolean().default(false),
  verbose: z.boolean().default(false),
};

const OccupancyOptions = z.object({
  ...common,
  agent: ids('--agent'),
  group: ids('--group'),
  queue: ids('--queue'),
  input: z.string().min(1).optional(),
});

const ServiceLevelOptions = z.object({
  ...common,
  queue: ids('--queue'),
  threshold: seconds('--threshold', REPORT_DEFAULTS.thresholdS, 86_400),
  formula: z.enum(FORMULAS).default(REPORT_DEFAULTS.formula),
  shortAbandon: seconds('--short-abandon', REPORT_DEFAULTS.shortAbandonS, 3_600),
  source: z.enum(SOURCES).optional(),
  input: z.string().min(1).optional(),
});

const SimOptions = z.object({
  port: integer('--port', SIM_DEFAULTS.port, 0, 65_535),
  seed: integer('--seed', SIM_DEFAULTS.seed, 0, 2 ** 31 - 1),
  agents: integer('--agents', SIM_DEFAULTS.agents, 1, 5_000),
  latency: integer('--latency', SIM_DEFAULTS.latencyMs, 0, 60_000),
  faults: z.string().optional(),
  export: z.boolean().default(false),
});

export type CommonOptions = z.infer<z.ZodObject<typeof common>>;
export type OccupancyOptions = z.infer<typeof OccupancyOptions>;
export type ServiceLevelOptions = z.infer<typeof ServiceLevelOptions> & { source: (typeof SOURCES)[number] };
export type SimCommandOptions = z.infer<typeof SimOptions>;

function parse<T>(schema: z.ZodType<T>, raw: Record<string, unknown>): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  // Our own messages name the flag already; zod's generic ones get it prefixed.
  const named = issue.message.startsWith('--');
  throw new UsageError(named ? issue.message : `--${String(issue.path[0] ?? '?')}: ${issue.message}`);
}

/**
 * Flags that cannot go together, and window flags that cannot parse, get one clear line each before any
 * configuration or credentials are looked at: the flag the user just typed is the likelier mistake.
 */
function checkCommonConflicts(o: CommonOptions & { input?: string }): void {
  parseInterval(o.interval);
  if (o.since !== undefined) parseSince(o.since);
  if (o.tz !== undefined && !IANAZone.isValidZone(o.tz)) {
    throw new UsageError(`--tz: "${o.tz}" is not an IANA time zone; use a name such as Europe/London, America/New_York or UTC`);
  }
  if (o.quiet && o.verbose) throw new UsageError('--quiet and --verbose cannot be used together; pick one');
  if (o.input !== undefined && o.demo) throw new UsageError('--input and --demo cannot be used together: --input reads a file, --demo queries the simulated org');
  checkToNeedsFrom(o);
}

export function parseOccupancyOptions(raw: Record<string, unknown>): OccupancyOptions {
  const o = parse(OccupancyOptions, raw);
  checkCommonConflicts(o);
  if (o.input !== undefined && (o.group.length > 0 || o.queue.length > 0)) {
    throw new UsageError('--input cannot be combined with --group or --queue (members come from the API); use --agent');
  }
  return o;
}

export function parseServiceLevelOptions(raw: Record<string, unknown>): ServiceLevelOptions {
  const o = parse(ServiceLevelOptions, raw);
  checkCommonConflicts(o);
  if (o.input !== undefined && o.source === 'aggregates') {
    throw new UsageError('--input and --source aggregates cannot be used together: a file holds conversation details');
  }
  return { ...o, source: o.source ?? (o.input !== undefined ? 'details' : REPORT_DEFAULTS.source) };
}

export function parseSimOptions(raw: Record<string, unknown>): SimCommandOptions {
  return parse(SimOptions, raw);
}
