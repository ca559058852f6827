import { readFileSync } from 'node:fs';
import { conformanceCases } from '@wasi-parallel/conformance';
import { describe, expect, it } from 'vitest';

describe('docs/conformance.md', () => {
  it('lists exactly the case ids of conformanceCases, in order', () => {
    const doc = readFileSync(new URL('../../../docs/conformance.md', import.meta.url), 'utf8');
    const table = doc.slice(doc.indexOf('## The cases'));
    const documented = [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]);
    expect(documented).toEqual(conformanceCases.map((testCase) => testCase.id));
  });

  it('has stable, unique, kebab/slash ids', () => {
    const ids = conformanceCases.map((testCase) => testCase.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*(\/[a-z0-9]+(-[a-z0-9]+)*)+$/);
  });
});
