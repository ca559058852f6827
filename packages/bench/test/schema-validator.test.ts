import { describe, expect, it } from 'vitest';
import { loadResultsSchema, validateJson, type JsonSchema } from '@wasi-parallel/bench';

const schema: JsonSchema = {
  type: 'object',
  required: ['version', 'rows'],
  additionalProperties: false,
  properties: {
    version: { const: 1 },
    rows: { type: 'array', items: { $ref: '#/$defs/row' } },
  },
  $defs: {
    row: {
      type: 'object',
      required: ['ms'],
      properties: { ms: { type: 'number', minimum: 0 }, kind: { enum: ['a', 'b'] }, n: { type: 'integer' } },
    },
  },
};

describe('JSON schema validation (ajv, strict)', () => {
  it('accepts a document that fits', () => {
    expect(validateJson({ version: 1, rows: [{ ms: 1.5, kind: 'a', n: 3 }] }, schema)).toEqual([]);
  });

  it('names every place a document breaks the schema', () => {
    const errors = validateJson({ version: 2, rows: [{ ms: -1, kind: 'c', n: 1.5 }, {}], extra: true }, schema);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('$.version'),
        expect.stringContaining('$.rows[0].ms'),
        expect.stringContaining('$.rows[0].kind'),
        expect.stringContaining('$.rows[0].n'),
        expect.stringContaining('$.rows[1]: missing required `ms`'),
        expect.stringContaining('unexpected property `extra`'),
      ]),
    );
    expect(errors).toHaveLength(6);
  });

  it('refuses a schema that strict mode rejects (an unknown keyword), so it cannot promise more than is checked', () => {
    expect(() => validateJson('x', { type: 'string', patern: '^y' })).toThrow(/unknown keyword: "patern"/);
  });

  it('the results schema compiles in strict mode', async () => {
    const results = await loadResultsSchema();
    expect(results.properties?.schemaVersion).toEqual({ const: 2 });
    // An empty object fails only on missing fields.
    expect(validateJson({}, results).every((error) => error.includes('missing required'))).toBe(true);
  });
});
