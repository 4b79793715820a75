/**
 * A shell word as the tokenizer returns it: its value after quote removal and the map from each
 * value character back to the script character it came from.
 */
export interface ShellWord {
  /**
   * The value after quote removal and escapes. Expansions stay as written (`$VAR`, `${VAR:-x}`,
   * `$(cmd)`), so that later steps can resolve what they know and leave the rest.
   */
  value: string;
  /** the script text of the word, quotes and escapes included */
  raw: string;
  /** script offset of the first character */
  start: number;
  /** script offset just past the last character */
  end: number;
  /**
   * Pairs `[valueIndex, scriptOffset, ...]`: from `valueIndex` on, value characters sit at
   * consecutive script offsets starting at `scriptOffset`, up to the next pair.
   */
  pieces: number[];
  /** some part was quoted or escaped */
  quoted: boolean;
  /** holds a command substitution (`$(...)`, backticks), whose output nothing here knows */
  substituted: boolean;
}

/** Script offset of value character `index` (an index past the end extends the last piece). */
export function scriptOffsetOf(word: ShellWord, index: number): number {
  const pieces = word.pieces;
  if (pieces.length === 0) return word.start;

  let low = 0;
  let high = pieces.length / 2 - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((pieces[mid * 2] ?? 0) <= index) low = mid;
    else high = mid - 1;
  }
  const at = pieces[low * 2] ?? 0;
  return (pieces[low * 2 + 1] ?? word.start) + (index - at);
}

/** Builds a word's value and piece map, one appended run at a time. */
export class WordBuilder {
  value = '';
  readonly pieces: number[] = [];

  /** Appends `text` whose first character sits at script offset `offset` (the rest follow it). */
  add(text: string, offset: number): void {
    if (text === '') return;

    const count = this.pieces.length;
    const lastIndex = this.pieces[count - 2] ?? 0;
    const lastOffset = this.pieces[count - 1] ?? 0;
    if (count === 0 || lastOffset + (this.value.length - lastIndex) !== offset) {
      this.pieces.push(this.value.length, offset);
    }
    this.value += text;
  }
}
