export type * from './backend.js';
export type * from './capabilities.js';
