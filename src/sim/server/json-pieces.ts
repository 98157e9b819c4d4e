import type { ListedAnswer } from '../engine/index.js';

/** About this many characters per piece written: large enough to keep writes few, small enough to hold nothing. */
export const PIECE_CHARS = 64 * 1024;

/**
 * The JSON text of a listed answer in pieces of at least `pieceChars` (the last may be shorter), exactly as
 * JSON.stringify(answer.toJSON()) would write it; items are pulled only as pieces are taken.
 */
export function* jsonPieces(answer: ListedAnswer, pieceChars = PIECE_CHARS): Generator<string> {
  const head = JSON.stringify(answer.fields);
  const open = `${head === '{}' ? '{' : `${head.slice(0, -1)},`}${JSON.stringify(answer.key)}:[`;
  let pending = '';
  let any = false;
  for (const item of answer.items) {
    pending += `${any ? ',' : open}${JSON.stringify(item)}`;
    any = true;
    if (pending.length >= pieceChars) {
      yield pending;
      pending = '';
    }
  }
  yield any ? `${pending}]}` : head;
}
