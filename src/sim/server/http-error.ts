/** A Genesys-style API failure thrown by handlers; the pipeline turns it into the real error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The real error body: the key set of a live 404/429 ({message, code, status, contextId, details, errors}). */
export function errorBody(status: number, code: string, message: string, contextId: string) {
  return { message, code, status, contextId, details: [] as unknown[], errors: [] as unknown[] };
}

export const notFound = () => new HttpError(404, 'not.found', 'The requested operation failed with status 404');
export const badRequest = (message: string, code = 'bad.request') => new HttpError(400, code, message);
