import { afterEach, describe, expect, it } from 'vitest';
import { type ConfigInput, resolveConfig } from '../../src/config/resolve.js';
import { UsageError } from '../../src/errors.js';
import { clearSecrets, redact } from '../../src/redact.js';

const CREDS = { GENESYS_CLOUD_CLIENT_ID: 'id-from-env', GENESYS_CLOUD_CLIENT_SECRET: 'secret-from-env-123' };

function input(over: Partial<ConfigInput> = {}): ConfigInput {
  return { flags: {}, env: { ...CREDS }, dotenv: {}, systemTimeZone: 'UTC', requireCredentials: true, ...over };
}

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).exitCode).toBe(2);
    return e as UsageError;
  }
  throw new Error('expected a UsageError');
}

afterEach(() => clearSecrets());

describe('resolveConfig precedence', () => {
  it('defaults: us-east-1 and the system zone', () => {
    expect(resolveConfig(input({ systemTimeZone: 'Europe/Paris' }))).toEqual({
      clientId: 'id-from-env',
      clientSecret: 'secret-from-env-123',
      region: 'us-east-1',
      apiUrl: 'https://api.mypurecloud.com',
      loginUrl: 'https://login.mypurecloud.com',
      tz: 'Europe/Paris',
      db: { pg: {} },
      // Nothing named the zone: a sync keeps its database's instead.
      tzIsDefault: true,
    });
    expect(resolveConfig(input({ systemTimeZone: 'Europe/Paris', flags: { tz: 'UTC' } })).tzIsDefault).toBeUndefined();
  });

  it('region: flag beats env beats .env beats default', () => {
    const env = { ...CREDS, GENESYS_CLOUD_REGION: 'us-west-2' };
    const dotenv = { GENESYS_CLOUD_REGION: 'eu-central-1' };
    expect(resolveConfig(input({ flags: { region: 'eu_west_1' }, env, dotenv })).apiUrl).toBe('https://api.mypurecloud.ie');
    expect(resolveConfig(input({ env, dotenv })).apiUrl).toBe('https://api.usw2.pure.cloud');
    expect(resolveConfig(input({ dotenv })).apiUrl).toBe('https://api.mypurecloud.de');
    expect(resolveConfig(input({ dotenv })).region).toBe('eu-central-1');
  });

  it('tz: flag beats GCX_TZ in env beats .env beats the system zone', () => {
    const env = { ...CREDS, GCX_TZ: 'Asia/Tokyo' };
    const dotenv = { GCX_TZ: 'America/Chicago' };
    expect(resolveConfig(input({ flags: { tz: 'Europe/London' }, env, dotenv })).tz).toBe('Europe/London');
    expect(resolveConfig(input({ env, dotenv })).tz).toBe('Asia/Tokyo');
    expect(resolveConfig(input({ dotenv })).tz).toBe('America/Chicago');
    expect(resolveConfig(input({ flags: { tz: 'europe/london' } })).tz).toBe('Europe/London');
  });

  it('accepts the GENESYSCLOUD_* names; GENESYS_CLOUD_* wins within one source', () => {
    const env = {
      GENESYSCLOUD_OAUTHCLIENT_ID: 'tf-id',
      GENESYSCLOUD_OAUTHCLIENT_SECRET: 'tf-secret-456',
      GENESYSCLOUD_REGION: 'ap-northeast-1',
    };
    const c = resolveConfig(input({ env }));
    expect([c.clientId, c.clientSecret, c.apiUrl]).toEqual(['tf-id', 'tf-secret-456', 'https://api.mypurecloud.jp']);
    const both = resolveConfig(input({ env: { ...env, ...CREDS, GENESYS_CLOUD_REGION: 'sa-east-1' } }));
    expect([both.clientId, both.clientSecret, both.region]).toEqual(['id-from-env', 'secret-from-env-123', 'sa-east-1']);
  });

  it('.env never overrides the environment, even under the other name', () => {
    const c = resolveConfig(
      input({
        env: { GENESYSCLOUD_OAUTHCLIENT_ID: 'env-id', GENESYSCLOUD_OAUTHCLIENT_SECRET: 'env-secret', GENESYSCLOUD_REGION: 'eu-west-2' },
        dotenv: { GENESYS_CLOUD_CLIENT_ID: 'file-id', GENESYS_CLOUD_CLIENT_SECRET: 'file-secret', GENESYS_CLOUD_REGION: 'us-west-2' },
      }),
    );
    expect([c.clientId, c.clientSecret, c.region]).toEqual(['env-id', 'env-secret', 'eu-west-2']);
  });

  it('fills what the environment lacks from .env; empty values count as unset', () => {
    const c = resolveConfig(
      input({ env: { GENESYS_CLOUD_CLIENT_ID: 'env-id', GENESYS_CLOUD_CLIENT_SECRET: '' }, dotenv: { GENESYS_CLOUD_CLIENT_SECRET: 'file-secret' } }),
    );
    expect([c.clientId, c.clientSecret]).toEqual(['env-id', 'file-secret']);
  });
});

