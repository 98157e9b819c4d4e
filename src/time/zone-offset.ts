import { IANAZone } from 'luxon';

/**
 * The zone's UTC offset at `ms`, in minutes. UTC (cron's usual zone) has none to look up: asking ICU would load its
 * zone data, ~30 ms and 8 MB of a small report's start-up.
 */
export function zoneOffsetMinutes(ms: number, tz: string): number {
  return tz === 'UTC' ? 0 : IANAZone.create(tz).offset(ms);
}
