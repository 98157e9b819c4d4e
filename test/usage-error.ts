import { expect } from 'vitest';
import { UsageError } from '../src/errors.js';

/** The message of the UsageError (exit 2) `fn` throws; fails the test if it throws nothing or anything else. */
export function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}
