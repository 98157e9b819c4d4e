import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { cleanupTempFiles, writeOutput } from '../../src/output/write.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcx-write-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function* failAfter(chunks: string[], error: Error): AsyncIterable<string> {
  yield* chunks;
  throw error;
}

/** A writable that takes `delayTicks` event-loop turns per write and records what it got. */
function sink(opts: { highWaterMark?: number; fail?: string } = {}) {
  const got: string[] = [];
  let needDrain = 0;
  const stream = new Writable({
    highWaterMark: opts.highWaterMark ?? 16,
    write(chunk: Buffer, _enc, done) {
      if (opts.fail) return done(Object.assign(new Error(opts.fail), { code: opts.fail }));
      got.push(chunk.toString());
      setImmediate(done);
    },
  });
  const write = stream.write.bind(stream);
  stream.write = ((...args: Parameters<typeof write>) => {
    const ok = write(...args);
    if (!ok) needDrain++;
    return ok;
  }) as typeof stream.write;
  return { stream, got, drains: () => needDrain };
}

describe('writeOutput to a file', () => {
  it('writes a new file and replaces an existing one, leaving no temp file', async () => {
    const file = path.join(dir, 'report.csv');
    await writeOutput(['a,b\n', '1,2\n'], { kind: 'file', path: file });
    expect(fs.readFileSync(file, 'utf8')).toBe('a,b\n1,2\n');
    fs.chmodSync(file, 0o600);
    await writeOutput((async function* () {
      yield 'new\n';
    })(), { kind: 'file', path: file });
    expect(fs.readFileSync(file, 'utf8')).toBe('new\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['report.csv']);
  });

  it('a failing chunk iterator leaves the old content and no temp file, and its error propagates', async () => {
    const file = path.join(dir, 'report.csv');
    fs.writeFileSync(file, 'old\n');
    const boom = new Error('API failed');
    const big = 'x'.repeat(100_000); // more than one block, so the temp file really had data
    await expect(writeOutput(failAfter([big, big], boom), { kind: 'file', path: file })).rejects.toBe(boom);
    expect(fs.readFileSync(file, 'utf8')).toBe('old\n');
    expect(fs.readdirSync(dir)).toEqual(['report.csv']);
  });

  it('a target whose directory vanished after the early check is a usage error saying so in words', async () => {
    const file = path.join(dir, 'missing', 'report.csv');
    const error = await writeOutput(['x'], { kind: 'file', path: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(`--output ${file}: directory ${path.join(dir, 'missing')} does not exist`);
  });

  it('cleanupTempFiles removes a temp file still being written; the run then fails and the old file stays', async () => {
    const file = path.join(dir, 'report.csv');
    fs.writeFileSync(file, 'old\n');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let firstWritten!: () => void;
    const started = new Promise<void>((r) => (firstWritten = r));
    async function* slow() {
      yield 'y'.repeat(70_000);
      firstWritten();
      await gate;
      yield 'rest\n';
    }
    const run = writeOutput(slow(), { kind: 'file', path: file }).catch((e: unknown) => e);
    await started;
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toHaveLength(1);
    expect(fs.readdirSync(dir).find((n) => n.endsWith('.tmp'))).toMatch(new RegExp(`^\\.report\\.csv\\.${process.pid}\\.[0-9a-f]+\\.tmp$`));
    cleanupTempFiles();
    expect(fs.readdirSync(dir)).toEqual(['report.csv']);
    release();
    expect(await run).toBeInstanceOf(UsageError);
    expect(fs.readFileSync(file, 'utf8')).toBe('old\n');
    expect(fs.readdirSync(dir)).toEqual(['report.csv']);
  });
});

describe('writeOutput to links and special files', () => {
  const tempsIn = (d: string) => fs.readdirSync(d).filter((n) => n.endsWith('.tmp'));

  it('a symlink is followed: the link stays a link and its target is replaced, the temp file beside the target', async () => {
    fs.mkdirSync(path.join(dir, 'real'));
    const real = path.join(dir, 'real', 'r.csv');
    fs.writeFileSync(real, 'old\n');
    fs.symlinkSync(real, path.join(dir, 'link.csv'));
    let tempDir: string | undefined;
    async function* rows() {
      yield 'x'.repeat(70_000);
      tempDir = tempsIn(path.join(dir, 'real')).length === 1 ? 'real' : tempsIn(dir).length === 1 ? 'link dir' : 'none';
      yield 'new\n';
    }
    await writeOutput(rows(), { kind: 'file', path: path.join(dir, 'link.csv') });
    expect(tempDir).toBe('real');
    expect(fs.lstatSync(path.join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real, 'utf8')).toBe(`${'x'.repeat(70_000)}new\n`);
    expect(fs.readdirSync(dir).sort()).toEqual(['link.csv', 'real']);
    expect(fs.readdirSync(path.join(dir, 'real'))).toEqual(['r.csv']);
  });

  it('a hard-linked file is replaced as a whole; its other name keeps the old content', async () => {
    const file = path.join(dir, 'r.csv');
    fs.writeFileSync(file, 'old\n');
    fs.linkSync(file, path.join(dir, 'other.csv'));
    await writeOutput(['new\n'], { kind: 'file', path: file });
    expect(fs.readFileSync(file, 'utf8')).toBe('new\n');
    expect(fs.readFileSync(path.join(dir, 'other.csv'), 'utf8')).toBe('old\n');
  });

  it('a FIFO is written to, not replaced by a regular file', async () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]); // coreutils: Node has no API for it; the FIFO lives in this test's temp dir
    const read = new Promise<string>((resolve, reject) => {
      let got = '';
      fs.createReadStream(fifo, 'utf8')
        .on('data', (d) => (got += d as string))
        .on('end', () => resolve(got))
        .on('error', reject);
    });
    const big = 'f'.repeat(200_000);
    await writeOutput([big, 'end\n'], { kind: 'file', path: fifo });
    expect(await read).toBe(`${big}end\n`);
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['fifo']);
  });
});

