import type { IncomingMessage } from 'node:http';
import { HttpError, badRequest } from './http-error.js';

/** `request.bytes.max` of the real platform. */
export const MAX_BODY_BYTES = 512_000;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new HttpError(413, 'request.entity.too.large', `The request is over the size limit. Maximum bytes: ${MAX_BODY_BYTES}`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw badRequest('The request body is missing; a JSON object is expected');
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Unable to parse the request body as JSON');
  }
}
