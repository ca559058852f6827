import type { ChartSpec } from './chart-spec.js';
import type { Block, Cell, Dashboard, Section } from './dashboard-model.js';
import { PAGE_STYLE } from './page-style.js';

/** The scripts the page inlines: Chart.js's UMD build and our page script. */
export interface PageAssets {
  readonly chartJs: string;
  readonly pageScript: string;
}

const MIN_CHART_HEIGHT_PX = 160;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Escaped text in which `backticks` become <code>. */
function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** Text inside <script> ends at the first `</script`: refuse rather than cut a script short. */
function inlineScript(source: string, attributes = ''): string {
  if (/<\/script/i.test(source)) throw new Error('a script to inline contains `</script`');
  return `<script${attributes}>${source}</script>`;
}

function cell(value: Cell, numeric: boolean): string {
  const { text, tone, title } = typeof value === 'string' ? { text: value, tone: undefined, title: undefined } : value;
  const classes = [numeric ? 'num' : '', tone ? `tone-${tone}` : ''].filter((name) => name !== '').join(' ');
  return `<td${classes ? ` class="${classes}"` : ''}${title ? ` title="${escapeHtml(title)}"` : ''}>${escapeHtml(text)}</td>`;
}

function renderBlock(block: Block, charts: ChartSpec[]): string {
  switch (block.kind) {
    case 'chart':
      charts.push(block.spec);
      // A floor, so a chart of one or two bars still has room for its axis and legend.
      return `<div class="chart" style="height:${Math.max(block.heightPx, MIN_CHART_HEIGHT_PX)}px"><canvas id="${escapeHtml(block.spec.id)}" role="img" aria-label="${escapeHtml(block.spec.title)}"></canvas></div>`;
    case 'note':
      return `<p class="note note-${block.tone}">${prose(block.text)}</p>`;
    case 'table': {
      const head = block.header.some((title) => title !== '') ? `<thead><tr>${block.header.map((title) => `<th>${escapeHtml(title)}</th>`).join('')}</tr></thead>` : '';
      const rows = block.rows.map((row) => `<tr>${row.map((value, i) => cell(value, block.numeric?.[i] ?? false)).join('')}</tr>`).join('\n');
      return `<div class="table-wrap"><table${block.id ? ` id="${escapeHtml(block.id)}"` : ''}>${block.caption ? `<caption>${escapeHtml(block.caption)}</caption>` : ''}${head}<tbody>\n${rows}\n</tbody></table></div>`;
    }
    case 'group':
      return `<article class="card"><h3>${escapeHtml(block.title)}</h3>${block.blocks.map((inner) => renderBlock(inner, charts)).join('\n')}</article>`;
    case 'details':
      return `<details><summary>${prose(block.summary)}</summary>${block.blocks.map((inner) => renderBlock(inner, charts)).join('\n')}</details>`;
  }
}

function renderSection(section: Section, charts: ChartSpec[]): string {
  const body = section.blocks.map((block) => renderBlock(block, charts)).join('\n');
  const grid = section.blocks.some((block) => block.kind === 'group') ? ' grid' : '';
  return `<section id="${section.id}"><h2>${escapeHtml(section.title)}</h2><p class="intro">${prose(section.intro)}</p><div class="blocks${grid}">${body}</div></section>`;
}

/**
 * The whole page as one HTML string: styles, data and scripts inline, nothing fetched, so it
 * opens from disk, mails as one file and keeps working offline. The chart specs travel as JSON
 * in a `<script type="application/json">` the page script reads.
 */
export function renderHtml(dashboard: Dashboard, assets: PageAssets): string {
  const charts: ChartSpec[] = [];
  const sections = dashboard.sections.map((section) => renderSection(section, charts)).join('\n');
  const nav = dashboard.sections.map((section) => `<a href="#${section.id}">${escapeHtml(section.title)}</a>`).join('');
  const warnings = dashboard.warnings.map((warning) => `<p class="note note-warning">${prose(warning)}</p>`).join('\n');
  // `<` as \u003c: the JSON can then hold any text without ending its script element.
  const data = JSON.stringify(charts).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(dashboard.title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(dashboard.title)}</h1><nav>${nav}</nav></header>
<main>
<div id="warnings">${warnings}</div>
${sections}
</main>
${inlineScript(data, ' type="application/json" id="dashboard-charts"')}
${inlineScript(assets.chartJs)}
${inlineScript(assets.pageScript, ' type="module"')}
</body>
</html>
`;
}
