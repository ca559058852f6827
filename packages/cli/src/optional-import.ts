import { UsageError } from './usage-error.js';

/** A package a command needs only for one feature, imported when used; missing, a usage error saying how to get it. */
export async function optionalImport<T>(packageName: string, what: string): Promise<T> {
  try {
    return (await import(/* @vite-ignore */ packageName)) as T;
  } catch (error) {
    throw new UsageError(`${what} needs ${packageName} (npm install ${packageName}), which did not load: ${(error as Error).message.split('\n')[0]}`);
  }
}
