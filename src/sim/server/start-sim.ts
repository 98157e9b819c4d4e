import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as z from 'zod';
import { UsageError } from '../../errors.js';
import { createOrg, type SimOrg } from '../data/index.js';
import { parseFaultSpec, resolveFaultPlan, type FaultPlan } from '../faults/index.js';
import { createDaySource, dayCacheCapacity } from './day-source.js';
import { createJobStore } from './job-store.js';
import { createRateLimiter } from './rate-limiter.js';
import { createRequestLog, type RequestLogEntry } from './request-log.js';
import { createRequestHandler } from './serve-request.js';
import { createSleeper } from './sleeper.js';
import { createTokenStore } from './token-store.js';

export interface SimOptions {
  /** 0 picks a free port (default); the server always binds 127.0.0.1. */
  port?: number;
  seed?: number;
  agents?: number;
  queues?: number;
  /** Default: fixed demo values derived from the seed, obviously not real secrets. */
  clientId?: string;
  clientSecret?: string;
  tokenTtlSeconds?: number;
  /** Per token per fixed 60-second window (`client.credentials.token.rate.per.minute`). */
  rateLimitPerMinute?: number;
  /** Added to every /api/v2 response. */
  latencyMs?: number;
  faults?: string | FaultPlan;
  /** A JSON-lines file path or a callback. */
  requestLog?: string | ((entry: RequestLogEntry) => void);
  /** The simulator's clock: token expiry, rate windows, what has happened "so far", job dates. */
  now?: () => number;
  /** How far job data (the datalake) lags behind now. */
  dataLagMs?: number;
  /** Status polls that answer QUEUED/PENDING before a job is FULFILLED. */
  jobPollsUntilFulfilled?: number;
  /** The org's short-abandon threshold (tShortAbandon), seconds; default 10. */
  shortAbandonSeconds?: number;
  /** Up to this many members per queue that are not joined to it (default 0). */
  unjoinedMembersPerQueue?: number;
  /** Generated days kept, in agent-days (default 4,000, about 630 MB): a benchmark with memory to spare keeps more. */
  dayCacheAgentDays?: number;
}

export interface SimServer {
  url: string;
  port: number;
  clientId: string;
  clientSecret: string;
  org: SimOrg;
  close(): Promise<void>;
  /** Every request so far, in arrival order. */
  requests(): RequestLogEntry[];
}

const count = (min: number) => z.number().int().min(min);
const OptionsSchema = z.object({
  port: count(0).max(65_535).default(0),
  seed: z.number().int().default(7),
  agents: count(1).default(40),
  queues: count(1).default(6),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  tokenTtlSeconds: z.number().positive().default(86_400),
  rateLimitPerMinute: count(1).default(300),
  latencyMs: count(0).default(0),
  dataLagMs: count(0).default(2 * 3_600_000),
  jobPollsUntilFulfilled: count(0).default(2),
  shortAbandonSeconds: z.number().min(0).default(10),
  unjoinedMembersPerQueue: count(0).default(0),
  dayCacheAgentDays: count(1).optional(),
});

export async function startSim(opts: SimOptions = {}): Promise<SimServer> {
  const parsed = OptionsSchema.safeParse(opts);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`sim option ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const o = parsed.data;
  const now = opts.now ?? Date.now;
  const plan = typeof opts.faults === 'string' ? parseFaultSpec(opts.faults) : resolveFaultPlan(opts.faults);
  const client = { id: o.clientId ?? `sim-client-${o.seed}`, secret: o.clientSecret ?? `sim-secret-${o.seed}-do-not-use` };

  const org = createOrg({
    seed: o.seed, agents: o.agents, queues: o.queues, shortAbandonSeconds: o.shortAbandonSeconds, unjoinedPerQueue: o.unjoinedMembersPerQueue,
  });
  const days = createDaySource(org, now, dayCacheCapacity(o.agents, o.dayCacheAgentDays));
  const jobs = createJobStore({ seed: o.seed, days, now, dataLagMs: o.dataLagMs, pollsUntilFulfilled: o.jobPollsUntilFulfilled });
  const log = createRequestLog(opts.requestLog);
  const sleeper = createSleeper();
  const handle = createRequestHandler({
    ctx: { org, days, now, jobs },
    seed: o.seed,
    client,
    tokens: createTokenStore({ seed: o.seed, ttlSeconds: o.tokenTtlSeconds, now }),
    limiter: createRateLimiter({ limit: o.rateLimitPerMinute, now }),
    plan,
    log,
    latencyMs: o.latencyMs,
    sleep: sleeper.sleep,
  });

  // handle() answers every failure itself; this only guards against a socket that breaks while writing.
  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    clientId: client.id,
    clientSecret: client.secret,
    org,
    requests: () => log.entries(),
    close: () =>
      (closing ??= (async () => {
        sleeper.wakeAll();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await log.close();
      })()),
  };
}
