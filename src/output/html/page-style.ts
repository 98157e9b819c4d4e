/** The page's only stylesheet, inline: system fonts, nothing fetched. */
export const PAGE_STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;margin:24px;background:#fff}
h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 8px}h3{font-size:14px;margin:18px 0 4px}
dl.meta{display:grid;grid-template-columns:max-content auto;gap:2px 14px;margin:0 0 12px}dl.meta dt{color:#555}dl.meta dd{margin:0}
.note{color:#555;max-width:70em}
svg.chart{display:block;font-size:11px;margin:4px 0}svg.chart text{fill:#333}svg.chart .label{text-anchor:end}
svg.chart .axis line{stroke:#888}svg.chart .date{font-weight:600}
svg.chart rect.bar,svg.chart rect.offered{fill:#7f8c9d}svg.chart line.grid{stroke:#e2e2e2}
svg.chart path.sl-line{fill:none;stroke:#08519c;stroke-width:2}svg.chart circle.sl-point{fill:#08519c}
svg.chart circle.sl-point.missed{fill:#e6550d}svg.chart rect.staffed{fill:#9ecae1}svg.chart rect.staffed.short{fill:#e6550d}svg.chart path.required{fill:none;stroke:#08519c;stroke-width:2}svg.chart text.short-mark{fill:#b8430a;text-anchor:middle;font-weight:600}
svg.chart line.target{stroke:#e6550d;stroke-width:1.5;stroke-dasharray:5 3}svg.chart text.target-label{fill:#b8430a;font-weight:600}
svg.chart path.sl-cumulative{fill:none;stroke:#31a354;stroke-width:2.5;stroke-opacity:.85}
.legend{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center;margin:6px 0}.legend span{display:inline-flex;align-items:center;gap:4px}
.legend i{display:inline-block;width:14px;height:14px;border:1px solid #ccc}
details summary{cursor:pointer;margin:6px 0;color:#08519c}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:12px;font-variant-numeric:tabular-nums}
th,td{padding:2px 8px;border-bottom:1px solid #eee;text-align:left;white-space:nowrap}td.n{text-align:right}
th{position:sticky;top:0;background:#f4f4f4}
.missed{color:#b8430a;font-weight:600}
`;
