export type * from './types.js';
export type * from './module.js';
export type * from './analysis-types.js';
