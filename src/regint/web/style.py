"""The dashboard's style sheet, inlined into the page (no assets folder to ship or serve)."""

CSS = """
:root { --ink:#1a202c; --muted:#5a6473; --line:#d9dee5; --bg:#f4f6f9; --brand:#1f4e79; --ok:#e6f4ea;
        --okline:#2e8540; --warn:#fff6e0; --warnline:#c58a00; --err:#fdecea; --errline:#c53030; }
* { box-sizing: border-box; }
body { margin:0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink);
       background:var(--bg); font-size:14px; }
header.top { background:var(--brand); color:#fff; padding:10px 20px; display:flex; align-items:center;
             justify-content:space-between; flex-wrap:wrap; gap:8px; }
header.top h1 { font-size:18px; margin:0; font-weight:600; }
header.top .sub { font-size:12px; opacity:.85; }
header.top .lang { display:flex; align-items:center; gap:8px; font-size:13px; }
header.top .lang label { margin-right:8px; cursor:pointer; }
nav.tabs { background:#fff; border-bottom:1px solid var(--line); padding:0 16px; display:flex; flex-wrap:wrap; }
nav.tabs a { padding:10px 14px; color:var(--ink); text-decoration:none; border-bottom:3px solid transparent;
             font-weight:500; }
nav.tabs a.active { border-bottom-color:var(--brand); color:var(--brand); }
nav.tabs a:hover { background:#eef2f7; }
main { padding:16px 20px 40px; max-width:1500px; margin:0 auto; }
h2 { font-size:20px; margin:6px 0 14px; }
h3 { font-size:15px; margin:0 0 10px; }
h4 { font-size:13px; margin:14px 0 6px; color:var(--muted); text-transform:uppercase; letter-spacing:.03em; }
.card { background:#fff; border:1px solid var(--line); border-radius:6px; padding:14px 16px; margin-bottom:16px;
        min-width:0; }
.card h3:empty { display:none; }
.grid2 { display:grid; grid-template-columns: minmax(0,1fr) minmax(0,1fr); gap:16px; }
.grid-scn { display:grid; grid-template-columns: minmax(340px, 5fr) minmax(0, 7fr); gap:16px; }
.grid-ahp { display:grid; grid-template-columns: minmax(0, 7fr) minmax(320px, 5fr); gap:16px; align-items:start; }
.ahp-results { position:sticky; top:10px; }
@media (max-width: 1000px) { .grid2, .grid-scn, .grid-ahp { grid-template-columns: 1fr; } }
.controls { display:flex; flex-wrap:wrap; gap:14px 20px; align-items:flex-end; background:#fff;
            border:1px solid var(--line); border-radius:6px; padding:12px 16px; margin-bottom:16px; }
.controls label { font-weight:500; display:block; }
.ctl-wide { flex: 1 1 320px; min-width:260px; }
label > .dash-dropdown, label > div { margin-top:4px; font-weight:400; }
.tbl-wrap { overflow-x:auto; max-height:560px; overflow-y:auto; }
table.tbl { border-collapse:collapse; width:100%; font-size:13px; }
table.tbl th { position:sticky; top:0; background:#eef2f7; text-align:left; padding:6px 8px;
               border-bottom:1px solid var(--line); font-weight:600; }
table.tbl td { padding:5px 8px; border-bottom:1px solid #edf0f3; vertical-align:top; }
table.tbl td.num { text-align:right; font-variant-numeric: tabular-nums; white-space:nowrap; }
.muted { color:var(--muted); font-size:12px; }
.msg { border-left:4px solid #8aa4c8; background:#eef3fa; padding:8px 12px; margin:8px 0; border-radius:3px; }
.msg ul { margin:4px 0 0 18px; padding:0; }
.msg-ok { border-color:var(--okline); background:var(--ok); }
.msg-warn { border-color:var(--warnline); background:var(--warn); }
.msg-error { border-color:var(--errline); background:var(--err); }
.buttons { display:flex; gap:10px; align-items:center; flex-wrap:wrap; margin:10px 0; }
.btn { border:1px solid var(--brand); background:#fff; color:var(--brand); padding:6px 14px; border-radius:4px;
       cursor:pointer; font-size:13px; }
.btn:hover { background:#eef2f7; }
.btn-primary { background:var(--brand); color:#fff; }
.btn-primary:hover { background:#173b5c; }
.lever-row { display:grid; grid-template-columns: minmax(120px, 2fr) minmax(140px, 3fr) 84px; gap:10px;
             align-items:center; padding:4px 0; border-bottom:1px solid #f0f2f5; }
.lever-row2 { grid-template-columns: minmax(120px, 2fr) minmax(140px, 3fr); }
.lever-head { font-size:12px; color:var(--muted); border-bottom:1px solid var(--line); }
.lever-name { font-size:13px; }
.lever-done { color:#6b7280; font-style:italic; }
.lever-year, .text-input { width:100%; padding:4px 6px; border:1px solid var(--line); border-radius:4px; }
.text-input { width:280px; }
.ahp-row { display:grid; grid-template-columns: minmax(150px,1fr) minmax(240px, 1.6fr) minmax(150px,1fr);
           gap:10px; align-items:center; padding:4px 0; border-bottom:1px solid #f0f2f5; font-size:13px; }
.ahp-left { text-align:right; }
.ahp-left, .ahp-right { overflow-wrap:anywhere; hyphens:auto; }
.upload { border:2px dashed #9fb3c8; border-radius:6px; padding:18px; text-align:center; color:var(--muted);
          cursor:pointer; background:#fafbfd; }
progress { width:220px; height:14px; }
details summary { cursor:pointer; margin:10px 0 6px; color:var(--muted); }
header.top .top-controls { display:flex; align-items:center; gap:16px; flex-wrap:wrap; }
header.top .pair { display:flex; align-items:center; gap:8px; font-size:13px; }
header.top .pair-picker { min-width:300px; color:var(--ink); }
.badges { display:flex; flex-wrap:wrap; gap:8px; margin:-6px 0 12px; }
.badge { background:#eef2f7; border:1px solid var(--line); border-radius:12px; padding:2px 10px; font-size:12px;
         color:var(--muted); }
.sides { display:grid; grid-template-columns: 1fr 1fr; gap:10px; margin:6px 0 10px; }
.sides .side { background:#f7f9fc; border:1px solid var(--line); border-radius:6px; padding:6px 10px; }
.sides .side h4 { text-transform:none; letter-spacing:0; color:var(--ink); margin:4px 0; }
.sides ul { margin:0; padding-left:18px; }
.sides .muted { grid-column: 1 / span 2; }
@media (max-width: 600px) { .sides { grid-template-columns: 1fr; } .sides .muted { grid-column:auto; } }
.trends { display:grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap:8px; }
@media (max-width: 600px) { .trends { grid-template-columns: 1fr; } }
.controls .pair-checks label { display:flex; align-items:center; gap:6px; margin:2px 0; font-weight:400; }
.js-plotly-plot, .dash-graph { max-width:100%; }
@media (max-width: 600px) {
  main { padding:10px 8px 30px; }
  header.top { padding:8px 10px; }
  header.top h1 { font-size:15px; }
  header.top .pair-picker { min-width:0; width:calc(100vw - 40px); }
  header.top .pair { flex-wrap:wrap; }
  nav.tabs { padding:0 4px; }
  nav.tabs a { padding:8px 8px; font-size:13px; }
  .card { padding:10px 8px; }
  .ctl-wide { min-width:0; flex-basis:100%; }
  .lever-row { grid-template-columns: minmax(0, 1fr) 72px; }
  .lever-row .lever-name { grid-column: 1 / span 2; }
  .lever-head span:first-child { display:none; }
  .ahp-row { grid-template-columns: 1fr; }
  .ahp-left, .ahp-right { text-align:left; }
  .text-input { width:100%; }
  progress { width:100%; }
  h2 { font-size:17px; }
}
@media print {
  header.top .top-controls, nav.tabs, .no-print, .scn-controls .lever-row, .scn-controls h4, ._dash-loading
    { display:none !important; }
  body { background:#fff; font-size:11px; }
  main { padding:0; max-width:none; }
  .card { border:none; padding:0; margin-bottom:8px; }
  .grid-scn { display:block; }
}
"""
