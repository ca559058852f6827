import { describe, expect, it } from 'vitest';
import { listSchedule } from '../../src/schedule/list-scheduler.js';
import type { SchedulingProblem } from '../../src/schedule/problem.js';
import { verifySchedule } from '../../src/schedule/verify.js';

describe('list scheduling of a basic block', () => {
  it('three loads on a two-port memory: the one with the least mobility waits a cycle', () => {
    // loads 0, 1, 2 (port, latency 1); 0 and 1 feed a long chain, 2 feeds nothing critical.
    const problem: SchedulingProblem = {
      ops: [
        { latency: 1, resource: 'port' },
        { latency: 1, resource: 'port' },
        { latency: 1, resource: 'port' },
        { latency: 6 },
        { latency: 0 },
        { latency: 0 },
      ],
      deps: [
        { from: 0, to: 3, distance: 0 },
        { from: 1, to: 3, distance: 0 },
        { from: 3, to: 4, distance: 0 },
        { from: 2, to: 5, distance: 0 },
      ],
      resources: new Map([['port', 2]]),
    };
    const times = listSchedule(problem);
    expect(verifySchedule(problem, times)).toEqual([]);
    expect(times.slice(0, 3)).toEqual([0, 0, 1]);
    expect(times[4]).toBe(7);
  });

  it('combinational operations chain within a cycle; a dependence with a latency waits for it', () => {
    const problem: SchedulingProblem = {
      ops: [{ latency: 0 }, { latency: 0 }, { latency: 3 }, { latency: 0 }],
      deps: [
        { from: 0, to: 1, distance: 0 },
        { from: 1, to: 2, distance: 0 },
        { from: 2, to: 3, distance: 0 },
      ],
      resources: new Map(),
    };
    expect(listSchedule(problem)).toEqual([0, 0, 0, 3]);
  });
});
