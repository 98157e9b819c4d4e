import { describe, expect, it } from 'vitest';
import { checkZoneName } from '../../src/time/zone-name.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { usageMessage } from '../usage-error.js';

const refusal = usageMessage;

describe('zone abbreviations are refused with the IANA zone to use', () => {
  it('EST (ICU: a fixed UTC-5, an hour off in New York summers) suggests America/New_York', () => {
    expect(refusal(() => checkZoneName('EST', '--tz'))).toBe(
      '--tz: "EST" is an abbreviation, not a zone with its place\'s summer-time rules; use the IANA zone America/New_York',
    );
  });

  it.each([
    ['est', 'America/New_York'],
    ['EDT', 'America/New_York'],
    ['PST', 'America/Los_Angeles'],
    ['CST6CDT', 'America/Chicago'],
    ['BST', 'Europe/London'],
    ['CET', 'Europe/Berlin'],
    ['Japan', 'Asia/Tokyo'],
  ])('%s suggests %s', (name, zone) => {
    expect(refusal(() => checkZoneName(name, 'GCX_TZ'))).toContain(`GCX_TZ: "${name}" is an abbreviation`);
    expect(refusal(() => checkZoneName(name, 'GCX_TZ'))).toContain(`use the IANA zone ${zone}`);
  });

  it('UTC, GMT and region/city zones pass; a name that is no zone is left to the caller', () => {
    for (const z of ['UTC', 'utc', 'GMT', 'Etc/UTC', 'Etc/GMT+5', 'America/New_York', 'Asia/Kolkata', 'Mars']) {
      expect(() => checkZoneName(z, '--tz')).not.toThrow();
    }
  });

  it('GCX_TZ=EST is refused by the configuration, naming GCX_TZ; the machine\'s own zone is not', () => {
    const base = { flags: {}, dotenv: {}, systemTimeZone: 'UTC', requireCredentials: false };
    expect(refusal(() => resolveConfig({ ...base, env: { GCX_TZ: 'EST' } }))).toMatch(/^GCX_TZ: "EST" is an abbreviation.*America\/New_York$/);
    expect(refusal(() => resolveConfig({ ...base, env: {}, flags: { tz: 'PST' } }))).toMatch(/^--tz: "PST".*America\/Los_Angeles$/);
    expect(resolveConfig({ ...base, env: {}, systemTimeZone: 'EST5EDT' }).tz).toBe('America/New_York');
  });
});
