/** A small deterministic generator (xorshift32) for test inputs. */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed | 0 || 1;
  }

  next(): number {
    let x = this.#state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#state = x;
    return x >>> 0;
  }

  below(limit: number): number {
    return this.next() % limit;
  }

  i32(): number {
    return this.next() | 0;
  }
}
