/**
 * The files a SQLite `--db` path leaves in its directory (issue 32): only a regular file is opened, and nothing
 * is created beside anything else. The built CLI runs here; cases that need a device node or a read-only
 * directory run as root inside a private mount namespace, on a tmpfs nothing outside it sees.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSim } from '../../src/sim/index.js';
import { BIN, runCli, type CliResult } from '../e2e/cli.js';
import { simEnv } from '../e2e/sim-env.js';
import { listFiles, tempDir } from '../reliability/support.js';
import { canUnshare, inPrivateMount, shq } from '../private-mount.js';

if (!canUnshare) console.warn('skipping namespace cases of sqlite-files.test.ts: they need root and unshare -m');

const q = shq;

interface NsRun {
  /** Per CLI run named in the script: exit code and stderr. */
  runs: Record<string, { code: number; stderr: string; stdout: string }>;
  /** `ls -A` of the tmpfs after the runs. */
  names: string[];
}

/**
 * Runs `body` (shell) in a private mount namespace with a fresh tmpfs mounted at $D; `cli NAME ARGS…` runs the
 * built CLI from $D, keeping its output under NAME. Results go to a directory outside the tmpfs.
 */
function inNamespace(body: string): NsRun {
  const mountPoint = tempDir('gcx-ns-');
  const results = tempDir('gcx-ns-res-');
  try {
    const script = [
      'set -e',
      `D=${q(mountPoint)}; R=${q(results)}`,
      'mount -t tmpfs tmpfs "$D"',
      `cli() { n=$1; shift; (cd "$D" && ${q(process.execPath)} ${q(BIN)} "$@" >"$R/$n.out" 2>"$R/$n.err"; echo $? >"$R/$n.code") || true; }`,
      body,
      'ls -A "$D" > "$R/names"',
    ].join('\n');
    const run = inPrivateMount(script, 90_000);
    expect(run.status, `${run.stderr}`).toBe(0);
    const read = (n: string) => fs.readFileSync(path.join(results, n), 'utf8');
    const runs: NsRun['runs'] = {};
    for (const file of fs.readdirSync(results).filter((f) => f.endsWith('.code'))) {
      const n = file.slice(0, -'.code'.length);
      runs[n] = { code: Number(read(file)), stderr: read(`${n}.err`), stdout: read(`${n}.out`) };
    }
    return { runs, names: read('names').trim().split('\n').filter(Boolean) };
  } finally {
    fs.rmSync(results, { recursive: true, force: true });
    fs.rmSync(mountPoint, { recursive: true, force: true });
  }
}

const oneLine = (r: { stderr: string }) => expect(r.stderr).toMatch(/^gcx-metrics: [^\n]+\n$/);

