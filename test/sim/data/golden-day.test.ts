import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createOrg, writeConversationsNdjson } from '../../../src/sim/data/index.js';

/**
 * The generator's output, pinned: a speed-up of the simulator must produce the same conversations byte for byte
 * (the benchmarks and every test against the simulator rely on seed 7 meaning one org and one history). The hash
 * was computed from the generator before issue 29's optimisation (commit 6bae7b6); a deliberate change to the
 * generated data updates it here, in its own commit that says why.
 */
const DAY = Date.UTC(2026, 9, 25); // a UTC day with a European DST change in it

describe('generated day, seed 7, 100 agents, 24 queues', () => {
  it('is the pinned NDJSON, byte for byte', async () => {
    const org = createOrg({ seed: 7, agents: 100, queues: 24 });
    const hash = createHash('sha256');
    const result = await writeConversationsNdjson(org, DAY, DAY + 86_400_000, (chunk) => {
      hash.update(chunk);
    });
    expect(result).toEqual({ conversations: 3757, bytes: 11_216_651 });
    expect(hash.digest('hex')).toBe('a6a6f49d91aecf50109ea13521e3b59d45bb101c4f633fc9f66ed5bb9d17638e');
  }, 60_000);
});
