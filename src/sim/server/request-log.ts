import { createWriteStream, openSync } from 'node:fs';
import type { FaultKind } from '../faults/index.js';

/** One line per request. Never the token itself: `tokenId` is the store's short name for it (t1, t2, ...). */
export interface RequestLogEntry {
  seq: number;
  /** ISO time on the simulator's clock when the request arrived. */
  at: string;
  method: string;
  /** Path without the query string. */
  path: string;
  /** 0 when the connection was reset or the client had gone before the answer. */
  status: number;
  fault?: FaultKind;
  retryAfterS?: number;
  tokenId?: string;
  durationMs: number;
}

/** Keeps entries in memory and copies each to a JSON-lines file and/or a callback. */
export function createRequestLog(target: string | ((entry: RequestLogEntry) => void) | undefined) {
  const entries: RequestLogEntry[] = [];
  // Opened synchronously so that a bad path fails startSim at once instead of crashing the server later.
  const file = typeof target === 'string' ? createWriteStream('', { fd: openSync(target, 'a') }) : undefined;
  const callback = typeof target === 'function' ? target : undefined;

  return {
    add(entry: RequestLogEntry): void {
      entries.push(entry);
      // A request cut short by close() may finish after the file is closed; it stays in memory only.
      if (file && !file.writableEnded) file.write(`${JSON.stringify(entry)}\n`);
      callback?.(entry);
    },
    entries: (): RequestLogEntry[] => entries.map((e) => ({ ...e })),
    close: (): Promise<void> => new Promise((resolve) => (file ? file.end(() => resolve()) : resolve())),
  };
}
export type RequestLog = ReturnType<typeof createRequestLog>;
