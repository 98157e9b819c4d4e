import type { z } from 'zod';
import { badRequest } from './http-error.js';
import { zodMessage } from './zod-message.js';

/** Parses a request body with a strict schema; a failure is the API's 400 `bad.request` naming the field. */
export function validate<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badRequest(zodMessage(parsed.error));
  return parsed.data;
}
