import { describe, expect, it } from 'vitest';
import { createTokenProvider } from '../../src/auth/token-provider.js';
import { fakeClock } from '../api/support.js';

function counting(expiresInS = 3600) {
  const calls: number[] = [];
  let release: (() => void) | undefined;
  const gate = new Promise<void>((r) => (release = r));
  return {
    calls,
    release: () => release?.(),
    gated: async () => {
      calls.push(calls.length + 1);
      const n = calls.length;
      await gate;
      return { accessToken: `token-${n}`, expiresInS };
    },
    plain: async () => {
      calls.push(calls.length + 1);
      return { accessToken: `token-${calls.length}`, expiresInS };
    },
  };
}

describe('createTokenProvider', () => {
  it('shares one in-flight fetch among 5 concurrent callers', async () => {
    const f = counting();
    const tokens = createTokenProvider({ fetchToken: f.gated, clock: fakeClock() });
    const pending = Promise.all([1, 2, 3, 4, 5].map(() => tokens.getToken()));
    f.release();
    expect(await pending).toEqual(Array(5).fill('token-1'));
    expect(f.calls).toHaveLength(1);
  });

  it('caches, then refreshes 60 s before expiry of a one-hour token', async () => {
    const f = counting(3600);
    const clock = fakeClock();
    const tokens = createTokenProvider({ fetchToken: f.plain, clock });
    expect(await tokens.getToken()).toBe('token-1');
    clock.advance(3600_000 - 60_000 - 1); // one ms before the refresh point
    expect(await tokens.getToken()).toBe('token-1');
    clock.advance(1);
    expect(await tokens.getToken()).toBe('token-2');
    expect(f.calls).toHaveLength(2);
  });

  it('refreshes at 10 % of the lifetime when that is shorter than 60 s (300 s token → 30 s early)', async () => {
    const f = counting(300);
    const clock = fakeClock();
    const tokens = createTokenProvider({ fetchToken: f.plain, clock });
    await tokens.getToken();
    clock.advance(269_999);
    expect(await tokens.getToken()).toBe('token-1');
    clock.advance(1);
    expect(await tokens.getToken()).toBe('token-2');
  });

  it('honours refreshBeforeExpiryMs', async () => {
    const f = counting(3600);
    const clock = fakeClock();
    const tokens = createTokenProvider({ fetchToken: f.plain, clock, refreshBeforeExpiryMs: 5000 });
    await tokens.getToken();
    clock.advance(3_595_000 - 1);
    expect(await tokens.getToken()).toBe('token-1');
    clock.advance(1);
    expect(await tokens.getToken()).toBe('token-2');
  });

  it('invalidate(token) drops the cache only while it still holds that token', async () => {
    const f = counting();
    const tokens = createTokenProvider({ fetchToken: f.plain, clock: fakeClock() });
    expect(await tokens.getToken()).toBe('token-1');
    tokens.invalidate('token-1');
    expect(await tokens.getToken()).toBe('token-2');
    // a late 401 for the old token must not throw away the fresh one
    tokens.invalidate('token-1');
    expect(await tokens.getToken()).toBe('token-2');
    tokens.invalidate();
    expect(await tokens.getToken()).toBe('token-3');
    expect(f.calls).toHaveLength(3);
  });

  it('concurrent 401s for the same token cause one refresh', async () => {
    const f = counting();
    const tokens = createTokenProvider({ fetchToken: f.plain, clock: fakeClock() });
    const old = await tokens.getToken();
    for (let i = 0; i < 4; i++) tokens.invalidate(old);
    const fresh = await Promise.all([tokens.getToken(), tokens.getToken(), tokens.getToken()]);
    expect(fresh).toEqual(['token-2', 'token-2', 'token-2']);
    expect(f.calls).toHaveLength(2);
  });

  it('a failed fetch reaches every waiter and the next call tries again', async () => {
    let n = 0;
    const tokens = createTokenProvider({
      clock: fakeClock(),
      fetchToken: async () => {
        n++;
        if (n === 1) throw new Error('login down');
        return { accessToken: 'ok-token', expiresInS: 3600 };
      },
    });
    const results = await Promise.allSettled([tokens.getToken(), tokens.getToken()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await tokens.getToken()).toBe('ok-token');
    expect(n).toBe(2);
  });
});
