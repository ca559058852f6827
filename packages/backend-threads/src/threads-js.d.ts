// threads.js ships types, but its package.json `exports` hides them from NodeNext resolution;
// these declare the part of its API this backend uses.
declare module 'threads' {
  export class Worker {
    constructor(path: string, options?: Record<string, unknown>);
  }
  export function spawn<T = unknown>(worker: Worker, options?: { timeout?: number }): Promise<T>;
  export const Thread: { terminate(thread: unknown): Promise<void> };
}
declare module 'threads/worker' {
  export function expose(api: Record<string, (...args: any[]) => any>): void;
}
