import { UsageError } from '../errors.js';

/**
 * What to suggest for the abbreviations people type. ICU accepts many of them, but as a fixed offset (`EST` is
 * UTC−5 all year, an hour off for New York in summer) or as some other place (`BST` is Asia/Dhaka, `EST` resolves to
 * America/Panama), so a report would be silently off by an hour or more.
 */
const SUGGEST: Record<string, string> = {
  EST: 'America/New_York',
  EDT: 'America/New_York',
  EST5EDT: 'America/New_York',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  CST6CDT: 'America/Chicago',
  MST: 'America/Denver (or America/Phoenix, which keeps no summer time)',
  MDT: 'America/Denver',
  MST7MDT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  PST8PDT: 'America/Los_Angeles',
  AKST: 'America/Anchorage',
  AKDT: 'America/Anchorage',
  HST: 'Pacific/Honolulu',
  BST: 'Europe/London',
  IST: 'Asia/Kolkata (or Europe/Dublin)',
  WET: 'Europe/Lisbon',
  WEST: 'Europe/Lisbon',
  CET: 'Europe/Berlin (or your city in Europe)',
  CEST: 'Europe/Berlin (or your city in Europe)',
  MET: 'Europe/Berlin (or your city in Europe)',
  EET: 'Europe/Athens (or your city in Europe)',
  EEST: 'Europe/Athens (or your city in Europe)',
  JST: 'Asia/Tokyo',
  KST: 'Asia/Seoul',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
  ACST: 'Australia/Adelaide',
  AWST: 'Australia/Perth',
  NZST: 'Pacific/Auckland',
  NZDT: 'Pacific/Auckland',
  SGT: 'Asia/Singapore',
};

/** Names for UTC itself: unambiguous without a region. */
const UTC_NAMES = new Set(['UTC', 'GMT', 'UCT', 'ZULU', 'UNIVERSAL', 'GREENWICH', 'GMT0', 'GMT+0', 'GMT-0']);

/**
 * Refuses a zone given as an abbreviation or a legacy name without a region (`EST`, `PST8PDT`, `Japan`), except UTC
 * and GMT, in one line suggesting the IANA zone. Names that are no zone at all are left to the caller's check. `source` names where the value came from (`--tz`, `GCX_TZ`).
 */
export function checkZoneName(value: string, source: string): void {
  const name = value.trim();
  if (name.includes('/') || UTC_NAMES.has(name.toUpperCase())) return;
  const suggestion = SUGGEST[name.toUpperCase()] ?? canonical(name);
  // Not a zone at all (`Mars`): the caller's "not an IANA time zone" says so.
  if (suggestion === undefined) return;
  throw new UsageError(
    `${source}: "${value}" is an abbreviation, not a zone with its place's summer-time rules; use the IANA zone ${suggestion}`,
  );
}

/** The region/city an old alias stands for (`Japan` → Asia/Tokyo), when ICU knows one. */
function canonical(name: string): string | undefined {
  try {
    const zone = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    return zone.includes('/') ? zone : undefined;
  } catch {
    return undefined;
  }
}
