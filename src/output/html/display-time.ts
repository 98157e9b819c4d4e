/** `2026-11-20T15:00:00-05:00` → `2026-11-20 15:00`: the wall time the report's zone printed, as people write it. */
export function displayTime(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2})?$/.exec(text);
  return m ? `${m[1]} ${m[2]}` : text;
}
