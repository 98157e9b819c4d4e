import * as z from 'zod/mini';
import { UsageError } from '../errors.js';
import { checkCommonConflicts, checkDbReport, common, db, optionalText, parse, queueGoalFlags } from './options.js';

/** `gcx-metrics staffing` defaults (cli-contract.md `## staffing`). */
export const STAFFING_DEFAULTS = { shrinkagePct: 0, maxOccupancyPct: 85, media: 'voice' } as const;

/**
 * A percentage flag with up to 2 decimals in a range whose ends may be open: `--shrinkage` is [0, 100) (100 %
 * shrinkage leaves nobody to schedule), `--max-occupancy` (0, 100] (0 % allows no work at all).
 */
const percent = (flag: string, fallback: number, range: { min: number; minOpen: boolean; max: number; maxOpen: boolean }, accepted: string) =>
  optionalText((text, fail) => {
    if (text === undefined) return fallback;
    const value = /^\d+(\.\d{1,2})?$/.test(text.trim()) ? Number(text) : NaN;
    const aboveMin = range.minOpen ? value > range.min : value >= range.min;
    const belowMax = range.maxOpen ? value < range.max : value <= range.max;
    if (!(aboveMin && belowMax)) return fail(`${flag}: "${text}" is not accepted; use a percentage ${accepted} with up to 2 decimals, e.g. ${fallback === 0 ? 30 : fallback}`);
    return value;
  });

const StaffingOptions = z.object({
  ...common,
  ...queueGoalFlags,
  db,
  shrinkage: percent('--shrinkage', STAFFING_DEFAULTS.shrinkagePct, { min: 0, minOpen: false, max: 100, maxOpen: true }, 'from 0 up to (not including) 100'),
  maxOccupancy: percent('--max-occupancy', STAFFING_DEFAULTS.maxOccupancyPct, { min: 0, minOpen: true, max: 100, maxOpen: false }, 'above 0, at most 100'),
});

export type StaffingOptions = z.infer<typeof StaffingOptions>;

/** `staffing --check` with a numeric threshold and no `--target`: nothing to staff for. */
export const staffingNeedsTarget = () =>
  new UsageError("--check needs a target to staff for: add --target <pct>, or leave --threshold out (each queue's own target)");

/** Validated `staffing` flags. Media default to voice: Erlang C models one contact at a time per agent. */
export function parseStaffingOptions(raw: Record<string, unknown>): StaffingOptions {
  const o = parse(StaffingOptions, raw);
  checkCommonConflicts(o);
  checkDbReport(o);
  // Only a numeric threshold lacks a target (as for service-level); a --db report whose stored threshold is numeric
  // is checked once the stored settings are known (specs.ts).
  if (o.check && typeof o.threshold === 'number' && o.target === undefined) throw staffingNeedsTarget();
  return { ...o, media: o.media.length > 0 ? o.media : [STAFFING_DEFAULTS.media] };
}
