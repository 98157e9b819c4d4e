/**
 * stdout and stderr can fail outside the writer: stderr redirected to a full disk or a reader that left, stdout
 * failing again on the flush before exit. Node turns an 'error' with no listener into a crash with a stack trace;
 * with these listeners the failure is only what the writer (which has its own listeners) reports, and the exit
 * code. Nothing can be said about a broken stderr anyway.
 */
export function guardStdio(...streams: NodeJS.WritableStream[]): void {
  for (const stream of streams) stream.on('error', () => {});
}
