/** A semantically invalid aggregates query; the server answers 400 with this message and code. */
export class SimQueryError extends Error {
  constructor(message: string, readonly code: 'bad.request' | 'invalid.date' | 'invalid.value') {
    super(message);
    this.name = 'SimQueryError';
  }
}
