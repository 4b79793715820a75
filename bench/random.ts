/** A small seeded generator (mulberry32): the same seed gives the same inputs and edits. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** A few lowercase words: the text that edits land in. */
  words(count: number): string {
    return Array.from({ length: count }, () => this.pick(WORDS)).join(' ');
  }
}

const WORDS = [
  'alpha',
  'bravo',
  'cache',
  'delta',
  'emit',
  'fetch',
  'gamma',
  'host',
  'index',
  'join',
  'kilo',
  'lima',
  'metric',
  'node',
  'orbit',
  'proxy',
  'quota',
  'relay',
  'shard',
  'token',
  'uplink',
  'vector',
  'worker',
  'yield',
  'zone',
];
