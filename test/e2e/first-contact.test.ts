import { fileURLToPath } from 'node:url';
/**
 * A new user's first minutes with the built CLI: help, the demo behind a corporate proxy, .env with --demo,
 * `sim --export` for eval, empty id flags from unset cron variables, --from with --since, and --output's extension.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from './cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'gcx-first-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const HOUR = ['--from', '2026-11-20T15:00', '--to', '2026-11-20T16:00', '--tz', 'UTC'];
/** A port nothing listens on: a proxy there refuses every connection. */
const DEAD_PROXY = 'http://127.0.0.1:9';

describe('help', () => {
  it('`help` and `help occupancy` print help on stdout and exit 0; `help nosuch` names nosuch and exits 2', async () => {
    const [all, occupancy, nosuch] = await Promise.all([runCli(['help']), runCli(['help', 'occupancy']), runCli(['help', 'nosuch'])]);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^Usage: gcx-metrics/);
    expect(occupancy.code).toBe(0);
    expect(occupancy.stdout).toMatch(/^Usage: gcx-metrics occupancy/);
    expect(occupancy.stdout).toContain('--agent <id|email|name>');
    expect(nosuch.code).toBe(2);
    expect(nosuch.stdout).toBe('');
    expect(nosuch.stderr).toBe('gcx-metrics: help: "nosuch" is not a command; the commands are occupancy, service-level, staffing, now, list, sync, sim; see gcx-metrics --help\n');
  });

  it('--help shows both families of environment variables, every default, and examples with whole ids', async () => {
    const [top, occupancy, sl, sim] = await Promise.all([
      runCli(['--help']),
      runCli(['occupancy', '--help']),
      runCli(['service-level', '--help']),
      runCli(['sim', '--help']),
    ]);
    for (const r of [top, occupancy, sl]) {
      for (const name of ['GENESYS_CLOUD_CLIENT_ID', 'GENESYSCLOUD_OAUTHCLIENT_ID', 'GENESYS_CLOUD_REGION', 'GENESYSCLOUD_REGION', 'GCX_TZ', 'HTTPS_PROXY']) {
        expect(r.stdout).toContain(name);
      }
    }
    for (const r of [top, occupancy, sl, sim]) expect(r.stdout).not.toContain('…');
    for (const d of ['(default 24h)', '(default 30m)', '(default 30)', 'default all media']) expect(occupancy.stdout).toContain(d);
    for (const d of ['(default queue)', '(default genesys)', '(default 0 = none)', '(default aggregates']) expect(sl.stdout).toContain(d);
    for (const d of ['(default 8787)', '(default 7)', '(default 40)', '(default 0)']) expect(sim.stdout).toContain(d);
  });

  it('an example from occupancy --help runs as printed', async () => {
    const help = await runCli(['occupancy', '--help']);
    const line = help.stdout.split('\n').find((l) => l.includes('--demo --agent'))!;
    const args = line.trim().split(/\s+/).slice(1);
    const r = await runCli([...args, '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^interval_start,interval_end,agent_id,/);
  });
});

describe('--demo', () => {
  it('works with http_proxy / HTTPS_PROXY pointing at a dead proxy: loopback never goes through a proxy', async () => {
    const proxy = { http_proxy: DEAD_PROXY, HTTP_PROXY: DEAD_PROXY, https_proxy: DEAD_PROXY, HTTPS_PROXY: DEAD_PROXY };
    const r = await runCli(['occupancy', '--demo', ...HOUR, '--format', 'csv'], { env: proxy });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').length).toBeGreaterThan(2);
  });

  it('honours GCX_TZ from .env like a real run', async () => {
    const cwd = mkdtempSync(join(tmp, 'dotenv-'));
    writeFileSync(join(cwd, '.env'), 'GCX_TZ=Asia/Kolkata\n');
    const r = await runCli(['service-level', '--demo', '--from', '2026-11-20T10:00', '--to', '2026-11-20T11:00', '--format', 'csv'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[1]).toMatch(/^2026-11-20T10:00:00\+05:30,/);
  });

  it('reports a bad setting in one line before any "demo:" line', async () => {
    const r = await runCli(['occupancy', '--demo', '--since', '1h', '--region', 'mars-north-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('demo:');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^gcx-metrics: .*mars-north-1/);
  });
});

describe('empty ids from unset variables', () => {
  it.each([
    [['occupancy', '--agent', ''], '--agent'],
    [['occupancy', '--agent', ','], '--agent'],
    [['occupancy', '--group', ''], '--group'],
    [['occupancy', '--queue', ''], '--queue'],
    [['service-level', '--queue', ''], '--queue'],
  ])('%j exits 2 naming the flag', async (args, flag) => {
    const r = await runCli([...args, '--demo', '--since', '1h']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`gcx-metrics: ${flag}: an empty id (an unset variable?); give one or more ids, comma-separated, or leave ${flag} out\n`);
  });
});

describe('--from with --since', () => {
  it('says once on stderr that --from wins', async () => {
    const r = await runCli(['service-level', '--demo', '--since', '7d', ...HOUR, '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/--from\/--to win over --since: --since 7d is ignored/g)).toHaveLength(1);
  });
});

describe('--output extension', () => {
  it.each([
    ['x.json', (t: string) => expect(JSON.parse(t)).toBeInstanceOf(Array)],
    ['x.ndjson', (t: string) => expect(JSON.parse(t.split('\n')[0]!)).toHaveProperty('queue_id')],
    ['x.csv', (t: string) => expect(t).toMatch(/^interval_start,/)],
    ['x.txt', (t: string) => expect(t).toMatch(/^interval_start,/)],
  ])('%s with no --format chooses the format', async (name, check) => {
    const cwd = mkdtempSync(join(tmp, 'ext-'));
    const r = await runCli(['service-level', '--demo', ...HOUR, '--output', name, '--quiet'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    check(readFileSync(join(cwd, name), 'utf8'));
  });

  it('--format wins over the extension', async () => {
    const cwd = mkdtempSync(join(tmp, 'ext-'));
    const r = await runCli(['service-level', '--demo', ...HOUR, '--output', 'x.json', '--format', 'csv', '--quiet'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(cwd, 'x.json'), 'utf8')).toMatch(/^interval_start,/);
  });
});

describe('sim --export', () => {
  /** Runs a bash script as a user's shell would; the report line and the sim's pid and URL come back on stdout. */
  const bash = (script: string, cwd: string) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      // The caller's HOME and an offline npm: with an empty npm home, npx reifies the project (its prepare script
      // rebuilds dist/ under every other test running at the time).
      const env = { PATH: process.env.PATH ?? '', TZ: 'UTC', HOME: process.env.HOME ?? tmp, npm_config_offline: 'true', npm_config_update_notifier: 'false' };
      const child = spawn('bash', ['--norc', '--noprofile', '-c', script], { env, cwd });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), 80_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  const after = `"${process.execPath}" "${BIN}" occupancy --since 1h --format csv | head -1
echo "pid=$GCX_SIM_PID url=$GENESYS_CLOUD_API_URL"
kill "$GCX_SIM_PID"`;

  it('the documented recipe works: eval "$(gcx-metrics sim --export --port 0 &)", a report, kill "$GCX_SIM_PID"', async () => {
    const r = await bash(`eval "$("${process.execPath}" "${BIN}" sim --export --port 0 2>/dev/null &)"\n${after}`, tmp);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^interval_start,interval_end,agent_id,.*\npid=\d+ url=http:\/\/127\.0\.0\.1:\d+\n$/);
  }, 90_000);

  it('returns at once through npx, which keeps its own stdout open while its child runs (the sim serves in the background)', async () => {
    const repo = fileURLToPath(new URL('../..', import.meta.url));
    const r = await bash(`eval "$(npx --no-install gcx-metrics sim --export --port 0 2>/dev/null)"\n${after}`, repo);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^interval_start,interval_end,agent_id,.*\npid=\d+ url=http:\/\/127\.0\.0\.1:\d+\n$/);
  }, 90_000);
});

describe('windows and zones never change silently', () => {
  it('--since 25h --interval 1d says on stderr which whole days it reports', async () => {
    const r = await runCli(['service-level', '--demo', '--since', '25h', '--interval', '1d', '--tz', 'UTC', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^note: --since 25h with --interval 1d covers whole intervals: \d{4}-\d\d-\d\d 00:00 to \d{4}-\d\d-\d\d 00:00 UTC \(2 days\)$/m);
  });

  it.each([['--tz', 'EST'], ['GCX_TZ', 'EST']])('%s EST is refused in one line naming America/New_York, before the demo starts', async (where, zone) => {
    const args = ['occupancy', '--demo', '--since', '1h', ...(where === '--tz' ? ['--tz', zone] : [])];
    const r = await runCli(args, { env: where === 'GCX_TZ' ? { GCX_TZ: zone } : {} });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`gcx-metrics: ${where}: "EST" is an abbreviation, not a zone with its place's summer-time rules; use the IANA zone America/New_York\n`);
  });
});

describe('slips refused before any request', () => {
  it('--output x.xlsx without --format is exit 2 and writes nothing; --target 0.8 is exit 2 with the percent to use', async () => {
    const cwd = mkdtempSync(join(tmp, 'xlsx-'));
    const [xlsx, fraction] = await Promise.all([
      runCli(['service-level', '--demo', ...HOUR, '--output', 'x.xlsx'], { cwd }),
      runCli(['service-level', '--demo', ...HOUR, '--target', '0.8'], { cwd }),
    ]);
    expect(xlsx.code).toBe(2);
    expect(xlsx.stderr).toMatch(/^gcx-metrics: --output: "x.xlsx" has an extension this version does not write \(\.xlsx\); add --format/);
    expect(fraction.code).toBe(2);
    expect(fraction.stderr).toBe('gcx-metrics: --target: "0.8" looks like a fraction; use 80 for 80 %\n');
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('did you mean', () => {
  it('a mistyped flag, command or help topic gets the nearest name in the one-line error', async () => {
    const [flag, command, topic] = await Promise.all([
      runCli(['occupancy', '--sincee', '1h', '--demo']),
      runCli(['ocupancy', '--since', '1h']),
      runCli(['help', 'servicelevel']),
    ]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe("gcx-metrics: unknown option '--sincee' (did you mean --since?); see gcx-metrics occupancy --help\n");
    expect(command.code).toBe(2);
    expect(command.stderr).toBe("gcx-metrics: unknown command 'ocupancy' (did you mean occupancy?); see gcx-metrics --help\n");
    expect(topic.code).toBe(2);
    expect(topic.stderr).toMatch(/^gcx-metrics: help: "servicelevel" is not a command \(did you mean service-level\?\);/);
  });

  it('--agent takes an agent\'s exact name (any case), as --queue and --group take names', async () => {
    const list = await runCli(['list', 'agents', '--demo', '--format', 'csv']);
    expect(list.code, list.stderr).toBe(0);
    const header = list.stdout.split('\n')[0]!.split(',');
    const row = list.stdout.split('\n')[1]!.split(',');
    const name = row[header.indexOf('agent_name')]!;
    const id = row[header.indexOf('agent_id')]!;
    const r = await runCli(['occupancy', '--demo', ...HOUR, '--agent', name.toUpperCase(), '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').slice(1);
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toContain(`,${id},${name},`);
  });
});

describe('--check says which', () => {
  it('--min-offered keeps tiny intervals out of --check: with 1000 no demo half hour is checked, exit 0 and a note', async () => {
    const r = await runCli(['service-level', '--demo', ...HOUR, '--threshold', 'queue', '--check', '--min-offered', '1000', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n').length - 1;
    expect(r.stderr).toContain(`--check: every checked row met its target; ${rows} rows with fewer than 1000 offered not checked (--min-offered)`);
  });

  it('--min-offered 0 checks every row and names the first misses', async () => {
    const r = await runCli(['service-level', '--demo', ...HOUR, '--threshold', 'queue', '--check', '--min-offered', '0', '--format', 'csv']);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^gcx-metrics: --check: \d+ of \d+ rows missed their service-level target: [A-Z][\w ]+ \w+ 2026-11-20 15:(00|30) \([\d.]+ % < \d+\)/m);
    expect(r.stderr).not.toContain('not checked');
  });
});
