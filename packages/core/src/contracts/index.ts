export type * from './backend.js';
export type * from './backend-options.js';
export type * from './capabilities.js';
export type * from './kernel.js';
