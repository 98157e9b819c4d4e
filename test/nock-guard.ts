import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/** No real network in a nock test, and every scripted reply must have been asked for. */
export function useNockGuard(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(() => nock.enableNetConnect());
}

export const json = { 'Content-Type': 'application/json' };
