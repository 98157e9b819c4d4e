/** --queue/--group by exact name, --agent by email: one match resolves, none or several exit 2 naming candidates. */
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNockGuard } from '../nock-guard.js';
import { resolveAgentIds, resolveGroupIds, resolveQueueIds } from '../../src/api/directory.js';
import { createApiClient } from '../../src/api/http.js';
import { UsageError } from '../../src/errors.js';
import { startSim, type SimServer } from '../../src/sim/index.js';
import { createTokenProvider } from '../../src/auth/token-provider.js';
import { fetchClientCredentialsToken } from '../../src/auth/client-credentials.js';
import { systemClock } from '../../src/clock.js';
import { collectingLogger, fakeClock, stubTokens } from './support.js';

const API = 'https://api.test.example';
const json = { 'Content-Type': 'application/json' };
const G1 = '0c5a0000-0000-4000-8000-000000000001';
const G2 = '0c5a0000-0000-4000-8000-000000000002';
const G3 = '0c5a0000-0000-4000-8000-000000000003';

useNockGuard();

const client = () => createApiClient({ apiUrl: API, tokens: stubTokens(), clock: fakeClock(), logger: collectingLogger().logger });
const listing = (entities: unknown[]) => ({ entities, pageSize: 500, pageNumber: 1, total: entities.length, pageCount: 1 });

describe('resolveGroupIds (GET /api/v2/groups has no name filter: one listing, matched here)', () => {
  const groups = listing([
    { id: G1, name: 'Tier 1 Agents' },
    { id: G2, name: 'Night Shift' },
    { id: G3, name: 'night shift' },
  ]);

  it('resolves an exact name case-insensitively and passes ids through, with one listing request', async () => {
    nock(API).get('/api/v2/groups').query({ pageSize: '500', pageNumber: '1' }).reply(200, groups, json);
    expect(await resolveGroupIds(client(), ['TIER 1 agents', G2.toUpperCase()])).toEqual([G1, G2]);
  });

  it('an ambiguous name exits 2 listing both candidates with their ids', async () => {
    nock(API).get('/api/v2/groups').query(true).reply(200, groups, json);
    const err = await resolveGroupIds(client(), ['Night Shift']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toBe(
      `--group: "Night Shift" matches 2 groups: Night Shift (${G2}), night shift (${G3}); give the id instead`,
    );
  });

  it('an unknown name names the near ones, or says how to list them', async () => {
    nock(API).get('/api/v2/groups').query(true).times(2).reply(200, groups, json);
    await expect(resolveGroupIds(client(), ['Tier 1'])).rejects.toThrow(`--group: no group named "Tier 1" in this org; did you mean Tier 1 Agents (${G1})?`);
    await expect(resolveGroupIds(client(), ['Managers'])).rejects.toThrow('--group: no group named "Managers" in this org; see gcx-metrics list groups');
  });

  it('makes no request when every value is an id', async () => {
    expect(await resolveGroupIds(client(), [G1, G1])).toEqual([G1]);
  });
});

describe('resolveQueueIds (the API name filter narrows, the exact match is checked here)', () => {
  it('asks GET /api/v2/routing/queues?name= and, finding nothing, *name* for candidates', async () => {
    nock(API)
      .get('/api/v2/routing/queues').query({ pageSize: '500', pageNumber: '1', name: 'Suport' })
      .reply(200, listing([]), json)
      .get('/api/v2/routing/queues').query({ pageSize: '500', pageNumber: '1', name: '*Suport*' })
      .reply(200, listing([]), json)
      // Nothing contains "Suport": the whole listing, for a typo's "did you mean" (as --group has always had).
      .get('/api/v2/routing/queues').query({ pageSize: '500', pageNumber: '1' })
      .reply(200, listing([{ id: G1, name: 'Support' }, { id: G2, name: 'Sales' }]), json);
    await expect(resolveQueueIds(client(), ['Suport'])).rejects.toThrow(`--queue: no queue named "Suport" in this org; did you mean Support (${G1})?`);
  });

  it('two queues answering to one name (the filter is not documented as case-sensitive) → ambiguous', async () => {
    nock(API)
      .get('/api/v2/routing/queues').query({ pageSize: '500', pageNumber: '1', name: 'sales' })
      .reply(200, listing([{ id: G1, name: 'Sales' }, { id: G2, name: 'SALES' }]), json);
    await expect(resolveQueueIds(client(), ['sales'])).rejects.toThrow(`--queue: "sales" matches 2 queues: Sales (${G1}), SALES (${G2}); give the id instead`);
  });
});

describe('against the simulator', () => {
  let sim: SimServer;
  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    sim = await startSim({ port: 0 });
  });
  afterAll(async () => {
    await sim?.close();
  });
  const simClient = () => {
    const clock = systemClock;
    const logger = collectingLogger().logger;
    const tokens = createTokenProvider({
      fetchToken: () => fetchClientCredentialsToken({ loginUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, timeoutMs: 5_000, clock, logger }),
      clock,
    });
    return createApiClient({ apiUrl: sim.url, tokens, clock, logger });
  };

  it('--queue "technical support" is the one queue of that name; "Support" is not "Technical Support"', async () => {
    const byName = new Map(sim.org.queues.map((q) => [q.name, q.id]));
    expect(await resolveQueueIds(simClient(), ['technical support', 'Support'])).toEqual([byName.get('Technical Support'), byName.get('Support')]);
    await expect(resolveQueueIds(simClient(), ['Tech'])).rejects.toThrow(
      `--queue: no queue named "Tech" in this org; did you mean Technical Support (${byName.get('Technical Support')})?`,
    );
  });

  it('--agent by email, any case; an unknown email names the listing', async () => {
    const agent = sim.org.agents[3]!;
    expect(await resolveAgentIds(simClient(), [agent.email.toUpperCase()])).toEqual([agent.id]);
    await expect(resolveAgentIds(simClient(), ['nobody@example.com'])).rejects.toThrow('--agent: no user with email or name "nobody@example.com" in this org; see gcx-metrics list agents');
  });

  it('--agent by exact name, any case, as --queue and --group take names; a typo gets a "did you mean"', async () => {
    const agent = sim.org.agents[5]!;
    const sameName = sim.org.agents.filter((a) => a.name.toLowerCase() === agent.name.toLowerCase());
    expect(sameName).toHaveLength(1);
    expect(await resolveAgentIds(simClient(), [agent.name.toLowerCase()])).toEqual([agent.id]);
    const typo = agent.name.slice(0, 1) + agent.name.slice(2, 3) + agent.name.slice(1, 2) + agent.name.slice(3); // two letters swapped
    await expect(resolveAgentIds(simClient(), [typo])).rejects.toThrow(
      `--agent: no user with email or name "${typo}" in this org; did you mean ${agent.name} <${agent.email}> (${agent.id})`,
    );
  });

  it('--group by name', async () => {
    expect(await resolveGroupIds(simClient(), ['tier 2 agents'])).toEqual([sim.org.groups[1]!.id]);
  });
});
