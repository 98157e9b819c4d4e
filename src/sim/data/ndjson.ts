/** Writes the conversations of [startMs, endMs) as NDJSON, in large chunks, awaiting each write (backpressure). */
import { iterateConversations } from './iterate-conversations.js';
import type { SimOrg } from './types.js';

const CHUNK_CHARS = 1 << 20;

export async function writeConversationsNdjson(
  org: SimOrg,
  startMs: number,
  endMs: number,
  write: (chunk: string) => void | Promise<void>,
): Promise<{ conversations: number; bytes: number }> {
  let conversations = 0;
  let bytes = 0;
  let lines: string[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    if (lines.length === 0) return;
    const chunk = lines.join('');
    lines = [];
    size = 0;
    bytes += Buffer.byteLength(chunk);
    await write(chunk);
  };
  for (const c of iterateConversations(org, startMs, endMs)) {
    const line = `${JSON.stringify(c)}\n`;
    lines.push(line);
    size += line.length;
    conversations++;
    if (size >= CHUNK_CHARS) await flush();
  }
  await flush();
  return { conversations, bytes };
}
