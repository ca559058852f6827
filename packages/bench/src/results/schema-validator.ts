import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type SchemaObject } from 'ajv/dist/2020.js';
import { PACKAGE_ROOT } from '../build/artifact-paths.js';

/** A JSON Schema (draft 2020-12) document, as ajv takes it. */
export type JsonSchema = SchemaObject;

export const RESULTS_SCHEMA_PATH = join(PACKAGE_ROOT, 'schema', 'results-v2.schema.json');

export async function loadResultsSchema(): Promise<JsonSchema> {
  return JSON.parse(await readFile(RESULTS_SCHEMA_PATH, 'utf8')) as JsonSchema;
}

/**
 * ajv in strict mode: a schema with an unknown keyword, a mistyped keyword or an ambiguous
 * type is itself an error (thrown when it is compiled), so the schema cannot promise more than
 * is checked. Every error is collected, not just the first.
 */
const ajv = new Ajv2020({ strict: true, allErrors: true });
const compiled = new WeakMap<JsonSchema, ReturnType<typeof ajv.compile>>();

/** `$.rows[0].ms` from ajv's JSON Pointer `/rows/0/ms`. */
function pathOf(pointer: string): string {
  const steps = pointer === '' ? [] : pointer.slice(1).split('/').map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'));
  return steps.reduce((path, step) => (/^\d+$/.test(step) ? `${path}[${step}]` : `${path}.${step}`), '$');
}

function describe(error: ErrorObject): string {
  const path = pathOf(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${path}: missing required \`${String(params.missingProperty)}\``;
    case 'additionalProperties':
      return `${path}: unexpected property \`${String(params.additionalProperty)}\``;
    case 'enum':
      return `${path}: not one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
    case 'const':
      return `${path}: expected ${JSON.stringify(params.allowedValue)}`;
    default:
      return `${path}: ${error.message ?? error.keyword}`;
  }
}

/**
 * Every place `value` breaks `schema`, as `path: problem`; empty when it validates. A schema
 * that is not valid strict JSON Schema throws.
 */
export function validateJson(value: unknown, schema: JsonSchema): string[] {
  // A schema with an `$id` is compiled once per process (ajv keeps it under that id); one
  // without, once per object.
  const id = typeof schema.$id === 'string' ? schema.$id : undefined;
  let validate = id !== undefined ? ajv.getSchema(id) : compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    if (id === undefined) compiled.set(schema, validate);
  }
  return validate(value) ? [] : (validate.errors ?? []).map(describe);
}
