/**
 * Which lanes of a group may be inactive at a statement:
 * - FULL: all four; no mask is needed.
 * - DEAD: some lanes left the kernel for good (an early `return`, or a branch to a block the
 *   function ends with); the active ones still agree on every uniform value, so uniform code
 *   stays scalar, but stores and trapping operations are masked.
 * - PARTIAL: some lanes wait at a label to rejoin; what is assigned now may differ between
 *   the lanes that read it later (see blends.ts).
 */
export const FULL = 0;
export const DEAD = 1;
export const PARTIAL = 2;
export type LaneState = typeof FULL | typeof DEAD | typeof PARTIAL;
