import { describe, expect, it } from 'vitest';
import { loadDotenv } from '../../src/config/load-dotenv.js';
import { UsageError } from '../../src/errors.js';

function failing(code: string) {
  return () => {
    throw Object.assign(new Error(code), { code });
  };
}

describe('loadDotenv', () => {
  it('parses <cwd>/.env with dotenv rules', () => {
    const seen: string[] = [];
    const result = loadDotenv('/srv/app', (file) => {
      seen.push(file);
      return '# comment\nGENESYS_CLOUD_REGION=eu-west-1\nGCX_TZ="Europe/Dublin"\nexport EMPTY=\n';
    });
    expect(seen).toEqual(['/srv/app/.env']);
    expect(result).toEqual({ GENESYS_CLOUD_REGION: 'eu-west-1', GCX_TZ: 'Europe/Dublin', EMPTY: '' });
  });

  it('a missing file is an empty record', () => {
    expect(loadDotenv('/nowhere', failing('ENOENT'))).toEqual({});
  });

  it('an unreadable file is a usage error that names it', () => {
    expect(() => loadDotenv('/srv/app', failing('EACCES'))).toThrow(UsageError);
    expect(() => loadDotenv('/srv/app', failing('EACCES'))).toThrow('.env: cannot read /srv/app/.env (EACCES)');
  });
});
