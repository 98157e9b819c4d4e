import type { FaultKind } from '../faults/index.js';
import { errorBody } from './http-error.js';

export interface Injected {
  status: number;
  headers: Record<string, string>;
  body: string;
  retryAfterS?: number;
}

const json = { 'content-type': 'application/json' };
const html = { 'content-type': 'text/html; charset=utf-8' };

/** Load balancer page: what a 502 from the edge looks like, not a platform JSON body. */
const BAD_GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';
/** A 200 that is not the API at all: a maintenance or captive-portal page in front of it. */
const MAINTENANCE_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Genesys Cloud</title></head>\n<body><h1>We will be right back</h1><p>Scheduled maintenance is in progress.</p></body></html>\n';

/** The complete response for faults that replace the API's answer; undefined for the others. */
export function injectedFault(kind: FaultKind | undefined, contextId: string, retryAfterS: number): Injected | undefined {
  const platform = (status: number, code: string, message: string, headers: Record<string, string> = {}) => ({
    status,
    headers: { ...json, ...headers },
    body: JSON.stringify(errorBody(status, code, message, contextId)),
  });
  switch (kind) {
    case '429':
      return { ...platform(429, 'too.many.requests.retry.after', rateLimitMessage(retryAfterS), { 'retry-after': String(retryAfterS) }), retryAfterS };
    case '500':
      return platform(500, 'internal.server.error', 'The server encountered an unexpected condition which prevented it from fulfilling the request.');
    case '502':
      return { status: 502, headers: html, body: BAD_GATEWAY_PAGE };
    case '503':
      return platform(503, 'service.unavailable', 'Service Unavailable. The server is currently unable to handle the request.');
    case '504':
      return platform(504, 'request.timeout', 'The request timed out.');
    case 'html':
      return { status: 200, headers: html, body: MAINTENANCE_PAGE };
    default:
      return undefined;
  }
}

export const rateLimitMessage = (seconds: number) =>
  `Rate limit exceeded the maximum. Retry the request in [${seconds}] seconds`;
