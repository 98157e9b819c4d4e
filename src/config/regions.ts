import { UsageError } from '../errors.js';

/**
 * The Genesys Cloud regions (genesys-api.md §1: JS/Python SDK region hosts and the CLI's RegionMappings).
 * Keys are the hyphenated CLI form; the CLI's own spelling of three of them uses underscores, so both forms of
 * every key are accepted, as is the bare domain.
 */
export const REGIONS: ReadonlyArray<{ key: string; domain: string }> = [
  { key: 'us-east-1', domain: 'mypurecloud.com' },
  { key: 'us-east-2', domain: 'use2.us-gov-pure.cloud' },
  { key: 'us-west-2', domain: 'usw2.pure.cloud' },
  { key: 'ca-central-1', domain: 'cac1.pure.cloud' },
  { key: 'sa-east-1', domain: 'sae1.pure.cloud' },
  { key: 'mx-central-1', domain: 'mxc1.pure.cloud' },
  { key: 'eu-west-1', domain: 'mypurecloud.ie' },
  { key: 'eu-west-2', domain: 'euw2.pure.cloud' },
  { key: 'eu-central-1', domain: 'mypurecloud.de' },
  { key: 'eu-central-2', domain: 'euc2.pure.cloud' },
  { key: 'me-central-1', domain: 'mec1.pure.cloud' },
  { key: 'ap-south-1', domain: 'aps1.pure.cloud' },
  { key: 'ap-southeast-1', domain: 'apse1.pure.cloud' },
  { key: 'ap-southeast-2', domain: 'mypurecloud.com.au' },
  { key: 'ap-northeast-1', domain: 'mypurecloud.jp' },
  { key: 'ap-northeast-2', domain: 'apne2.pure.cloud' },
  { key: 'ap-northeast-3', domain: 'apne3.pure.cloud' },
  { key: 'eusc-de-east-1', domain: 'edee1.eusc-pure.cloud' },
];

export interface Region {
  key: string;
  domain: string;
  apiUrl: string;
  loginUrl: string;
}

/**
 * `us-east-1`, `us_east_1`, `mypurecloud.ie`, and (because people paste them) `api.mypurecloud.ie`,
 * `login.mypurecloud.ie` or `https://api.mypurecloud.ie/`. Only known domains are accepted: a typo in a domain
 * should fail here, not as a DNS error later; other hosts go in GENESYS_CLOUD_API_URL.
 * `source` names the input in the error (`--region`, `GENESYS_CLOUD_REGION`, ...).
 */
export function resolveRegion(value: string, source = '--region'): Region {
  const text = value.trim().toLowerCase();
  const asKey = text.replace(/_/g, '-');
  const host = text
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '')
    .replace(/^(api|login)\./, '');
  const found = REGIONS.find((r) => r.key === asKey || r.domain === text || r.domain === host);
  if (!found) {
    throw new UsageError(
      `${source}: "${value}" is not a Genesys Cloud region; use one of ${REGIONS.map((r) => r.key).join(', ')}, ` +
        `or a domain such as mypurecloud.ie`,
    );
  }
  return {
    key: found.key,
    domain: found.domain,
    apiUrl: `https://api.${found.domain}`,
    loginUrl: `https://login.${found.domain}`,
  };
}
