import { describe, expect, it } from 'vitest';
import { moduloSchedule } from '../../src/schedule/modulo-scheduler.js';
import { recurrenceBound, resourceBound } from '../../src/schedule/recurrence.js';
import { verifySchedule } from '../../src/schedule/verify.js';
import { CIRCT_PROBLEMS } from './circt-problems.js';

// Held to a real tool: CIRCT's scheduling test problems (llvm/circt, test/Scheduling/
// modulo-problems.mlir and cyclic-problems.mlir). Each file verifies a schedule at the II in
// its `ssp.instance … [II<n>]` header; our modulo scheduler must find a valid schedule at that II.
describe('modulo scheduler on CIRCT test problems', () => {
  for (const { name, file, verifiedII, simplexII, problem } of CIRCT_PROBLEMS) {
    it(`${name} (${file}) → II ${verifiedII}`, () => {
      const schedule = moduloSchedule(problem);
      expect(verifySchedule(problem, schedule.startTimes, schedule.ii)).toEqual([]);
      expect(schedule.ii).toBe(verifiedII);
      // Never worse than CIRCT's simplex heuristic (which reports 4 for canis14_fig2, where a
      // II-3 schedule exists: the file verifies one, and CIRCT's CP-SAT scheduler finds it too).
      expect(schedule.ii).toBeLessThanOrEqual(simplexII);
    });
  }

  it('the lower bounds: ResMII from the limited operator, RecMII from the tightest cycle', () => {
    const byName = new Map(CIRCT_PROBLEMS.map((entry) => [entry.name, entry.problem]));
    expect(resourceBound(byName.get('canis14_fig2')!).ii).toBe(3); // three mem_port uses, limit 1
    expect(recurrenceBound(byName.get('canis14_fig2')!).ii).toBe(3); // load → add → store → load, 3 cycles over distance 1
    expect(resourceBound(byName.get('four_read_pipeline')!).ii).toBe(4);
    expect(recurrenceBound(byName.get('mobility')!).ii).toBe(3);
    // 3 → 4 (10) → 7 → 9 → 5 → 6 → 2 → 3: 16 cycles of latency over a distance of 4.
    const interleaved = recurrenceBound(byName.get('interleaved_cycles')!);
    expect(interleaved.ii).toBe(4);
    expect(interleaved.cycle.map((dep) => dep.from).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 9]);
    expect(recurrenceBound(byName.get('cyclic')!).ii).toBe(2);
  });

  it('the verifier rejects a schedule that breaks a dependence or over-subscribes a resource', () => {
    const { problem } = CIRCT_PROBLEMS.find((entry) => entry.name === 'canis14_fig2')!;
    expect(verifySchedule(problem, [2, 0, 3, 4, 5], 3)).toEqual([]); // the schedule the file verifies
    expect(verifySchedule(problem, [0, 1, 2, 3, 4], 3).length).toBeGreaterThan(0); // store at 3 ≡ load A at 0 (mod 3)
    expect(verifySchedule(problem, [2, 0, 2, 4, 5], 3).length).toBeGreaterThan(0); // add before load A completes
  });
});
