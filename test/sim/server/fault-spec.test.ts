import { describe, expect, it } from 'vitest';
import { pickFault, resolveFaultPlan } from '../../../src/sim/faults/index.js';
import { parseFaultSpec } from '../../../src/sim/index.js';

describe('parseFaultSpec', () => {
  it('reads every key of the grammar', () => {
    const plan = parseFaultSpec('rate=0.2, seed=3,kinds=429+500+reset,at=3:503;5:429;8:reset,retryAfter=2,slowMs=1500,oauth=on');
    expect(plan).toEqual({
      rate: 0.2,
      seed: 3,
      kinds: ['429', '500', 'reset'],
      at: { 3: '503', 5: '429', 8: 'reset' },
      retryAfterS: 2,
      slowMs: 1500,
      oauth: true,
    });
  });

  it('gives the defaults for an empty spec and for "none"', () => {
    const defaults = { rate: 0, seed: 1, kinds: ['429', '500', '502', '503', '504', 'reset'], at: {}, retryAfterS: 1, slowMs: 90_000, oauth: false };
    expect(parseFaultSpec('')).toEqual(defaults);
    expect(parseFaultSpec('none')).toEqual(defaults);
  });

  it.each([
    ['rate=2', /"rate=2": rate is a number from 0 to 1/],
    ['rate=abc', /rate is a number/],
    ['speed=3', /unknown key "speed"; accepted: rate, seed, kinds, at, retryAfter, slowMs, oauth/],
    ['kinds=429+418', /unknown kind "418"; accepted: 429, 500/],
    ['at=0:503', /"0:503" is not N:KIND/],
    ['at=3-503', /"3-503" is not N:KIND/],
    ['at=3:teapot', /unknown kind "teapot"/],
    ['at=3:503;3:429', /request 3 is given twice/],
    ['seed=1,seed=2', /"seed" is given twice/],
    ['rate', /"rate" needs a value/],
    ['oauth=yes', /oauth is "on" or "off"/],
    ['retryAfter=1.5', /retryAfter is whole seconds/],
  ])('rejects %s, naming the bad part', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });

  it('validates plan objects too', () => {
    expect(() => resolveFaultPlan({ rate: -1 })).toThrow(/faults: rate/);
    expect(() => resolveFaultPlan({ at: { 0: '503' } })).toThrow(/faults: at/);
  });
});

describe('pickFault', () => {
  it('fires the `at` faults at exactly those request numbers and nothing else without a rate', () => {
    const plan = parseFaultSpec('at=2:503;4:expire');
    expect([1, 2, 3, 4, 5].map((n) => pickFault(plan, n))).toEqual([undefined, '503', undefined, 'expire', undefined]);
  });

  it('is a function of (seed, n): same seed same faults, another seed other faults, rate ~ share', () => {
    const plan = parseFaultSpec('rate=0.25,seed=3');
    const run = (p: typeof plan) => Array.from({ length: 2000 }, (_, i) => pickFault(p, i + 1));
    const a = run(plan);
    expect(run(parseFaultSpec('seed=3,rate=0.25'))).toEqual(a);
    expect(run(parseFaultSpec('rate=0.25,seed=4'))).not.toEqual(a);
    const share = a.filter(Boolean).length / a.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
    expect(new Set(a.filter(Boolean))).toEqual(new Set(['429', '500', '502', '503', '504', 'reset']));
  });

  it('lets `at` win over `rate`', () => {
    const plan = parseFaultSpec('rate=1,kinds=500,at=2:html');
    expect([1, 2, 3].map((n) => pickFault(plan, n))).toEqual(['500', 'html', '500']);
  });
});
