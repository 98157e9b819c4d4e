/** Build an ApiError with the message and every detail redacted: `util.inspect(err)` prints the details too. */
import { ApiError, type ApiErrorDetails } from '../errors.js';
import { redact } from '../redact.js';

export function apiError(message: string, details: ApiErrorDetails = {}): ApiError {
  const clean: ApiErrorDetails = {};
  for (const [key, value] of Object.entries(details) as Array<[keyof ApiErrorDetails, string | number | undefined]>) {
    if (value === undefined) continue;
    (clean as Record<string, unknown>)[key] = typeof value === 'string' ? redact(value) : value;
  }
  return new ApiError(redact(message), clean);
}
