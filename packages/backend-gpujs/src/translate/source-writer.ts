/**
 * Builds GPU.js kernel source text: statements line by line, fresh temporaries, and the
 * number formatting GPU.js's parser reads the same way in every mode.
 */
export class SourceWriter {
  readonly #lines: string[] = [];
  #depth = 1;
  #temps = 0;

  line(text: string): void {
    this.#lines.push(`${'  '.repeat(this.#depth)}${text}`);
  }

  /** Declares a fresh temporary holding `value` and returns its name. GPU.js wants every declaration initialised. */
  temp(value: string, prefix = 't'): string {
    const name = `${prefix}${this.#temps++}`;
    this.line(`let ${name} = ${value};`);
    return name;
  }

  /**
   * Keeps a condition for later as 0 or 1 and returns a boolean expression reading it. GPU.js
   * types `let t = a >= b` as a number (it infers booleans only for < and >), which WGSL refuses.
   */
  flag(condition: string): string {
    return `(${this.temp(`${condition} ? 1 : 0`, 'f')} == 1)`;
  }

  /** A fresh name without a declaration (for a variable the caller declares). */
  name(prefix: string): string {
    return `${prefix}${this.#temps++}`;
  }

  open(head: string): void {
    this.line(`${head} {`);
    this.#depth++;
  }

  close(tail = ''): void {
    this.#depth--;
    this.line(`}${tail}`);
  }

  /** `if (condition) { body }`. */
  block(head: string, body: () => void): void {
    this.open(head);
    body();
    this.close();
  }

  get lines(): readonly string[] {
    return this.#lines;
  }
}

/**
 * A number as GPU.js source. GPU.js types a literal with a fractional part as a float and an
 * integral one as an integer it may narrow; writing integers plainly is right where they are
 * indices and counts, and every value our kernels compute with is an exact integer or an f32.
 */
export function num(value: number): string {
  if (Object.is(value, -0)) return '(-0.0)';
  if (!Number.isFinite(value)) throw new Error(`no GPU.js literal for ${value}`);
  return value < 0 ? `(${value})` : String(value);
}
