/** The baseline every dashboard ratio divides by: the same C loop under OpenMP on every core. */
export const OPENMP_REFERENCE = 'native-openmp';

/**
 * One colour per runner on every chart of the page, so a backend is found by colour once
 * learned. Backends get the bright colours (Okabe–Ito, readable by colour-blind readers); the
 * native baselines black (OpenMP, the reference) and greys; the other baselines earth tones.
 */
const BACKEND_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#882255', '#44AA99', '#AA4499', '#F0E442'];
const NATIVE_COLORS = ['#8a8a8a', '#555555', '#b0b0b0'];
const BASELINE_COLORS = ['#8c6d31', '#6a3d9a', '#b15928', '#1f78b4'];

export class Palette {
  readonly #colors = new Map<string, string>();

  /** Assigns colours in this order: the first time a name appears fixes its colour. */
  constructor(runners: readonly { readonly name: string; readonly role: 'backend' | 'baseline' }[]) {
    const next = { backend: 0, native: 0, baseline: 0 };
    for (const { name, role } of runners) {
      if (this.#colors.has(name)) continue;
      let color: string;
      if (name === OPENMP_REFERENCE) color = '#222222';
      else if (role === 'backend') color = BACKEND_COLORS[next.backend++ % BACKEND_COLORS.length]!;
      else if (name.startsWith('native')) color = NATIVE_COLORS[next.native++ % NATIVE_COLORS.length]!;
      else color = BASELINE_COLORS[next.baseline++ % BASELINE_COLORS.length]!;
      this.#colors.set(name, color);
    }
  }

  color(runner: string): string {
    return this.#colors.get(runner) ?? '#999999';
  }
}
