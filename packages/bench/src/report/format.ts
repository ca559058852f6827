/** A time in ms as the table shows it: µs below 1 ms, s from 10 s. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.01 ? 2 : 1)} µs`;
  if (ms < 10_000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function formatRatio(value: number | undefined): string {
  return value === undefined ? '—' : `${value.toFixed(value < 10 ? 2 : 1)}×`;
}

/** Pads columns to their widest cell; `align[i]` 'r' right-aligns column i. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], align: string): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (align[i] === 'r' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** The same table as GitHub markdown, for the README. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align: string): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), `|${header.map((_, i) => (align[i] === 'r' ? '---:' : '---')).join('|')}|`, ...rows.map(line)].join('\n');
}
