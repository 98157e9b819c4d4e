/** An ISO-8601 instant on a whole minute, as the reports print interval bounds (`2026-11-20T15:30:00-05:00`). */
const ISO_MINUTE = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::00(?:\.0+)?)?(Z|[+-]\d{2}:\d{2})$/;

export interface TimeParts {
  date: string;
  time: string;
  offset: string;
}

export function timeParts(text: string): TimeParts | undefined {
  const m = ISO_MINUTE.exec(text);
  return m ? { date: m[1]!, time: m[2]!, offset: m[3]! } : undefined;
}

/**
 * How a time shows in a row whose previous time fell on `previousDate`: the time alone when on that date (an
 * interval's end: `16:00`), `24:00` when it is midnight ending that date (ISO 8601's end of day), else date and
 * time. Text is `2026-11-20 15:30`.
 */
export function timeShape(p: TimeParts, previousDate: string | undefined): 'time' | 'endOfDay' | 'date' {
  if (previousDate === undefined) return 'date';
  if (p.date === previousDate) return 'time';
  return p.time === '00:00' && p.date === nextDate(previousDate) ? 'endOfDay' : 'date';
}

/** The offset shows only when the table holds more than one (a DST change), to tell the repeated hour apart. */
export function timeText(p: TimeParts, shape: 'time' | 'endOfDay' | 'date', withOffset: boolean): string {
  const clock = (shape === 'endOfDay' ? '24:00' : p.time) + (withOffset ? p.offset : '');
  return shape === 'date' ? `${p.date} ${clock}` : clock;
}

function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}
