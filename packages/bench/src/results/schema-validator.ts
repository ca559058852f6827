import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../build/artifact-paths.js';

/**
 * The part of JSON Schema (2020-12) that schema/results-v2.schema.json uses: type, const, enum,
 * minimum, properties, required, additionalProperties, items and local `$ref`s into `$defs`.
 * A keyword outside that set is an error, so the schema cannot silently say more than is checked.
 */
export interface JsonSchema {
  readonly $schema?: string;
  readonly $id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly type?: string | readonly string[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
}

const KNOWN = new Set(['$schema', '$id', 'title', 'description', '$ref', '$defs', 'type', 'const', 'enum', 'minimum', 'properties', 'required', 'additionalProperties', 'items']);

export const RESULTS_SCHEMA_PATH = join(PACKAGE_ROOT, 'schema', 'results-v2.schema.json');

export async function loadResultsSchema(): Promise<JsonSchema> {
  return JSON.parse(await readFile(RESULTS_SCHEMA_PATH, 'utf8')) as JsonSchema;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeOf(value) === type;
}

/** Every place `value` breaks `schema`, as `path: problem`; empty when it validates. */
export function validateJson(value: unknown, schema: JsonSchema, root: JsonSchema = schema, path = '$'): string[] {
  const errors: string[] = [];
  for (const keyword of Object.keys(schema)) if (!KNOWN.has(keyword)) errors.push(`${path}: the schema uses \`${keyword}\`, which this validator does not check`);
  if (schema.$ref !== undefined) {
    const match = /^#\/\$defs\/(.+)$/.exec(schema.$ref);
    const target = match ? root.$defs?.[match[1]!] : undefined;
    if (!target) return [...errors, `${path}: unresolvable $ref ${schema.$ref}`];
    errors.push(...validateJson(value, target, root, path));
  }
  if (schema.type !== undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!types.some((type) => hasType(value, type))) return [...errors, `${path}: expected ${types.join(' or ')}, got ${typeOf(value)}`];
  }
  if ('const' in schema && JSON.stringify(value) !== JSON.stringify(schema.const)) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.map((option) => JSON.stringify(option)).join(', ')}`);
  }
  if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum) errors.push(`${path}: ${value} < minimum ${schema.minimum}`);
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in object)) errors.push(`${path}: missing required \`${key}\``);
    for (const [key, child] of Object.entries(object)) {
      const property = schema.properties?.[key];
      if (property) errors.push(...validateJson(child, property, root, `${path}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property \`${key}\``);
      else if (typeof schema.additionalProperties === 'object') errors.push(...validateJson(child, schema.additionalProperties, root, `${path}.${key}`));
    }
  }
  if (Array.isArray(value) && schema.items) value.forEach((item, i) => errors.push(...validateJson(item, schema.items!, root, `${path}[${i}]`)));
  return errors;
}