describe('resolveConfig URLs', () => {
  it('GENESYS_CLOUD_API_URL alone also serves login, trailing slash removed', () => {
    const c = resolveConfig(input({ env: { ...CREDS, GENESYS_CLOUD_API_URL: 'http://127.0.0.1:8787/' } }));
    expect([c.apiUrl, c.loginUrl]).toEqual(['http://127.0.0.1:8787', 'http://127.0.0.1:8787']);
  });

  it('GENESYS_CLOUD_LOGIN_URL replaces only login; API_URL replaces the region host', () => {
    const c = resolveConfig(
      input({
        flags: { region: 'eu-west-1' },
        env: { ...CREDS, GENESYS_CLOUD_API_URL: 'https://proxy.example/gc/', GENESYS_CLOUD_LOGIN_URL: 'https://login.example' },
      }),
    );
    expect([c.region, c.apiUrl, c.loginUrl]).toEqual(['eu-west-1', 'https://proxy.example/gc', 'https://login.example']);
    const loginOnly = resolveConfig(input({ dotenv: { GENESYS_CLOUD_LOGIN_URL: 'http://localhost:9000' } }));
    expect([loginOnly.apiUrl, loginOnly.loginUrl]).toEqual(['https://api.mypurecloud.com', 'http://localhost:9000']);
  });

  it('a bad URL is a usage error naming the variable', () => {
    expect(usageError(() => resolveConfig(input({ env: { ...CREDS, GENESYS_CLOUD_API_URL: 'api.mypurecloud.ie' } }))).message).toBe(
      'GENESYS_CLOUD_API_URL: "api.mypurecloud.ie" is not an http(s) URL; use e.g. https://api.mypurecloud.ie or http://127.0.0.1:8787',
    );
    expect(usageError(() => resolveConfig(input({ dotenv: { GENESYS_CLOUD_LOGIN_URL: 'ftp://x.example' } }))).message).toMatch(
      /^GENESYS_CLOUD_LOGIN_URL \(\.env\): "ftp:\/\/x\.example" is not an http\(s\) URL/,
    );
  });
});

describe('resolveConfig errors and secrets', () => {
  it('missing credentials name both families of variables and --demo', () => {
    const { message } = usageError(() => resolveConfig(input({ env: { GENESYS_CLOUD_CLIENT_ID: 'x' } })));
    expect(message).toContain('no client secret');
    for (const name of ['GENESYS_CLOUD_CLIENT_ID', 'GENESYS_CLOUD_CLIENT_SECRET', 'GENESYSCLOUD_OAUTHCLIENT_ID', 'GENESYSCLOUD_OAUTHCLIENT_SECRET', '--demo']) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain('\n');
  });

  it('credentials are optional when not required', () => {
    const c = resolveConfig(input({ env: {}, requireCredentials: false }));
    expect(c).toEqual({ region: 'us-east-1', apiUrl: 'https://api.mypurecloud.com', loginUrl: 'https://login.mypurecloud.com', tz: 'UTC', db: { pg: {} }, tzIsDefault: true });
  });

  it('an unknown region names its source; a bad zone names its source', () => {
    expect(usageError(() => resolveConfig(input({ env: { ...CREDS, GENESYSCLOUD_REGION: 'moon-1' } }))).message).toMatch(
      /^GENESYSCLOUD_REGION: "moon-1" is not a Genesys Cloud region; use one of us-east-1,/,
    );
    expect(usageError(() => resolveConfig(input({ flags: { tz: 'Mars/Olympus' } }))).message).toBe(
      '--tz: "Mars/Olympus" is not an IANA time zone; use e.g. Europe/London, America/New_York or UTC',
    );
    expect(usageError(() => resolveConfig(input({ env: { ...CREDS, GCX_TZ: 'CEST' } }))).message).toMatch(/^GCX_TZ: "CEST"/);
  });

  it('registers the client secret for redaction, even when a later setting fails', () => {
    expect(() => resolveConfig(input({ flags: { tz: 'Nope/Nope' } }))).toThrow(UsageError);
    expect(redact('token request with secret-from-env-123 failed')).toBe('token request with [REDACTED] failed');
  });
});