let dir: string;
beforeEach(() => {
  dir = tempDir('gcx-dbfiles-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], env: Record<string, string> = {}): Promise<CliResult> => runCli(args, { cwd: dir, env, timeoutMs: 30_000 });

describe('--db that is not a regular file', () => {
  const NOT_A_FILE = (p: string, what: string) =>
    `gcx-metrics: --db ${p}: is a ${what}, not a file; give a SQLite database file (an existing one, or a new path to create)\n`;

  it('a FIFO is exit 2 for sync and a report, before opening it (no journal beside it, no hang)', async () => {
    const fifo = path.join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    for (const args of [['sync', '--demo', '--db', fifo, '--backfill', '1h', '--quiet'], ['occupancy', '--db', fifo, '--since', '1h']]) {
      const r = await cli(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(NOT_A_FILE(fifo, 'FIFO'));
    }
    expect(listFiles(dir)).toEqual(['pipe']);
  });

  it('a directory is exit 2 for sync and a report, and nothing is created inside or beside it', async () => {
    const sub = path.join(dir, 'history');
    fs.mkdirSync(sub);
    for (const args of [['sync', '--demo', '--db', sub, '--backfill', '1h', '--quiet'], ['service-level', '--db', sub, '--since', '1h']]) {
      const r = await cli(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(NOT_A_FILE(sub, 'directory'));
    }
    expect(fs.readdirSync(dir)).toEqual(['history']);
    expect(fs.readdirSync(sub)).toEqual([]);
  });

  it.skipIf(!canUnshare)('a character device (a null device made on a private tmpfs) is exit 2 and no -journal appears beside it', () => {
    const r = inNamespace(['mknod "$D/null" c 1 3', 'cli sync sync --demo --db "$D/null" --backfill 1h --quiet', 'cli read occupancy --db "$D/null" --since 1h'].join('\n'));
    for (const name of ['sync', 'read']) {
      const run = r.runs[name]!;
      expect(run.code, run.stderr).toBe(2);
      oneLine(run);
      expect(run.stderr).toMatch(/: is a character device, not a file; /);
    }
    expect(r.names).toEqual(['null']);
  });
});

describe.skipIf(!canUnshare)('a WAL database in a read-only directory (root, private mount namespace)', () => {
  it('occupancy and service-level --db read it, with the same output as before the directory went read-only, and leave no file', () => {
    // A pinned window two whole hours back (the demo org's clock is the real one): both reads see the same rows.
    const end = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    const window = ['--from', iso(end - 7_200_000), '--to', iso(end), '--tz', 'UTC', '--interval', '1h'];
    const reads = (when: string) =>
      ['occupancy', 'service-level'].map((report) => `cli ${when}-${report} ${report} --db "$D/h.sqlite" ${window.map(q).join(' ')}`).join('\n');
    const r = inNamespace(
      [
        `cli sync sync --demo --db "$D/h.sqlite" --to ${q(iso(end))} --backfill 48h --tz UTC --quiet`,
        reads('writable'),
        'mount -o remount,ro "$D"',
        'touch "$D/probe" 2>/dev/null && { echo "the tmpfs is still writable" >&2; exit 1; }',
        reads('readonly'),
      ].join('\n'),
    );
    expect(r.runs.sync!.code, r.runs.sync!.stderr).toBe(0);
    for (const report of ['occupancy', 'service-level']) {
      const before = r.runs[`writable-${report}`]!;
      const after = r.runs[`readonly-${report}`]!;
      expect(before.code, before.stderr).toBe(0);
      expect(before.stdout.trimEnd().split('\n').length).toBeGreaterThan(2);
      expect(after.stderr).toBe('');
      expect(after.code).toBe(0);
      expect(after.stdout).toBe(before.stdout);
    }
    expect(r.names).toEqual(['h.sqlite']);
  });
});

/** What a database holds: its sync states and how many rows each report has. */
function contents(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      states: db.prepare('SELECT * FROM sync_state ORDER BY report').all(),
      rows: Number(db.prepare('SELECT (SELECT COUNT(*) FROM occupancy) + (SELECT COUNT(*) FROM service_level)').pluck().get()),
    };
  } finally {
    db.close();
  }
}

describe('what reads and failed syncs leave behind', () => {
  it('a report with --db naming a missing file is exit 6 and does not create it', async () => {
    const r = await cli(['occupancy', '--db', 'missing.sqlite', '--since', '1h']);
    expect(r.code).toBe(6);
    expect(r.stderr).toBe(`gcx-metrics: SQLite database ${path.join(dir, 'missing.sqlite')} does not exist; run gcx-metrics sync --db ${path.join(dir, 'missing.sqlite')} first\n`);
    expect(listFiles(dir)).toEqual([]);
  });

  it('a report leaves no -wal or -shm beside the database it read', async () => {
    const sync = await cli(['sync', '--demo', '--db', 'h.sqlite', '--backfill', '1h', '--quiet']);
    expect(sync.code, sync.stderr).toBe(0);
    expect(listFiles(dir)).toEqual(['h.sqlite']);
    for (const report of ['occupancy', 'service-level']) {
      const r = await cli([report, '--db', 'h.sqlite', '--since', '1h']);
      expect(r.code, r.stderr).toBe(0);
      expect(listFiles(dir)).toEqual(['h.sqlite']);
    }
  });

  describe('against an API that fails every request', () => {
    const failing = async (body: (env: Record<string, string>) => Promise<void>) => {
      const sim = await startSim({ port: 0, faults: 'rate=1,kinds=html' });
      try {
        await body(simEnv(sim));
      } finally {
        await sim.close();
      }
    };

    it('a first sync that fails (exit 4) leaves no database file behind', async () => {
      await failing(async (env) => {
        const r = await cli(['sync', '--db', 'new.sqlite', '--backfill', '1h', '--quiet'], env);
        expect(r.code, r.stderr).toBe(4);
      });
      expect(listFiles(dir)).toEqual([]);
    });

    it('a failing sync never removes a database that was there before, even an empty file', async () => {
      const ok = await cli(['sync', '--demo', '--db', 'h.sqlite', '--backfill', '1h', '--quiet']);
      expect(ok.code, ok.stderr).toBe(0);
      const before = contents(path.join(dir, 'h.sqlite'));
      expect(before.rows).toBeGreaterThan(0);
      fs.writeFileSync(path.join(dir, 'empty.sqlite'), '');
      await failing(async (env) => {
        for (const db of ['h.sqlite', 'empty.sqlite']) {
          const r = await cli(['sync', '--db', db, '--backfill', '1h', '--quiet'], env);
          expect(r.code, r.stderr).toBe(4);
        }
      });
      expect(listFiles(dir)).toEqual(['empty.sqlite', 'h.sqlite']);
      expect(contents(path.join(dir, 'h.sqlite'))).toEqual(before);
    });
  });
});