describe('writeOutput to stdout', () => {
  it('a stream that writes synchronously but calls back later (stdout redirected to a file) gets one block at a time', async () => {
    // Node's stdout on a regular file writes at once and defers the write callbacks to process.nextTick; a writer
    // that only awaits 'drain' never yields to them and keeps every block alive until the end.
    let rendered = 0;
    let renderedAtFirstCallback: number | undefined;
    const stream = new Writable({
      highWaterMark: 1 << 30,
      write(_chunk: Buffer, _enc, done) {
        done();
      },
    });
    const write = stream.write.bind(stream);
    stream.write = ((chunk: string, cb: () => void) =>
      write(chunk, () => {
        renderedAtFirstCallback ??= rendered;
        cb();
      })) as typeof stream.write;
    function* rows() {
      for (let i = 0; i < 50; i++) {
        rendered++;
        yield 'r'.repeat(70_000);
      }
    }
    await writeOutput(rows(), { kind: 'stdout', stream });
    expect(rendered).toBe(50);
    expect(renderedAtFirstCallback).toBeLessThanOrEqual(2);
  });

  it('writes everything in order, waiting for drain under backpressure', async () => {
    const { stream, got, drains } = sink({ highWaterMark: 16 });
    const chunks = Array.from({ length: 3 }, (_, i) => `${i}`.repeat(70_000));
    await writeOutput(chunks, { kind: 'stdout', stream });
    expect(got.join('')).toBe(chunks.join(''));
    expect(drains()).toBeGreaterThan(0);
  });

  it('coalesces small chunks into blocks', async () => {
    const { stream, got } = sink({ highWaterMark: 1 << 20 });
    await writeOutput(Array.from({ length: 1000 }, () => 'row\n'), { kind: 'stdout', stream });
    expect(got).toEqual(['row\n'.repeat(1000)]);
  });

  it('a closed pipe (EPIPE) ends quietly and stops pulling chunks', async () => {
    const { stream } = sink({ fail: 'EPIPE' });
    let pulled = 0;
    function* rows() {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield 'z'.repeat(1000);
      }
    }
    await expect(writeOutput(rows(), { kind: 'stdout', stream })).resolves.toBeUndefined();
    expect(pulled).toBeLessThan(1000);
  });

  it('other stream errors are usage errors', async () => {
    const { stream } = sink({ fail: 'ENOSPC' });
    await expect(writeOutput(['a'], { kind: 'stdout', stream })).rejects.toThrow('stdout: cannot write: no space left on device (ENOSPC)');
  });
});
