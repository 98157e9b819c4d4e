import { describe, expect, it } from 'vitest';
import { resolveRegion } from '../../src/config/regions.js';
import { UsageError } from '../../src/errors.js';

// Re-typed from genesys-api.md §1 (SDK key, domain), independent of the table in src.
const TABLE: Array<[string, string]> = [
  ['us_east_1', 'mypurecloud.com'],
  ['us_east_2', 'use2.us-gov-pure.cloud'],
  ['us_west_2', 'usw2.pure.cloud'],
  ['ca_central_1', 'cac1.pure.cloud'],
  ['sa_east_1', 'sae1.pure.cloud'],
  ['mx_central_1', 'mxc1.pure.cloud'],
  ['eu_west_1', 'mypurecloud.ie'],
  ['eu_west_2', 'euw2.pure.cloud'],
  ['eu_central_1', 'mypurecloud.de'],
  ['eu_central_2', 'euc2.pure.cloud'],
  ['me_central_1', 'mec1.pure.cloud'],
  ['ap_south_1', 'aps1.pure.cloud'],
  ['ap_southeast_1', 'apse1.pure.cloud'],
  ['ap_southeast_2', 'mypurecloud.com.au'],
  ['ap_northeast_1', 'mypurecloud.jp'],
  ['ap_northeast_2', 'apne2.pure.cloud'],
  ['ap_northeast_3', 'apne3.pure.cloud'],
  ['eusc_de_east_1', 'edee1.eusc-pure.cloud'],
];

describe('resolveRegion', () => {
  it('knows 18 regions', () => expect(TABLE).toHaveLength(18));

  for (const [snake, domain] of TABLE) {
    const hyphen = snake.replace(/_/g, '-');
    for (const spelling of [hyphen, snake, domain]) {
      it(`${spelling} → api.${domain}`, () => {
        expect(resolveRegion(spelling)).toEqual({
          key: hyphen,
          domain,
          apiUrl: `https://api.${domain}`,
          loginUrl: `https://login.${domain}`,
        });
      });
    }
  }

  it('tolerates case, whitespace and pasted hosts or URLs of a known domain', () => {
    for (const value of [' EU-West-1 ', 'api.mypurecloud.ie', 'login.mypurecloud.ie', 'https://api.mypurecloud.ie/']) {
      expect(resolveRegion(value).key).toBe('eu-west-1');
    }
  });

  it('rejects an unknown value in one line listing every accepted key', () => {
    let error: unknown;
    try {
      resolveRegion('xx');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as UsageError).message;
    expect((error as UsageError).exitCode).toBe(2);
    expect(message).toMatch(/^--region: "xx" is not a Genesys Cloud region; use one of us-east-1, us-east-2, /);
    expect(message).toMatch(/, eusc-de-east-1, or a domain such as mypurecloud\.ie$/);
    for (const [snake] of TABLE) expect(message).toContain(snake.replace(/_/g, '-'));
    expect(message).not.toContain('\n');
  });

  it('rejects unknown domains and names the input it came from', () => {
    expect(() => resolveRegion('mypurecloud.fr', 'GENESYS_CLOUD_REGION')).toThrow(
      /^GENESYS_CLOUD_REGION: "mypurecloud\.fr" is not a Genesys Cloud region/,
    );
    expect(() => resolveRegion('api.example.com')).toThrow(UsageError);
  });
});
