import * as z from 'zod/mini';
import { IANAZone } from 'luxon';
import { UsageError } from '../errors.js';
import { checkZoneName } from '../time/zone-name.js';
import { FORMULAS, NOW_DEFAULTS, REPORT_DEFAULTS } from './defaults.js';
import { booleanFlag, common, media, optionalText, parse, seconds, selectors, target, thresholdFlag } from './options.js';

/**
 * `gcx-metrics now`'s flags (cli-contract.md, now): the queue selection and goals as service-level takes them (the
 * threshold defaults to each queue's own), the alert limits, `--watch`, and the output and connection flags. No
 * window: the row covers this moment and today so far.
 */

/** A whole number ≥ 0, or undefined when not given (`--max-waiting`). */
const count = (flag: string) =>
  optionalText((text, fail) => {
    if (text === undefined) return undefined;
    const value = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
    if (!(value >= 0 && value <= 1_000_000)) return fail(`${flag}: "${text}" is not a count; use a whole number from 0, e.g. 5`);
    return value;
  });

/** Seconds ≥ `min` with up to 3 decimals, or undefined when not given. */
const optionalSeconds = (flag: string, min: number, max: number, example: string) =>
  optionalText((text, fail) => {
    if (text === undefined) return undefined;
    const value = /^\d+(\.\d{1,3})?$/.test(text.trim()) ? Number(text) : NaN;
    if (!(value >= min && value <= max)) return fail(`${flag}: "${text}" is not a number of seconds from ${min} to ${max}; e.g. ${example}`);
    return value;
  });

const NowOptions = z.object({
  tz: common.tz,
  media,
  format: common.format,
  output: common.output,
  columns: common.columns,
  hideEmpty: common.hideEmpty,
  region: common.region,
  demo: common.demo,
  requestTimeout: common.requestTimeout,
  quiet: common.quiet,
  verbose: common.verbose,
  queue: selectors('--queue'),
  threshold: thresholdFlag(NOW_DEFAULTS.threshold),
  target,
  formula: z._default(z.enum(FORMULAS), REPORT_DEFAULTS.formula),
  shortAbandon: seconds('--short-abandon', REPORT_DEFAULTS.shortAbandonS, 3_600),
  check: booleanFlag(),
  maxWaiting: count('--max-waiting'),
  maxWait: optionalSeconds('--max-wait', 0, 86_400, '120'),
  watch: optionalSeconds('--watch', NOW_DEFAULTS.minWatchS, 86_400, `${NOW_DEFAULTS.minWatchS} or 30 (seconds between refreshes)`),
});

export type NowOptions = z.infer<typeof NowOptions>;

/** Validated `now` flags; every conflict is one line and exit 2, before configuration, credentials or requests. */
export function parseNowOptions(raw: Record<string, unknown>): NowOptions {
  const o = parse(NowOptions, raw);
  if (o.tz !== undefined) checkZoneName(o.tz, '--tz');
  if (o.tz !== undefined && !IANAZone.isValidZone(o.tz)) {
    throw new UsageError(`--tz: "${o.tz}" is not an IANA time zone; use a name such as Europe/London, America/New_York or UTC`);
  }
  if (o.quiet && o.verbose) throw new UsageError('--quiet and --verbose cannot be used together; pick one');
  if (o.watch !== undefined && o.check) {
    throw new UsageError('--watch and --check cannot be used together: --check exits after one report (for cron); --watch runs until interrupted');
  }
  if (o.check && o.threshold !== 'queue' && o.target === undefined && o.maxWaiting === undefined && o.maxWait === undefined) {
    throw new UsageError('--check has nothing to check: add --target <pct>, --max-waiting <n> or --max-wait <seconds>, or use --threshold queue (each queue\'s own target)');
  }
  if (o.format === 'parquet' && (o.output === undefined || o.output === '-')) {
    throw new UsageError('--format parquet: needs --output <file> (Parquet is binary and written whole); e.g. --output now.parquet');
  }
  return o;
}
