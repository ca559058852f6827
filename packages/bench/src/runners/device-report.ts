import type { DeviceReport } from './runner.js';

/** More would be a dump, not a report; the rest is cut and the report says how much. */
const MAX_FIELDS = 200;

/**
 * A device's `DispatchResult` as flat JSON facts: nested objects and arrays become dotted keys
 * (`loops.0.ii`), bigints numbers (or strings past 2⁵³), and what JSON cannot hold (functions,
 * typed arrays, undefined) is left out. Undefined when there is nothing to report.
 */
export function flattenDeviceReport(result: unknown): DeviceReport | undefined {
  const fields: Record<string, string | number | boolean> = {};
  let dropped = 0;
  const visit = (value: unknown, key: string, depth: number): void => {
    if (typeof value === 'bigint') value = Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
      if (key === '') return;
      if (Object.keys(fields).length < MAX_FIELDS) fields[key] = value;
      else dropped++;
      return;
    }
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || depth > 4) return;
    for (const [child, inner] of Object.entries(value)) visit(inner, key === '' ? child : `${key}.${child}`, depth + 1);
  };
  visit(result, '', 0);
  if (dropped > 0) fields.droppedFields = dropped;
  return Object.keys(fields).length > 0 ? fields : undefined;
}
