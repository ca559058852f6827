/** Columns to wrap to: the terminal's, else `COLUMNS`, else 80. */
export function terminalWidth(stream: { columns?: number } = process.stdout): number {
  const fromEnv = Number(process.env.COLUMNS);
  return stream.columns ?? (Number.isInteger(fromEnv) && fromEnv > 20 ? fromEnv : 80);
}

/**
 * Wraps `text` at spaces to `width` columns; continuation lines are indented by `indent`
 * spaces. A word longer than a line (a URL, a path) is kept whole rather than cut.
 */
export function wrapLine(text: string, width: number, indent: number): string[] {
  const lines: string[] = [];
  const lead = /^ */.exec(text)![0];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const candidate = line.trim() === '' ? `${line}${word}` : `${line} ${word}`;
    if (candidate.length > width && line.trim() !== '') {
      lines.push(line);
      line = `${' '.repeat(indent)}${word}`;
    } else {
      line = candidate;
    }
  }
  lines.push(line);
  return lines;
}
