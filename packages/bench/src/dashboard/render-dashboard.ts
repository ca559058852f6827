import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDashboard } from './build-dashboard.js';
import type { DashboardInput } from './dashboard-model.js';
import { renderHtml, type PageAssets } from './render-html.js';

/** Chart.js's browser build (UMD: it defines the global `Chart`), next to the entry its package exports. */
function chartJsPath(): string {
  return join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
}

const PAGE_SCRIPT = fileURLToPath(new URL('./page/dashboard-page.js', import.meta.url));

async function loadAssets(): Promise<PageAssets> {
  const [chartJs, pageScript] = await Promise.all([readFile(chartJsPath(), 'utf8'), readFile(PAGE_SCRIPT, 'utf8')]);
  // The source map is not inlined: a link to it would be the page's one request.
  return { chartJs, pageScript: pageScript.replace(/^\/\/# sourceMappingURL=.*$/m, '') };
}

/** The dashboard page for results already in memory: one self-contained HTML string. */
export async function renderDashboard(input: DashboardInput): Promise<string> {
  return renderHtml(buildDashboard(input), await loadAssets());
}
