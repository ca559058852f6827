/** One top-level WGSL declaration of the prelude, with the comment lines above it. */
interface Declaration {
  readonly name: string | undefined;
  readonly text: string;
}

const NAME = /^(?:fn|const|override|struct)\s+(\w+)|^var(?:<[^>]*>)?\s+(\w+)/;

/** Splits WGSL source into top-level declarations by brace depth. */
function declarations(source: string): Declaration[] {
  const result: Declaration[] = [];
  let pending: string[] = [];
  let depth = 0;
  for (const line of source.split('\n')) {
    pending.push(line);
    const code = line.replace(/\/\/.*$/, '');
    for (const char of code) {
      if (char === '{') depth++;
      else if (char === '}') depth--;
    }
    const trimmed = code.trim();
    if (depth === 0 && (trimmed.endsWith('}') || trimmed.endsWith(';'))) {
      const head = pending.map((text) => text.trim()).find((text) => text !== '' && !text.startsWith('//') && !text.startsWith('@group'));
      const match = head === undefined ? null : NAME.exec(head);
      result.push({ name: match ? (match[1] ?? match[2]) : undefined, text: pending.join('\n') });
      pending = [];
    }
  }
  if (pending.join('').trim() !== '') result.push({ name: undefined, text: pending.join('\n') });
  return result;
}

/**
 * Keeps the prelude's declarations that `body` uses, directly or through other kept ones, and
 * every unnamed one (bindings). Shader compilers (SwiftShader's above all) spend time on every
 * function they are given, used or not.
 */
export function prunePrelude(prelude: string, body: string): string {
  const all = declarations(prelude);
  const kept = new Set<Declaration>(all.filter((declaration) => declaration.name === undefined));
  let text = body + all.filter((declaration) => kept.has(declaration)).map((declaration) => declaration.text).join('\n');
  for (let changed = true; changed; ) {
    changed = false;
    for (const declaration of all) {
      if (kept.has(declaration) || !new RegExp(`\\b${declaration.name}\\b`).test(text)) continue;
      kept.add(declaration);
      text += `\n${declaration.text}`;
      changed = true;
    }
  }
  return all.filter((declaration) => kept.has(declaration)).map((declaration) => declaration.text).join('\n');
}
