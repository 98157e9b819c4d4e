/**
 * Colour only on a terminal, and never when NO_COLOR is set to anything non-empty (no-color.org), FORCE_COLOR is
 * `0` or `false` (what Node and the chalk family read as "no colour"), or the terminal says it cannot (TERM=dumb).
 */
export function useColor(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  if (isTTY !== true) return false;
  if ((env.NO_COLOR ?? '') !== '') return false;
  const force = (env.FORCE_COLOR ?? '').trim().toLowerCase();
  if (force === '0' || force === 'false') return false;
  return env.TERM !== 'dumb';
}
