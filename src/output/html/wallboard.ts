/**
 * The `now` wallboard: one self-contained page for a TV across a room. A card per queue with its agents (idle of on
 * queue), then per media type the big numbers: waiting, longest wait (m:ss), SL today against its target (green
 * met, red missed), and the row's alerts. No script, font, image or stylesheet from anywhere; the page reloads
 * itself with `<meta http-equiv="refresh">`, so rewriting the file each refresh is all it takes. Every name from
 * the API is escaped.
 */
import type { NowRow } from '../../metrics/now.js';
import { escapeHtml } from './escape-html.js';

export interface WallboardMeta {
  /** When the rows were observed, as printed (ISO-8601 in --tz). */
  observedAt: string;
  /** Seconds between reloads (the --watch interval). */
  refreshSeconds: number;
  timeZone: string;
  /** Default "Queues right now". */
  title?: string;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;padding:1.5vw;background:#101418;color:#f2f2f2;font:16px/1.25 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-variant-numeric:tabular-nums}
header{display:flex;justify-content:space-between;align-items:baseline;gap:2vw;margin-bottom:1.2vw}
h1{font-size:clamp(20px,2.4vw,48px);margin:0}
header p{margin:0;color:#b8c0c8;font-size:clamp(14px,1.4vw,28px)}
main{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,34vw),1fr));gap:1.2vw}
section.queue{container-type:inline-size;background:#1c232b;border-radius:10px;padding:1vw 1.4vw;border-left:10px solid #3a4652}
section.queue.alert{border-left-color:#e0433a}
h2{font-size:clamp(18px,2.2vw,44px);margin:0 0 .4vw;overflow-wrap:anywhere}
.agents{color:#cfd6dd;font-size:clamp(14px,1.5vw,30px);margin-bottom:.6vw}
.agents b{color:#fff;font-size:1.6em}
.media{display:grid;grid-template-columns:minmax(4.5em,auto) minmax(0,.8fr) minmax(0,1.2fr) minmax(0,1.5fr);align-items:end;gap:.4vw 1.2vw;padding:.5vw 0;border-top:1px solid #2e3843}
.media .label{font-size:clamp(14px,1.4vw,28px);color:#b8c0c8;align-self:center;overflow-wrap:anywhere}
.stat{display:flex;flex-direction:column}
.big{font-size:clamp(20px,7cqi,120px);font-weight:700;line-height:1;white-space:nowrap}
.stat{min-width:0;overflow:hidden}
.cap{font-size:clamp(11px,1vw,20px);color:#9aa5b0}
.sl.met .big{color:#3ccf6e}.sl.missed .big{color:#ff5a4f}.sl.none .big{color:#9aa5b0}
.alerts{grid-column:1/-1;color:#ff8a80;font-size:clamp(14px,1.4vw,28px);font-weight:600}
p.empty{font-size:clamp(18px,2vw,40px);color:#b8c0c8}
`;

/** Seconds as m:ss below an hour, h:mm:ss from an hour; `–` for none. */
export function clockText(seconds: number | null): string {
  if (seconds === null) return '–';
  const total = Math.max(0, Math.round(seconds));
  const d = Math.floor(total / 86_400);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  // Emails wait hours and days: `13h 56m` and `2d 6h` read across a room where `54:24:09` does not (and fit the card).
  if (d > 0) return `${d}d ${h % 24}h`;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}:${s}`;
}

const pct = (n: number | null) => (n === null ? '–' : `${n}%`);

export function renderWallboard(rows: readonly NowRow[], meta: WallboardMeta): string {
  const title = meta.title ?? 'Queues right now';
  const refresh = Math.max(1, Math.round(meta.refreshSeconds));
  const queues = new Map<string, NowRow[]>();
  for (const row of rows) {
    let list = queues.get(row.queue_id);
    if (!list) queues.set(row.queue_id, (list = []));
    list.push(row);
  }
  const cards = [...queues.values()].map(card).join('');
  return (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    // No external anything, as the other reports: the browser would refuse a fetch the page was tricked into.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n` +
    `<meta http-equiv="refresh" content="${refresh}">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>${escapeHtml(title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n` +
    `<header><h1>${escapeHtml(title)}</h1><p>Observed <time>${escapeHtml(meta.observedAt)}</time> (${escapeHtml(meta.timeZone)}) · reloads every ${refresh} s</p></header>\n` +
    (cards === '' ? '<p class="empty">No queues selected.</p>\n' : `<main>\n${cards}</main>\n`) +
    '</body>\n</html>\n'
  );
}

/** A queue's card: its rows share the queue's agents. */
function card(rows: NowRow[]): string {
  const first = rows[0]!;
  const alert = rows.some((r) => r.alerts.length > 0);
  const agents =
    `<div class="agents"><b class="idle">${first.idle_agents}</b> idle of <b class="on-queue">${first.on_queue_agents}</b> on queue` +
    ` · ${first.not_responding_agents} not responding · ${first.off_queue_agents} off queue</div>`;
  return (
    `<section class="queue${alert ? ' alert' : ''}" data-queue-id="${escapeHtml(first.queue_id)}">` +
    `<h2>${escapeHtml(first.queue_name || first.queue_id)}</h2>${agents}${rows.map(mediaRow).join('')}</section>\n`
  );
}

function mediaRow(row: NowRow): string {
  const sl = row.target_met === true ? 'met' : row.target_met === false ? 'missed' : 'none';
  const target = row.target_pct === null ? 'no target' : `target ${row.target_pct}%`;
  const alerts = row.alerts.length > 0 ? `<div class="alerts">${escapeHtml(row.alerts.join(' · '))}</div>` : '';
  return (
    `<div class="media"><div class="label">${row.media_type === null ? 'no traffic' : escapeHtml(row.media_type)}</div>` +
    `<div class="stat waiting"><span class="big">${row.waiting}</span><span class="cap">waiting</span></div>` +
    `<div class="stat longest"><span class="big">${clockText(row.longest_wait_s)}</span><span class="cap">longest wait</span></div>` +
    `<div class="stat sl ${sl}"><span class="big">${pct(row.service_level_today_pct)}</span><span class="cap">SL today · ${target}</span></div>` +
    `${alerts}</div>`
  );
}
