/** A new user's likely slips with flags, each refused in one line that says what was meant. */
import { describe, expect, it } from 'vitest';
import { parseServiceLevelOptions } from '../../src/cli/options.js';
import { outputSpec } from '../../src/cli/specs.js';
import { usageMessage } from '../usage-error.js';

const usage = usageMessage;

const shape = { columns: undefined, hideEmpty: false, quiet: false };

describe('--target below 1 with a fraction', () => {
  it.each([
    ['0.8', '80'],
    ['0.95', '95'],
    ['0.5', '50'],
  ])('%s is refused: it looks like a fraction of %s %%', (text, pct) => {
    expect(usage(() => parseServiceLevelOptions({ target: text }))).toBe(`--target: "${text}" looks like a fraction; use ${pct} for ${pct} %`);
  });

  it('0, 1, 0.00 style whole goals and 80 are taken as percentages', () => {
    expect(parseServiceLevelOptions({ target: '0' }).target).toBe(0);
    expect(parseServiceLevelOptions({ target: '1' }).target).toBe(1);
    expect(parseServiceLevelOptions({ target: '80' }).target).toBe(80);
    expect(parseServiceLevelOptions({ target: '99.5' }).target).toBe(99.5);
  });
});

describe('--output with an extension no format has', () => {
  it('x.xlsx without --format is exit 2 naming the extension and the ways out', () => {
    const message = usage(() => outputSpec({ format: undefined, output: 'x.xlsx', ...shape }, false));
    expect(message).toBe(
      '--output: "x.xlsx" has an extension this version does not write (.xlsx); add --format csv|json|ndjson|html|parquet, or name the file .csv, .json, .ndjson, .jsonl, .html, .htm, .parquet or .txt (CSV)',
    );
  });

  it('with --format the name is the user\'s business; no extension and .txt are CSV', () => {
    expect(outputSpec({ format: 'csv', output: 'x.xlsx', ...shape }, false)).toMatchObject({ format: 'csv', path: 'x.xlsx' });
    expect(outputSpec({ format: undefined, output: '/srv/reports/daily', ...shape }, false)).toMatchObject({ format: 'csv' });
    expect(outputSpec({ format: undefined, output: 'x.TXT', ...shape }, false)).toMatchObject({ format: 'csv' });
    expect(outputSpec({ format: undefined, output: 'x.JSONL', ...shape }, false)).toMatchObject({ format: 'ndjson' });
  });
});

describe('did you mean: one rule for flags, commands and names', () => {
  it('edit distance counts a swap as one typo', async () => {
    const { editDistance } = await import('../../src/selection/match-names.js');
    expect(editDistance('suport', 'support')).toBe(1);
    expect(editDistance('slaes', 'sales')).toBe(1);
    expect(editDistance('ocupancy', 'occupancy')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('nearestName: the closest within the typo budget, else the one name it starts', async () => {
    const { nearestName } = await import('../../src/selection/match-names.js');
    const commands = ['occupancy', 'service-level', 'staffing', 'now', 'list', 'sync', 'sim'];
    expect(nearestName('ocupancy', commands)).toBe('occupancy');
    expect(nearestName('servicelevel', commands)).toBe('service-level');
    expect(nearestName('lsit', commands)).toBe('list');
    expect(nearestName('staff', commands)).toBe('staffing');
    expect(nearestName('frobnicate', commands)).toBeUndefined();
    // "s" starts several: no guess.
    expect(nearestName('s', commands)).toBeUndefined();
  });
});
