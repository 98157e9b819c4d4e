import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ok, runCli } from '../e2e/cli.js';

/** The built CLI on --input files: what a cron job sees (exit codes, rows, one-line errors). */

const dir = mkdtempSync(join(tmpdir(), 'gcx-input-cli-'));
const QUEUE = '785e97bd-d8dc-4db8-b0ba-7d967d81bf5a';

function conversation(id: string, answeredEmit: string, answeredMs: number) {
  return {
    conversationId: id,
    conversationStart: '2026-11-20T08:59:00.000Z',
    participants: [
      {
        purpose: 'acd',
        participantName: 'Sales',
        sessions: [
          {
            mediaType: 'voice',
            segments: [{ queueId: QUEUE, segmentType: 'interact' }],
            metrics: [
              { name: 'nOffered', value: 1, emitDate: '2026-11-20T08:59:00.000Z' },
              { name: 'tAnswered', value: answeredMs, emitDate: answeredEmit },
            ],
          },
        ],
      },
    ],
  };
}

/** Whether process `pid` has `path` open (Linux /proc). */
function holdsOpen(pid: number, path: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

const ndjson = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('--input, as the CLI reads it', () => {
  it('zone-less emitDates give the same rows under TZ=UTC and TZ=America/New_York (they were read in the process zone)', async () => {
    const path = join(dir, 'zoneless.ndjson');
    writeFileSync(
      path,
      ndjson(
        conversation('6b1f2c3d-0a1b-4c2d-8e3f-000000000001', '2026-11-20T09:10:00', 12_000),
        conversation('6b1f2c3d-0a1b-4c2d-8e3f-000000000002', '2026-11-20T09:40:00.500', 30_000),
      ),
    );
    const args = ['service-level', '--threshold', '20', '--input', path, '--tz', 'UTC', '--format', 'csv'];
    const [utc, newYork] = await Promise.all([runCli(args, { env: { TZ: 'UTC' } }), runCli(args, { env: { TZ: 'America/New_York' } })]);
    expect(ok(newYork)).toBe(ok(utc));
    const rows = ok(utc).trim().split('\n').slice(1);
    // Both offered at 08:59Z; the answers at 09:10Z (12 s, within 20) and 09:40:00.5Z (30 s, not within).
    expect(rows.map((r) => r.split(',').slice(0, 8).join(','))).toEqual([
      `2026-11-20T08:30:00+00:00,2026-11-20T09:00:00+00:00,${QUEUE},Sales,voice,2,0,0`,
      `2026-11-20T09:00:00+00:00,2026-11-20T09:30:00+00:00,${QUEUE},Sales,voice,0,1,1`,
      `2026-11-20T09:30:00+00:00,2026-11-20T10:00:00+00:00,${QUEUE},Sales,voice,0,1,0`,
    ]);
  });

  it('a UTF-8 byte-order mark and leading blank lines are accepted (they were refused)', async () => {
    const path = join(dir, 'bom.ndjson');
    const plain = join(dir, 'plain.ndjson');
    const text = ndjson(conversation('6b1f2c3d-0a1b-4c2d-8e3f-000000000001', '2026-11-20T09:10:00.000Z', 12_000));
    writeFileSync(path, `\uFEFF\r\n\n${text}`);
    writeFileSync(plain, text);
    const [bom, expected] = await Promise.all([runCli(['service-level', '--threshold', '20', '--input', path]), runCli(['service-level', '--threshold', '20', '--input', plain])]);
    expect(ok(bom)).toBe(ok(expected));
  });

  it('a negative duration is exit 2 with one line naming the file and line', async () => {
    const path = join(dir, 'negative.ndjson');
    writeFileSync(path, ndjson(conversation('6b1f2c3d-0a1b-4c2d-8e3f-000000000001', '2026-11-20T09:10:00.000Z', -17_600)));
    const r = await runCli(['service-level', '--threshold', '20', '--input', path]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^gcx-metrics: --input: .*negative\.ndjson line 1: metric tAnswered has a negative value \(-17600\);.*\n$/);
  });

  it('duplicated conversations count once, with a warning', async () => {
    const one = conversation('6b1f2c3d-0a1b-4c2d-8e3f-000000000001', '2026-11-20T09:10:00.000Z', 12_000);
    const path = join(dir, 'dup.ndjson');
    writeFileSync(path, ndjson(one, one));
    const single = join(dir, 'single.ndjson');
    writeFileSync(single, ndjson(one));
    const [twice, once] = await Promise.all([runCli(['service-level', '--threshold', '20', '--input', path]), runCli(['service-level', '--threshold', '20', '--input', single])]);
    expect(twice.code).toBe(0);
    expect(twice.stdout).toBe(ok(once));
    expect(twice.stderr).toBe(`warning: ${path}: 1 duplicate conversation skipped (each conversationId counts once, as from the API)\n`);
  });

  it('/dev/zero is exit 2 at once (it read forever)', async () => {
    const r = await runCli(['occupancy', '--input', '/dev/zero'], { timeoutMs: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'gcx-metrics: --input: /dev/zero line 1 is not valid JSON (unexpected byte 0x00); expected a details response or job-results page {"conversations":[…]}, a JSON array of conversations, or NDJSON with one conversation per line\n',
    );
  });

  it('a FIFO nobody writes to ends on SIGINT with exit 130 (it ignored SIGINT forever)', async () => {
    const fifo = join(dir, 'no-writer.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const child = spawn(process.execPath, [BIN, 'service-level', '--threshold', '20', '--input', fifo], { env: { PATH: process.env.PATH ?? '', TZ: 'UTC' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Wait until it has the FIFO open (before the fix the open itself blocked; then let a second pass), so the
    // signal finds the run reading, not still starting up. Nothing here asserts a time.
    for (let i = 0; i < 200 && !holdsOpen(child.pid!, fifo); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await exited;
    clearTimeout(timer);
    expect(code).toBe(130);
    expect(stderr).toMatch(/^gcx-metrics: interrupted( \(SIGINT\))?\n$/);
  }, 60_000);

  it('a FIFO is read once a writer comes', async () => {
    const fifo = join(dir, 'writer.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const run = runCli(['service-level', '--threshold', '20', '--input', fifo, '--format', 'csv']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    writeFileSync(fifo, ndjson(conversation('6b1f2c3d-0a1b-4c2d-8e3f-000000000001', '2026-11-20T09:10:00.000Z', 12_000)));
    const out = ok(await run);
    expect(out.trim().split('\n')).toHaveLength(3);
  });
});
