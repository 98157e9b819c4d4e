/**
 * Every response body is bounded on the wire and after decompression, against a real local server (port 0): an
 * oversized body or a gzip bomb ends in exit 4 naming the endpoint, after reading just past the limit. The limits
 * are lowered to 1 MiB so that the bodies stay small and the tests fast; BODY_LIMITS holds the real ones.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { streamAggregates } from '../../src/api/analytics.js';
import { createApiClient, type ResponseInfo } from '../../src/api/http.js';
import { BODY_LIMITS } from '../../src/api/limits.js';
import { BodyProblem, forEachResult } from '../../src/api/results-stream.js';
import { RETRY_DEFAULTS } from '../../src/api/retry-policy.js';
import { ApiError } from '../../src/errors.js';
import { collectingLogger, fakeClock, stubTokens } from './support.js';

const MiB = 2 ** 20;
const AGG = '/api/v2/analytics/conversations/aggregates/query';
const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function serve(headers: Record<string, string>, body: Buffer): Promise<string> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json', ...headers });
      // In 64 kB pieces, and none after the client hangs up.
      Readable.from(function* () {
        for (let i = 0; i < body.length; i += 65_536) yield body.subarray(i, i + 65_536);
      }()).pipe(res);
      res.on('close', () => res.destroy());
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function clientOf(url: string, seen: ResponseInfo[] = []) {
  return createApiClient({
    apiUrl: url,
    tokens: stubTokens(),
    clock: fakeClock(),
    logger: collectingLogger().logger,
    policy: { ...RETRY_DEFAULTS, requestTimeoutMs: 10_000 },
    random: () => 0,
    bodyLimits: { wholeBytes: MiB, streamedBytes: 2 * MiB },
    onResponse: (i) => seen.push(i),
  });
}

const failureOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as ApiError);
const OK = JSON.stringify({ results: [{ group: { queueId: 'q1' }, data: [] }] });
const Loose = z.object({ results: z.array(z.unknown()) });

describe('response body limits', () => {
  it('are 256 MiB for a body read whole and 4 GiB for a streamed aggregates body', () => {
    expect(BODY_LIMITS).toEqual({ wholeBytes: 268_435_456, streamedBytes: 4_294_967_296 });
  });

  it('a body over the limit (2 MiB of spaces before the JSON) is exit 4 naming the endpoint, not retried', async () => {
    const url = await serve({}, Buffer.concat([Buffer.alloc(2 * MiB, ' '), Buffer.from(OK)]));
    const seen: ResponseInfo[] = [];
    const error = await failureOf(clientOf(url, seen).request('GET', '/api/v2/routing/queues', { schema: Loose }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.exitCode).toBe(4);
    expect(error!.message).toBe('GET /api/v2/routing/queues failed: answered with a body over 1 MiB on the wire (the limit for one response)');
    expect(seen).toEqual([]);
  });

  it('a gzip bomb (64 MiB of zeros in ~64 kB) stops at the limit after decompression', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * MiB));
    expect(bomb.length).toBeLessThan(MiB);
    const url = await serve({ 'Content-Encoding': 'gzip' }, bomb);
    const error = await failureOf(clientOf(url).request('POST', AGG, { body: {}, schema: Loose }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.message).toBe(`POST ${AGG} failed: answered with a body over 1 MiB after decompression (the limit for one response)`);
  });

  it('a streamed aggregates body has its own (larger) limit, after decompression too', async () => {
    const body = zlib.gzipSync(Buffer.concat([Buffer.from('{"results":['), Buffer.alloc(8 * MiB, ' '), Buffer.from(']}')]));
    const url = await serve({ 'Content-Encoding': 'gzip' }, body);
    const fold = { start: () => 0, add: () => {} };
    const error = await failureOf(streamAggregates(clientOf(url), 'conversations', { interval: 'x', metrics: ['nOffered'] }, fold));
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.message).toBe(`POST ${AGG} failed: answered with a body over 2 MiB after decompression (the limit for one response)`);
  });

  it.each([
    ['gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['br', zlib.brotliCompressSync],
  ] as const)('a real %s body under the limit is read as before', async (encoding, compress) => {
    const url = await serve({ 'Content-Encoding': encoding }, compress(Buffer.from(OK)));
    const { data } = await clientOf(url).request('POST', AGG, { body: {}, schema: Loose });
    expect(data).toEqual(JSON.parse(OK));
  });

  it('an empty body marked br is not inflated (brotli would call it truncated)', async () => {
    const url = await serve({ 'Content-Encoding': 'br', 'Content-Length': '0' }, Buffer.alloc(0));
    const error = await failureOf(clientOf(url).request('POST', AGG, { body: {}, schema: Loose }));
    expect(error!.message).toBe(`POST ${AGG} returned an empty body, not JSON`);
  });

  it('one value of a streamed body may not grow past the whole-body limit: a BodyProblem naming the limit', async () => {
    const element = `{"group":{"queueId":"${'x'.repeat(2000)}"}}`;
    const chunks = (async function* () {
      yield Buffer.from(`{"results":[${element}`);
    })();
    await expect(forEachResult(chunks, () => {}, 1000)).rejects.toThrow(new BodyProblem('returned one JSON value over 1000 bytes (the limit for one value)'));
  });
});
