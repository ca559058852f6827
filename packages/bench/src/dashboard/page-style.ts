/** The page's whole stylesheet: plain, print-friendly, readable in a screenshot. */
export const PAGE_STYLE = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --line: #dadce0; --card: #fff; --bg: #f5f6f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
header { position: sticky; top: 0; z-index: 1; background: #fff; border-bottom: 1px solid var(--line); padding: 10px 24px; }
h1 { font-size: 18px; margin: 0 0 4px; }
nav a { margin-right: 16px; color: #0b57d0; text-decoration: none; font-size: 13px; }
main { padding: 8px 24px 40px; max-width: 1800px; }
section { margin-top: 24px; }
h2 { font-size: 17px; margin: 0 0 4px; }
h3 { font-size: 14px; margin: 0 0 8px; }
.intro { color: var(--muted); margin: 0 0 12px; max-width: 110ch; }
.blocks { display: flex; flex-direction: column; gap: 12px; }
.blocks.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(640px, 1fr)); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; min-width: 0; }
.chart { position: relative; width: 100%; background: #fff; }
.blocks > .chart { border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 12px; background: #fff; margin-top: 6px; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 5px; text-align: left; vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; background: #eef0f3; padding: 0 3px; border-radius: 3px; }
.note { margin: 6px 0; padding: 8px 12px; border-radius: 6px; max-width: 140ch; }
.note-warning { background: #fff4e5; border: 1px solid #f0b35b; font-weight: 500; }
.note-info { background: #eef4fb; border: 1px solid #c4d7ef; }
.tone-pass { background: #e3f4ea; }
.tone-fail { background: #fde2dd; font-weight: 600; }
.tone-skip { background: #f1f1f1; color: var(--muted); }
.tone-warning { background: #fff4e5; font-weight: 600; }
.tone-better { background: #e3f4ea; font-weight: 600; }
.tone-worse { background: #fde2dd; font-weight: 600; }
td:first-child { white-space: nowrap; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
#fidelity-failures td:last-child { max-width: 110ch; }
details { margin: 4px 0; }
summary { cursor: pointer; color: #0b57d0; }
`;
