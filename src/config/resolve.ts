import { IANAZone } from 'luxon';
import { UsageError } from '../errors.js';
import { registerSecret } from '../redact.js';
import { resolveRegion } from './regions.js';
import { checkZoneName } from '../time/zone-name.js';

export interface Config {
  clientId?: string;
  clientSecret?: string;
  /** Canonical region key, e.g. `eu-west-1`. */
  region: string;
  /** No trailing slash. */
  apiUrl: string;
  /** No trailing slash. */
  loginUrl: string;
  /** Canonical IANA zone name. */
  tz: string;
  db: DbConfig;
  /** True when no flag, variable or .env named the zone (it is the system's): a sync then keeps its database's. */
  tzIsDefault?: boolean;
}

/** Where the sync history lives and how to reach a PostgreSQL server, resolved like every other setting. */
export interface DbConfig {
  /** `--db`, else GCX_DB (environment, then .env), with where it came from; absent: the default file. */
  target?: { value: string; source: string };
  /** The PG* settings the PostgreSQL driver is given, each from the environment, else .env. */
  pg: Record<string, string>;
}

/** What src/store hands the driver (postgres-store.ts): a URL wins over these, as libpq does. */
const PG_NAMES = ['PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD', 'PGDATABASE'] as const;

export interface ConfigInput {
  flags: { region?: string; tz?: string; db?: string | undefined };
  env: Record<string, string | undefined>;
  dotenv: Record<string, string>;
  systemTimeZone: string;
  /** False for --demo and `sim`, which need no credentials. */
  requireCredentials: boolean;
}

const DEFAULT_REGION = 'us-east-1';
const ID_NAMES = ['GENESYS_CLOUD_CLIENT_ID', 'GENESYSCLOUD_OAUTHCLIENT_ID'];
const SECRET_NAMES = ['GENESYS_CLOUD_CLIENT_SECRET', 'GENESYSCLOUD_OAUTHCLIENT_SECRET'];
const REGION_NAMES = ['GENESYS_CLOUD_REGION', 'GENESYSCLOUD_REGION'];

/** A setting's value and where it came from, so that errors name the input the user has to fix. */
interface Found {
  value: string;
  source: string;
}

/**
 * The one place precedence is decided: flags > process environment > `.env` > defaults.
 * Each setting is resolved on its own: the whole environment beats the whole `.env` file (dotenv never overrides
 * the environment), and within one source the GENESYS_CLOUD_* name beats the GENESYSCLOUD_* alias.
 * Empty values count as unset, so `GENESYS_CLOUD_REGION=` falls through to the next source.
 */
export function resolveConfig(input: ConfigInput): Config {
  const { flags, env, dotenv } = input;
  const pick = (names: string[], flag?: { name: string; value: string | undefined }): Found | undefined => {
    if (flag && nonEmpty(flag.value)) return { value: flag.value!.trim(), source: flag.name };
    for (const [vars, suffix] of [
      [env, ''],
      [dotenv, ' (.env)'],
    ] as const) {
      for (const name of names) {
        const value = vars[name];
        if (nonEmpty(value)) return { value: value!.trim(), source: name + suffix };
      }
    }
    return undefined;
  };

  // Register the secret before anything else can fail, so no later message can carry it.
  const clientSecret = pick(SECRET_NAMES)?.value;
  registerSecret(clientSecret);
  const clientId = pick(ID_NAMES)?.value;
  if (input.requireCredentials && (!clientId || !clientSecret)) {
    const missing = !clientId ? 'client id' : 'client secret';
    throw new UsageError(
      `credentials: no ${missing}; set ${ID_NAMES[0]} and ${SECRET_NAMES[0]} (or ${ID_NAMES[1]} and ` +
        `${SECRET_NAMES[1]}) in the environment or .env, or use --demo to run against the simulated org`,
    );
  }

  const regionFound = pick(REGION_NAMES, { name: '--region', value: flags.region });
  const region = regionFound
    ? resolveRegion(regionFound.value, regionFound.source)
    : resolveRegion(DEFAULT_REGION);

  // Explicit URLs replace the region's hosts; an API URL alone (a proxy, the simulator) also serves login.
  const apiOverride = validUrl(pick(['GENESYS_CLOUD_API_URL']));
  const loginOverride = validUrl(pick(['GENESYS_CLOUD_LOGIN_URL']));

  const tzFound = pick(['GCX_TZ'], { name: '--tz', value: flags.tz }) ?? {
    value: input.systemTimeZone,
    source: 'system time zone',
  };

  return {
    ...(clientId ? { clientId } : {}),
    ...(clientSecret ? { clientSecret } : {}),
    region: region.key,
    apiUrl: apiOverride ?? region.apiUrl,
    loginUrl: loginOverride ?? apiOverride ?? region.loginUrl,
    tz: validZone(tzFound),
    db: resolveDbConfig(flags.db, env, dotenv),
    ...(tzFound.source === 'system time zone' ? { tzIsDefault: true } : {}),
  };
}

/**
 * The database settings alone (sync resolves them before the rest): `--db` as given (an empty one is for
 * src/store/target.ts to refuse), else GCX_DB; each PG* setting from the environment, else `.env`. A password is
 * registered as a secret at once.
 */
export function resolveDbConfig(flag: string | undefined, env: Record<string, string | undefined>, dotenv: Record<string, string>): DbConfig {
  const pick = (name: string): { value: string; source: string } | undefined => {
    if (nonEmpty(env[name])) return { value: env[name]!, source: name };
    if (nonEmpty(dotenv[name])) return { value: dotenv[name]!, source: `${name} (.env)` };
    return undefined;
  };
  const pg: Record<string, string> = {};
  for (const name of PG_NAMES) {
    const found = pick(name);
    if (found) pg[name] = found.value;
  }
  registerSecret(pg.PGPASSWORD);
  const target = flag !== undefined ? { value: flag, source: '--db' } : pick('GCX_DB');
  return { ...(target ? { target } : {}), pg };
}

function nonEmpty(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}

function validUrl(found: Found | undefined): string | undefined {
  if (!found) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(found.value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new UsageError(
      `${found.source}: "${found.value}" is not an http(s) URL; use e.g. https://api.mypurecloud.ie ` +
        `or http://127.0.0.1:8787`,
    );
  }
  // Keep any path prefix (proxies); drop the trailing slash so callers can append `/api/v2/...`.
  return found.value.replace(/\/+$/, '');
}

function validZone(found: Found): string {
  // UTC (cron's usual zone) is valid and canonical as spelled: asking ICU costs ~30 ms and 8 MB at start-up.
  if (found.value === 'UTC') return 'UTC';
  // The machine's own zone is taken as the machine says it (TZ=EST5EDT is its admin's choice); a typed one is checked.
  if (found.source !== 'system time zone') checkZoneName(found.value, found.source);
  if (!IANAZone.isValidZone(found.value)) {
    throw new UsageError(
      `${found.source}: "${found.value}" is not an IANA time zone; use e.g. Europe/London, America/New_York or UTC`,
    );
  }
  // Canonical spelling (`europe/london` → `Europe/London`) so printed zones and API `timeZone` look right.
  return new Intl.DateTimeFormat('en-US', { timeZone: found.value }).resolvedOptions().timeZone;
}
