import type { z } from 'zod';

/** A Genesys-style 400 message for a body that fails a strict schema: it names the field and what is wrong. */
export function zodMessage(error: z.ZodError, what = 'request body'): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const at = issue.path.length ? `"${issue.path.map(String).join('.')}"` : `the ${what}`;
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => `"${[...issue.path.map(String), k].join('.')}"`).join(', ');
      return `Unrecognized field${issue.keys.length > 1 ? 's' : ''} ${keys} in the ${what}; not a field of this query`;
    }
    if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
      return `Missing required field ${at}`;
    }
    return `Invalid value for ${at}: ${issue.message}`;
  });
  return parts.join('; ');
}
